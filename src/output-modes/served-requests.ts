import type { BaseStore, PutOperation } from "@langchain/langgraph-checkpoint";
import { z } from "zod";
import { OUTPUT_MODES, type OutputMode } from "./protocol.ts";

/** One answered request: which (deployment, mode) produced the answer the caller got. */
export interface ServedRequest {
  request_id: string;
  thread_id?: string;
  run_id?: string;
  deployment: string;
  mode: OutputMode;
  served_at: number;
  /** Set once feedback was recorded: a second verdict on the same request is not counted again. */
  feedback_at?: number;
}

/** How feedback names a request: exactly one of these. */
export type RequestLookup = { request_id: string } | { run_id: string } | { thread_id: string };

const servedRow = z.object({
  request_id: z.string(),
  thread_id: z.string().optional(),
  run_id: z.string().optional(),
  deployment: z.string(),
  mode: z.enum(OUTPUT_MODES),
  served_at: z.number(),
  feedback_at: z.number().optional(),
});
const pointerRow = z.object({ request_id: z.string() });

export const SERVED_NAMESPACE: readonly string[] = ["switchyard", "served-requests"];

export interface ServedRequestsConfig {
  generateId: () => string;
  /** Where answered requests persist, so feedback after a restart (or on another replica) still finds them. */
  store?: BaseStore;
  /** Requests kept in memory (the store keeps all); default 10,000. */
  capacity?: number;
  onError?: (error: unknown) => void;
}

/**
 * The record feedback is resolved against: which (deployment, mode) served each answered request. A caller
 * names the request; the ledger, never the caller, says who served it.
 *
 * @example
 * const served = new ServedRequests({ generateId: randomUUID });
 * const { request_id } = served.record({ thread_id: "t1", deployment: "gpt", mode: "emit", served_at: Date.now() });
 * await served.find({ request_id }); // -> { deployment: "gpt", mode: "emit", ... }
 */
export class ServedRequests {
  private readonly byId = new Map<string, ServedRequest>();
  private readonly pointers = new Map<string, string>();
  private readonly capacity: number;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly config: ServedRequestsConfig) {
    this.capacity = config.capacity ?? 10_000;
  }

  /** Records an answered request; returns it with its new request id. Persisting does not delay the caller. */
  record(served: Omit<ServedRequest, "request_id" | "feedback_at">): ServedRequest {
    const entry: ServedRequest = { ...served, request_id: this.config.generateId() };
    this.remember(entry);
    this.persist(entry, true);
    return entry;
  }

  /** The request a lookup names, from memory or the store; undefined when none was answered under that name. */
  async find(lookup: RequestLookup): Promise<ServedRequest | undefined> {
    const pointer = "request_id" in lookup ? lookup.request_id : "run_id" in lookup ? this.pointers.get(`run:${lookup.run_id}`) : this.pointers.get(`thread:${lookup.thread_id}`);
    const known = pointer === undefined ? undefined : this.byId.get(pointer);
    if (known !== undefined) return known;
    const store = this.config.store;
    if (store === undefined) return undefined;
    await this.writes;
    const id = "request_id" in lookup ? lookup.request_id : pointerRow.safeParse((await store.get([...SERVED_NAMESPACE], "run_id" in lookup ? `run:${lookup.run_id}` : `thread:${lookup.thread_id}`))?.value).data?.request_id;
    if (id === undefined) return undefined;
    const parsed = servedRow.safeParse((await store.get([...SERVED_NAMESPACE], `request:${id}`))?.value);
    if (!parsed.success) return undefined;
    // Two lookups may have raced to the store: the first one remembered wins, so a duplicate still sees feedback_at.
    const raced = this.byId.get(parsed.data.request_id);
    if (raced !== undefined) return raced;
    this.remember(parsed.data);
    return parsed.data;
  }

  /** Marks feedback as recorded; false when it already was (the caller's duplicate is then not counted). */
  markFeedback(entry: ServedRequest, at: number): boolean {
    if (entry.feedback_at !== undefined) return false;
    entry.feedback_at = at;
    this.persist(entry, false);
    return true;
  }

  /** Waits for pending writes (call at close). */
  flush(): Promise<void> {
    return this.writes;
  }

  private remember(entry: ServedRequest): void {
    this.byId.set(entry.request_id, entry);
    if (entry.thread_id !== undefined) this.pointers.set(`thread:${entry.thread_id}`, entry.request_id);
    if (entry.run_id !== undefined) this.pointers.set(`run:${entry.run_id}`, entry.request_id);
    // Oldest first out: Maps iterate in insertion order.
    while (this.byId.size > this.capacity) {
      const oldest = this.byId.keys().next().value;
      if (oldest === undefined) break;
      this.byId.delete(oldest);
    }
    if (this.pointers.size > this.capacity * 2) {
      for (const [pointer, id] of this.pointers) if (!this.byId.has(id)) this.pointers.delete(pointer);
    }
  }

  private persist(entry: ServedRequest, withPointers: boolean): void {
    const store = this.config.store;
    if (store === undefined) return;
    const row = { ...entry };
    const namespace = [...SERVED_NAMESPACE];
    // One batch, so the row and its pointers go in one store round (one SQLite transaction) rather than three:
    // this write runs on every answered request (issue #18), and a pointer never lands without its row.
    const puts: PutOperation[] = [{ namespace, key: `request:${row.request_id}`, value: row }];
    if (withPointers && row.thread_id !== undefined) puts.push({ namespace, key: `thread:${row.thread_id}`, value: { request_id: row.request_id } });
    if (withPointers && row.run_id !== undefined) puts.push({ namespace, key: `run:${row.run_id}`, value: { request_id: row.request_id } });
    this.writes = this.writes
      .then(async () => {
        await store.batch(puts);
      })
      .catch((error: unknown) => this.config.onError?.(error));
  }
}
