import { Redis } from "ioredis";
import { z } from "zod";
import { SwitchyardError } from "../../errors.ts";
import type { BusEvent, CancelAction, RunBus } from "../run-bus.ts";
import type { RunEvent } from "../run-stream.ts";
import { toWireJson } from "../wire-json.ts";
import { logConnectionErrors, reasonOf } from "./redis-connection.ts";
import { endField, eventField, followStream } from "./redis-follow.ts";
import { badEventId, checkRunId, runKeySegment } from "./run-key.ts";
import { streamIdPattern } from "./stream-id.ts";

export interface RedisRunBusConfig {
  /** A redis:// URL (the bus opens and closes its connections) or a client (the bus duplicates it for readers; the caller closes it). */
  redis: string | Redis;
  /** Prefix of every key and channel; one per deployment so two deployments on one Redis never mix runs. Default "switchyard:bus". */
  keyPrefix?: string;
  /** Events kept per run (XADD MAXLEN ~); a follower from the start of a longer run begins at the oldest kept. Default 10,000. */
  maxEvents?: number;
  /** How long a finished run's events stay readable by late followers. Default 10 minutes. */
  retentionMs?: number;
  /** Expiry of a run's log while it runs, renewed by each event: a replica that dies mid-run leaves no key behind forever. Default 24 h. */
  liveTtlMs?: number;
  /** Longest single XREAD BLOCK; a follower wakes this often to notice a closed bus. Default 5,000 ms. */
  blockMs?: number;
  log?: (line: string) => void;
}

const prefixPattern = /^[A-Za-z0-9_:.-]{1,120}$/;
const cancelMessage = z.object({ runId: z.string().min(1).max(256), action: z.enum(["interrupt", "rollback"]) });

/**
 * The run bus replicas share through Redis: each run's events go to a Redis Stream (`<prefix>:run:<id>:events`,
 * XADD with MAXLEN, a retention TTL once finished), followers read it with XREAD BLOCK on a connection of their
 * own and resume from a stream id (`Last-Event-ID`); cancels go over pub/sub on `<prefix>:cancel`.
 *
 * @example
 * const bus = new RedisRunBus({ redis: "redis://127.0.0.1:6379", keyPrefix: "switchyard:prod" });
 * bus.onCancel((runId, action) => runs.cancelLocal(runId, action));
 * for await (const { id, event } of bus.follow(runId, { after: request.headers.get("last-event-id") ?? undefined })) send(id, event);
 */
export class RedisRunBus implements RunBus {
  readonly #writer: Redis;
  readonly #ownsWriter: boolean;
  readonly #prefix: string;
  readonly #maxEvents: number;
  readonly #retentionMs: number;
  readonly #liveTtlMs: number;
  readonly #blockMs: number;
  readonly #log: (line: string) => void;
  readonly #idleReaders: Redis[] = [];
  readonly #busyReaders = new Set<Redis>();
  readonly #cancelListeners = new Set<(runId: string, action: CancelAction) => void>();
  readonly #closing = new AbortController();
  #subscriber: Redis | undefined;
  #subscribed: Promise<void> = Promise.resolve();

  constructor(config: RedisRunBusConfig) {
    const prefix = config.keyPrefix ?? "switchyard:bus";
    if (!prefixPattern.test(prefix)) {
      throw new SwitchyardError("config_invalid", `run bus: keyPrefix ${JSON.stringify(prefix)} may hold only letters, digits, "_", ":", "." and "-" (1 to 120). Fix: e.g. "switchyard:prod".`);
    }
    this.#prefix = prefix;
    this.#ownsWriter = typeof config.redis === "string";
    this.#log = config.log ?? ((line) => console.warn(line));
    this.#writer = typeof config.redis === "string" ? logConnectionErrors(new Redis(config.redis, { maxRetriesPerRequest: 2 }), "publisher", this.#log) : config.redis;
    this.#maxEvents = config.maxEvents ?? 10_000;
    this.#retentionMs = config.retentionMs ?? 600_000;
    this.#liveTtlMs = config.liveTtlMs ?? 86_400_000;
    this.#blockMs = config.blockMs ?? 5_000;
  }

  /** The stream key of a run; hostile ids are encoded so the key stays under the prefix. */
  eventsKey(runId: string): string {
    return `${this.#prefix}:run:${runKeySegment(runId)}:events`;
  }

  get #cancelChannel(): string {
    return `${this.#prefix}:cancel`;
  }

  publish(runId: string, event: RunEvent): void {
    let key: string;
    let payload: string;
    try {
      key = this.eventsKey(runId);
      payload = toWireJson({ event: event.event, data: event.data });
    } catch (error) {
      this.#log(`run bus: event ${event.event} dropped: ${reasonOf(error)}`);
      return;
    }
    this.#writer
      .pipeline()
      .xadd(key, "MAXLEN", "~", this.#maxEvents, "*", eventField, payload)
      .pexpire(key, this.#liveTtlMs)
      .exec()
      .then((results) => {
        const failed = results?.find(([error]) => error !== null)?.[0];
        if (failed) this.#log(`run bus: event ${event.event} of run ${runId} not published: ${failed.message}`);
      })
      .catch((error: unknown) => this.#log(`run bus: event ${event.event} of run ${runId} not published: ${reasonOf(error)}`));
  }

  finish(runId: string): void {
    let key: string;
    try {
      key = this.eventsKey(runId);
    } catch (error) {
      this.#log(`run bus: finish dropped: ${reasonOf(error)}`);
      return;
    }
    this.#writer
      .pipeline()
      .xadd(key, "MAXLEN", "~", this.#maxEvents, "*", endField, "1")
      .pexpire(key, this.#retentionMs)
      .exec()
      .catch((error: unknown) => this.#log(`run bus: finish of run ${runId} not published: ${reasonOf(error)}`));
  }

  async *follow(runId: string, options: { after?: string; signal?: AbortSignal } = {}): AsyncIterable<BusEvent> {
    const key = this.eventsKey(runId);
    if (options.after !== undefined && !streamIdPattern.test(options.after)) throw badEventId(options.after, "a Redis stream id such as 1733480000000-0");
    if (this.#closing.signal.aborted) return;
    const signal = options.signal === undefined ? this.#closing.signal : AbortSignal.any([options.signal, this.#closing.signal]);
    const reader = this.#idleReaders.pop() ?? logConnectionErrors(this.#writer.duplicate({ maxRetriesPerRequest: 2 }), "follower", this.#log);
    this.#busyReaders.add(reader);
    let finished = false;
    try {
      yield* followStream({ key, after: options.after ?? "0-0", signal, writer: this.#writer, reader, blockMs: this.#blockMs, batch: 512, log: this.#log });
      finished = !signal.aborted;
    } catch (error) {
      if (error instanceof SwitchyardError) throw error;
      throw new SwitchyardError("run_bus", `run bus: following run ${runId} (key ${key}) failed: ${reasonOf(error)}. Fix: check that Redis is reachable.`, { cause: error });
    } finally {
      this.#busyReaders.delete(reader);
      // A reader woken by an abort was disconnected; one left mid-block by a consumer that stopped early is too.
      if (finished && this.#idleReaders.length < 4 && !this.#closing.signal.aborted) this.#idleReaders.push(reader);
      else reader.disconnect();
    }
  }

  async signalCancel(runId: string, action: CancelAction): Promise<void> {
    checkRunId(runId);
    try {
      await this.#writer.publish(this.#cancelChannel, JSON.stringify({ runId, action }));
    } catch (error) {
      throw new SwitchyardError("run_bus", `run bus: cancel of run ${runId} not sent: ${reasonOf(error)}. Fix: check that Redis is reachable.`, { cause: error });
    }
  }

  onCancel(listener: (runId: string, action: CancelAction) => void): () => void {
    this.#cancelListeners.add(listener);
    if (this.#subscriber === undefined) {
      const subscriber = logConnectionErrors(this.#writer.duplicate(), "cancel subscriber", this.#log);
      this.#subscriber = subscriber;
      subscriber.on("message", (channel: string, message: string) => this.#deliverCancel(channel, message));
      this.#subscribed = subscriber.subscribe(this.#cancelChannel).then(
        () => undefined,
        (error: unknown) => this.#log(`run bus: cancel subscription failed: ${reasonOf(error)}`),
      );
    }
    return () => this.#cancelListeners.delete(listener);
  }

  /** Resolves once this replica receives cancels (the SUBSCRIBE that `onCancel` starts has been answered). */
  whenSubscribed(): Promise<void> {
    return this.#subscribed;
  }

  #deliverCancel(channel: string, message: string): void {
    if (channel !== this.#cancelChannel) return;
    let parsed: z.infer<typeof cancelMessage>;
    try {
      parsed = cancelMessage.parse(JSON.parse(message));
    } catch {
      this.#log(`run bus: ignored a malformed cancel on ${channel} (${message.length} characters)`);
      return;
    }
    for (const listener of [...this.#cancelListeners]) {
      try {
        listener(parsed.runId, parsed.action);
      } catch (error) {
        this.#log(`run bus: a cancel listener for run ${parsed.runId} threw: ${reasonOf(error)}`);
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closing.signal.aborted) return;
    this.#closing.abort();
    this.#cancelListeners.clear();
    for (const reader of [...this.#idleReaders, ...this.#busyReaders]) reader.disconnect();
    this.#idleReaders.length = 0;
    const closing: Array<Promise<unknown>> = [];
    if (this.#subscriber !== undefined) closing.push(this.#subscriber.quit().catch(() => this.#subscriber?.disconnect()));
    if (this.#ownsWriter) closing.push(this.#writer.quit().catch(() => this.#writer.disconnect()));
    await Promise.all(closing);
  }
}
