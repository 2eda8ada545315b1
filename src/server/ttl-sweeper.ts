import { setImmediate as nextTurn } from "node:timers/promises";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { prunableSaver, SwitchyardSqliteStore } from "../../checkpoints/index.ts";
import type { TtlConfig } from "../config/server-config.ts";
import type { RunLeases } from "./run-leases.ts";
import type { ThreadTtlState } from "./state/server-state.ts";

export interface TtlSweeperParts {
  config: TtlConfig;
  ttls: ThreadTtlState;
  checkpointer: BaseCheckpointSaver;
  /** Held while a thread is deleted or pruned, so a state update (a fork) or a run cannot interleave. */
  leases?: RunLeases;
  store: unknown;
  now: () => number;
  log?: ((line: string) => void) | undefined;
}

/** What one sweep did. */
export interface SweepReport {
  deleted: string[];
  pruned: string[];
  storeItems: number;
}

/**
 * Deletes threads whose TTL ran out (their runs, checkpoints and rows), or prunes them to their latest
 * checkpoint (keep_latest), and drops expired store items. Runs on an unref'd interval, in batches of
 * `config.batch` with a turn of the event loop between batches, so requests are never held up for long.
 * A thread with a run pending or in flight is left for a later sweep.
 */
export class TtlSweeper {
  readonly #parts: TtlSweeperParts;
  #timer: ReturnType<typeof setInterval> | undefined;
  #sweeping: Promise<SweepReport> | undefined;
  #stopped = false;

  constructor(parts: TtlSweeperParts) {
    this.#parts = parts;
  }

  /** Sweeps every `sweep_ms` on an unref'd timer: the sweeper never keeps the process alive. */
  start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    this.#timer = setInterval(() => void this.sweep().catch((error: unknown) => this.#parts.log?.(`ttl sweep failed: ${String(error)}`)), this.#parts.config.sweep_ms);
    this.#timer.unref?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sweeping?.catch(() => undefined);
  }

  /** One sweep; concurrent calls share it. */
  sweep(): Promise<SweepReport> {
    this.#sweeping ??= this.#sweep().finally(() => (this.#sweeping = undefined));
    return this.#sweeping;
  }

  async #sweep(): Promise<SweepReport> {
    const { config, ttls, now } = this.#parts;
    const report: SweepReport = { deleted: [], pruned: [], storeItems: 0 };
    const fallback = { ttlMs: config.thread?.default_minutes === undefined ? null : Math.round(config.thread.default_minutes * 60_000), strategy: config.thread?.strategy ?? "delete" };
    // Pruned threads restart their clock and deleted ones vanish, so each batch finds new ones until none are left.
    for (;;) {
      if (this.#stopped) break;
      const expired = await ttls.expired(now(), fallback, config.batch);
      for (const thread of expired) {
        if (thread.strategy === "delete") {
          if (await this.#delete(thread.thread_id)) report.deleted.push(thread.thread_id);
        } else if (await this.#prune(thread.thread_id)) {
          report.pruned.push(thread.thread_id);
        }
      }
      if (expired.length < config.batch) break;
      await nextTurn();
    }
    await ttls.forgetDeleted();
    if (this.#parts.store instanceof SwitchyardSqliteStore) report.storeItems = this.#parts.store.sweep();
    return report;
  }

  async #delete(threadId: string): Promise<boolean> {
    const { ttls, checkpointer } = this.#parts;
    // Idleness is checked again in the delete's own transaction (a run may have started since the batch was
    // read), and of several replicas sweeping the thread at once only one deletes it and its checkpoints.
    // The rows first: a run asked for from now on finds no thread (404) rather than half a one.
    return this.#holding(threadId, "ttl-delete", async () => {
      if (!(await ttls.deleteIdle(threadId))) return false;
      await checkpointer.deleteThread(threadId);
      return true;
    });
  }

  async #prune(threadId: string): Promise<boolean> {
    const { ttls, checkpointer, now } = this.#parts;
    await ttls.swept(threadId, now());
    const pruner = prunableSaver(checkpointer);
    if (pruner === undefined) {
      this.#parts.log?.(`ttl keep_latest skipped thread ${threadId}: this checkpointer cannot prune (switchyard's SQLite and Postgres savers can)`);
      return false;
    }
    return this.#holding(threadId, "ttl-prune", async () => !(await pruner.pruneThread(threadId)).skipped);
  }

  /** `work` under the thread's lease; false without running it while someone else (a run, a fork) holds it. */
  async #holding(threadId: string, label: string, work: () => Promise<boolean>): Promise<boolean> {
    const leases = this.#parts.leases;
    if (leases === undefined) return work();
    const outcome = await leases.exclusive(threadId, label, work);
    return outcome.ran && outcome.value;
  }
}
