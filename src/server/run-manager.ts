import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { SwitchyardMetrics } from "../telemetry/metrics.ts";
import { ServerRequestError, notFound } from "./http-error.ts";
import type { RunCreateBody } from "./request-schemas.ts";
import { watchCancels } from "./cancel-watch.ts";
import { RunChannel } from "./run-channel.ts";
import { executeRun, type ActiveRun, type RunExecutionParts } from "./run-execution.ts";
import type { Assistants, AssistantRecord } from "./assistant-registry.ts";
import type { RunRecord, ServerTables } from "./server-tables.ts";
import { interruptsOf } from "./thread-state.ts";
import type { RunLeases } from "./run-leases.ts";
import { recoverRuns, settleIdleBusyThreads, type RecoveryMode, type RecoveryReport } from "./run-recovery.ts";

export interface RunManagerParts {
  tables: ServerTables;
  assistants: Assistants;
  checkpointer: BaseCheckpointSaver;
  metrics: SwitchyardMetrics;
  generateId: () => string;
  /** The thread leases every run takes before it starts, shared with every process on the same database. */
  leases: RunLeases;
  /** How often runs of this process look for a cancel sent by another process (interrupt/rollback); default 1000 ms. */
  cancelCheckMs?: number;
}

export type { ActiveRun } from "./run-execution.ts";

const keptChannels = 500;

/**
 * Runs graphs for the API: one run at a time per thread across every server on the database (the thread's
 * lease), the rest queued (enqueue), refused (reject) or cancelling the one in flight (interrupt, rollback).
 * Each run's events go to a RunChannel that stream, join and wait read.
 */
export class RunManager {
  readonly #parts: RunManagerParts;
  readonly #channels = new Map<string, ActiveRun>();
  readonly #tails = new Map<string, Promise<void>>();
  /** Per thread, this process's runs in the order they run: who gets the lease next. */
  readonly #queues = new Map<string, string[]>();
  #stopWatchFn: (() => void) | undefined;
  #recheck: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  readonly #execution: RunExecutionParts;

  constructor(parts: RunManagerParts) {
    this.#parts = parts;
    this.#execution = { ...parts, finishInQueue: (threadId, runId) => this.#finishInQueue(threadId, runId) };
  }

  /**
   * Creates a run on a thread and starts it when the thread is free; throws 404/409/422 as the API does.
   * The strategies hold across processes on one database: the thread's lease decides who runs, a run held
   * elsewhere is refused (reject), waited for (enqueue) or asked to stop (interrupt, rollback) through its record.
   */
  async create(threadId: string, body: RunCreateBody, temporary = false, joinable = false, inTransaction?: (run: RunRecord) => void): Promise<RunRecord> {
    const { tables, assistants } = this.#parts;
    const assistant = assistants.find(body.assistant_id);
    if (assistant === undefined) {
      const known = assistants.all().map((record) => record.graph_id).join(", ");
      throw new ServerRequestError(404, `assistant "${body.assistant_id}" not found. Fix: use a graph id (${known}) or its assistant_id.`, "assistant_id");
    }
    const problem = body.input == null ? undefined : await assistants.served(assistant).checkInput?.(body.input);
    if (problem !== undefined) {
      const field = problem.field === "" ? "input" : `input.${problem.field}`;
      throw new ServerRequestError(422, `body field "${field}": ${problem.message}`, field);
    }
    // A stateless run's thread id was generated for it just now: nothing to look up.
    const exists = !temporary && tables.thread(threadId) !== undefined;
    if (!exists && body.if_not_exists !== "create" && !temporary) throw notFound("thread", threadId);
    const strategy = body.multitask_strategy ?? "reject";
    const inflight = exists ? tables.activeRuns(threadId) : [];
    // A resume answers an interrupt: on a thread with none (and no run in flight that could stop at one) it would run nothing and say 200.
    if (body.command?.resume !== undefined && inflight.length === 0 && (!exists || tables.thread(threadId)?.status !== "interrupted")) {
      throw new ServerRequestError(409, `thread "${threadId}" is not interrupted, so command.resume has nothing to answer. Fix: send input instead, or resume only a thread whose status is "interrupted".`, "command.resume");
    }
    await this.#requireCheckpoint(threadId, body, exists);
    const runId = this.#parts.generateId();
    if (strategy === "reject") {
      // A stateless run's thread is new and its id unguessed: only taking the lease below can find it held.
      const busyWith = inflight[0]?.run_id ?? (temporary ? undefined : (await this.#parts.leases.foreignHolder(threadId))?.runId);
      // Taking the lease here, not when the run starts, closes the gap in which two servers both see it free.
      const holder = busyWith === undefined ? await this.#parts.leases.takeNow(threadId, runId) : undefined;
      const blocking = busyWith ?? holder?.runId;
      if (blocking !== undefined) {
        const where = holder === undefined ? "" : ` (in ${holder.instanceId})`;
        throw new ServerRequestError(409, `thread "${threadId}" is already running run ${blocking}${where}. Fix: wait for it (join) or send multitask_strategy "enqueue".`, "multitask_strategy");
      }
    }
    if (strategy === "interrupt" || strategy === "rollback") for (const run of inflight) this.cancel(run.run_id, strategy);
    // The thread (when new), the run and the thread's busy status in one transaction.
    const run = tables.transaction(() => {
      // As the official server: a run names its graph and assistant in the thread's metadata (search by graph finds it).
      const runIds = { graph_id: assistant.graph_id, assistant_id: assistant.assistant_id };
      if (exists) tables.updateThread(threadId, { status: "busy", metadata: { ...tables.thread(threadId)?.metadata, ...runIds } });
      else tables.createThread(threadId, runIds, "busy");
      const created = tables.createRun({
        owner: this.#parts.leases.keeper.instanceId,
        run_id: runId,
        thread_id: threadId,
        assistant_id: assistant.assistant_id,
        status: "pending",
        metadata: body.metadata ?? {},
        multitask_strategy: strategy,
        kwargs: { ...body, temporary },
      });
      // A caller's row written with the run's or not at all: a cron firing notes its run id here.
      inTransaction?.(created);
      return created;
    });
    this.#schedule(run, assistant, body, temporary, false, joinable);
    return run;
  }

  /** A run from a checkpoint the thread does not have would start afresh and answer 200: a 404 instead. */
  async #requireCheckpoint(threadId: string, body: RunCreateBody, exists: boolean): Promise<void> {
    const checkpointId = body.checkpoint_id ?? body.checkpoint?.checkpoint_id;
    if (checkpointId == null) return;
    const configurable = { thread_id: threadId, checkpoint_ns: body.checkpoint?.checkpoint_ns ?? "", checkpoint_id: checkpointId };
    if (exists && (await this.#parts.checkpointer.getTuple({ configurable })) !== undefined) return;
    throw new ServerRequestError(404, `checkpoint "${checkpointId.slice(0, 80)}" not found on thread "${threadId}". Fix: pick one from the thread's history, or omit checkpoint_id.`, "checkpoint_id");
  }

  /** Queues a run behind this process's earlier runs on its thread; it starts once it holds the thread's lease. */
  #schedule(run: RunRecord, assistant: AssistantRecord, body: RunCreateBody, temporary: boolean, recovering: boolean, joinable = false): void {
    const threadId = run.thread_id;
    const active: ActiveRun = { channel: new RunChannel(), abort: new AbortController(), rollback: false, recovering, tap: { interrupted: false } };
    this.#remember(run.run_id, active);
    const queue = this.#queues.get(threadId) ?? [];
    queue.push(run.run_id);
    this.#queues.set(threadId, queue);
    this.#watchCancels();
    const previous = this.#tails.get(threadId) ?? Promise.resolve();
    const tail = previous.then(() => executeRun(this.#execution, { run, assistant, body, active, temporary }));
    this.#tails.set(threadId, tail);
    void tail.finally(() => {
      if (this.#tails.get(threadId) === tail) this.#tails.delete(threadId);
      // A stateless run cannot be joined or cancelled once over (its thread is gone); the request that
      // created it took its channel when it started. Keeping its events only grows the heap the GC walks.
      // A background stateless run (POST /runs) keeps its events for GET /runs/:id/stream, among the kept channels.
      if (temporary && !joinable) this.#channels.delete(run.run_id);
    });
  }

  /** Drops the run from its thread's local queue and passes the lease to the next run there (or frees it). */
  async #finishInQueue(threadId: string, runId: string): Promise<void> {
    const queue = (this.#queues.get(threadId) ?? []).filter((id) => id !== runId);
    if (queue.length === 0) this.#queues.delete(threadId);
    else this.#queues.set(threadId, queue);
    await this.#parts.leases.pass(threadId, runId, queue[0]);
  }

  /** Another process cancels one of our runs through its record; see cancel-watch.ts. */
  #watchCancels(): void {
    this.#stopWatchFn ??= watchCancels(this.#channels, this.#parts.tables, this.#parts.cancelCheckMs ?? 1000, () => (this.#stopWatchFn = undefined));
  }

  #remember(runId: string, active: ActiveRun): void {
    this.#channels.set(runId, active);
    if (this.#channels.size <= keptChannels) return;
    for (const [id, candidate] of this.#channels) {
      if (this.#channels.size <= keptChannels) break;
      if (candidate.channel.finished) this.#channels.delete(id);
    }
  }

  /** The run's channel while this process remembers it. */
  channel(runId: string): RunChannel | undefined {
    return this.#channels.get(runId)?.channel;
  }

  /** Stops a pending or running run; a pending one never starts. */
  cancel(runId: string, action: "interrupt" | "rollback" = "interrupt"): boolean {
    const active = this.#channels.get(runId);
    const run = this.#parts.tables.run(runId);
    if (run === undefined) return false;
    if (active === undefined && (run.status === "pending" || run.status === "running")) {
      // Another server process runs it: it reads its record (cancel-watch.ts), stops, and frees the lease.
      if (action === "rollback") this.#parts.tables.deleteRun(runId);
      else this.#parts.tables.setRunStatus(runId, "interrupted");
      return true;
    }
    if (active !== undefined && !active.channel.finished) {
      active.rollback = action === "rollback";
      active.abort.abort(new Error(`run ${runId} cancelled (${action})`));
      if (run.status === "pending") {
        this.#parts.tables.setRunStatus(runId, "interrupted");
        if (action === "rollback") this.#parts.tables.deleteRun(runId);
      }
    }
    return true;
  }

  /** Waits for a run; answers its thread's final values (with `__interrupt__`), or `{ __error__ }`. */
  async result(runId: string, threadId: string): Promise<unknown> {
    const active = this.#channels.get(runId);
    if (active !== undefined) await active.channel.done;
    const failure = active?.channel.events.find((event) => event.event === "error");
    if (failure !== undefined) return { __error__: failure.data };
    // The run's own stream ended with its thread's values; only an interrupt needs the state's tasks.
    if (active !== undefined && active.tap.values !== undefined && !active.tap.interrupted) return active.tap.values;
    const assistant = this.#parts.assistants.find(this.#parts.tables.run(runId)?.assistant_id ?? "");
    if (assistant === undefined) return null;
    const state = await this.#parts.assistants.served(assistant).graph.getState({ configurable: { thread_id: threadId } });
    const interrupts = interruptsOf(state);
    return interrupts.length > 0 ? { ...state.values, __interrupt__: interrupts } : state.values;
  }

  /** Waits for a temporary (stateless) run, whose thread is gone by the time it ends: the last values event. */
  async statelessResult(runId: string): Promise<unknown> {
    const channel = this.channel(runId);
    if (channel === undefined) return null;
    await channel.done;
    let last: unknown = null;
    for (const event of channel.events) {
      if (event.event === "values") last = event.data;
      if (event.event === "error") return { __error__: event.data };
    }
    return last;
  }

  /**
   * Crash recovery: takes over the pending and running runs whose owner died (one claim per run across
   * servers), and continues each from its thread's last checkpoint, or marks it error with the reason
   * (`mode` "error"), or success when its graph had already finished. Runs of owners not yet known dead are
   * looked at again after a lease expiry, so no thread stays pending for good while this server lives.
   */
  async recover(mode: RecoveryMode): Promise<RecoveryReport> {
    const { tables, assistants, leases } = this.#parts;
    const report = await recoverRuns({ tables, assistants, leases, schedule: (run, assistant, body, temporary) => this.#schedule(run, assistant, body, temporary, true) }, mode);
    await settleIdleBusyThreads(tables, assistants);
    if (report.waiting.length > 0 && !this.#closed) {
      this.#recheck = setTimeout(() => void this.recover(mode).catch(() => undefined), leases.keeper.leases.ttlMs);
      this.#recheck.unref?.();
    }
    return report;
  }

  /** Aborts every run in flight (server shutdown) and waits for them to settle. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#recheck !== undefined) clearTimeout(this.#recheck);
    this.#stopWatchFn?.();
    for (const [runId, active] of this.#channels) if (!active.channel.finished) this.cancel(runId);
    await Promise.allSettled([...this.#tails.values()]);
  }
}
