import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { yieldIfBusy, type HeldLease } from "../../checkpoints/index.ts";
import type { SwitchyardMetrics, AttemptSample } from "../telemetry/metrics.ts";
import { ServerRequestError, notFound } from "./http-error.ts";
import type { RunCreateBody } from "./request-schemas.ts";
import { runInvocation } from "./run-options.ts";
import { watchCancels } from "./cancel-watch.ts";
import { RunChannel } from "./run-channel.ts";
import { streamRun } from "./run-stream.ts";
import type { Assistants, AssistantRecord } from "./served-graph.ts";
import { runWroteCheckpoints, type RunRecord, type ServerTables } from "./server-tables.ts";
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

export interface ActiveRun {
  channel: RunChannel;
  abort: AbortController;
  /** Set when a cancel asked for a rollback: the run's record goes once it stops. */
  rollback: boolean;
  /** A crashed run taken over on start: it goes on from its thread's last checkpoint. */
  recovering: boolean;
}

const keptChannels = 500;

function attemptsOf(values: unknown): AttemptSample[] {
  if (typeof values !== "object" || values === null || !("attempts" in values) || !Array.isArray(values.attempts)) return [];
  return values.attempts as AttemptSample[];
}

function errorData(error: unknown): { error: string; message: string } {
  return error instanceof Error ? { error: error.name, message: error.message } : { error: "Error", message: String(error) };
}

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

  constructor(parts: RunManagerParts) {
    this.#parts = parts;
  }

  /**
   * Creates a run on a thread and starts it when the thread is free; throws 404/409/422 as the API does.
   * The strategies hold across processes on one database: the thread's lease decides who runs, a run held
   * elsewhere is refused (reject), waited for (enqueue) or asked to stop (interrupt, rollback) through its record.
   */
  async create(threadId: string, body: RunCreateBody, temporary = false): Promise<RunRecord> {
    const { tables, assistants } = this.#parts;
    const assistant = assistants.find(body.assistant_id);
    if (assistant === undefined) {
      const known = assistants.all().map((record) => record.graph_id).join(", ");
      throw new ServerRequestError(404, `assistant "${body.assistant_id}" not found. Fix: use a graph id (${known}) or its assistant_id.`, "assistant_id");
    }
    const problem = body.input == null ? undefined : assistants.served(assistant).checkInput?.(body.input);
    if (problem !== undefined) throw new ServerRequestError(422, `body field "input.${problem.field}": ${problem.message}`, `input.${problem.field}`);
    if (tables.thread(threadId) === undefined) {
      if (body.if_not_exists !== "create" && !temporary) throw notFound("thread", threadId);
      tables.createThread(threadId, { graph_id: assistant.graph_id });
    }
    const strategy = body.multitask_strategy ?? "reject";
    const inflight = tables.activeRuns(threadId);
    const runId = this.#parts.generateId();
    if (strategy === "reject") {
      const busyWith = inflight[0]?.run_id ?? (await this.#parts.leases.foreignHolder(threadId))?.runId;
      // Taking the lease here, not when the run starts, closes the gap in which two servers both see it free.
      const holder = busyWith === undefined ? await this.#parts.leases.takeNow(threadId, runId) : undefined;
      const blocking = busyWith ?? holder?.runId;
      if (blocking !== undefined) {
        const where = holder === undefined ? "" : ` (in ${holder.instanceId})`;
        throw new ServerRequestError(409, `thread "${threadId}" is already running run ${blocking}${where}. Fix: wait for it (join) or send multitask_strategy "enqueue".`, "multitask_strategy");
      }
    }
    if (strategy === "interrupt" || strategy === "rollback") for (const run of inflight) this.cancel(run.run_id, strategy);
    const run = tables.createRun({
      owner: this.#parts.leases.keeper.instanceId,
      run_id: runId,
      thread_id: threadId,
      assistant_id: assistant.assistant_id,
      status: "pending",
      metadata: body.metadata ?? {},
      multitask_strategy: strategy,
      kwargs: { ...body, temporary },
    });
    tables.updateThread(threadId, { status: "busy" });
    this.#schedule(run, assistant, body, temporary, false);
    return run;
  }

  /** Queues a run behind this process's earlier runs on its thread; it starts once it holds the thread's lease. */
  #schedule(run: RunRecord, assistant: AssistantRecord, body: RunCreateBody, temporary: boolean, recovering: boolean): void {
    const threadId = run.thread_id;
    const active: ActiveRun = { channel: new RunChannel(), abort: new AbortController(), rollback: false, recovering };
    this.#remember(run.run_id, active);
    const queue = this.#queues.get(threadId) ?? [];
    queue.push(run.run_id);
    this.#queues.set(threadId, queue);
    this.#watchCancels();
    const previous = this.#tails.get(threadId) ?? Promise.resolve();
    const tail = previous.then(() => this.#execute(run, assistant, body, active, temporary));
    this.#tails.set(threadId, tail);
    void tail.finally(() => {
      if (this.#tails.get(threadId) === tail) this.#tails.delete(threadId);
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

  async #execute(run: RunRecord, assistant: AssistantRecord, body: RunCreateBody, active: ActiveRun, temporary: boolean): Promise<void> {
    const { tables, assistants, metrics, leases, checkpointer } = this.#parts;
    const { channel } = active;
    // The request that created this run was just read and parsed (a MiB body takes tens of ms): the run's
    // own first slice of work waits for the next turn of the loop if that one is already long.
    await yieldIfBusy();
    const threadId = run.thread_id;
    let held: HeldLease | undefined;
    let failure: unknown;
    try {
      held = await leases.wait(threadId, run.run_id, active.abort.signal);
    } catch (error) {
      failure = error;
    }
    // While it waited, the run may have been cancelled, or claimed by a server recovering it after we stalled.
    const current = tables.run(run.run_id);
    const stillOurs = current !== undefined && current.owner === leases.keeper.instanceId && (current.status === "pending" || current.status === "running");
    if (held === undefined || !stillOurs) {
      // A cancel (shutdown, interrupt, rollback) already recorded the run; only a real failure is an error.
      if (failure !== undefined && !active.abort.signal.aborted) {
        channel.push({ event: "error", data: errorData(failure) });
        tables.failRun(run.run_id, errorData(failure).message);
      }
      await this.#finishInQueue(threadId, run.run_id);
      // The thread this run made busy is idle again unless another run of it is still active.
      if (tables.activeRuns(threadId).length === 0 && tables.thread(threadId)?.status === "busy") tables.updateThread(threadId, { status: "idle" });
      channel.finish();
      return;
    }
    const served = assistants.served(assistant);
    const latest = (await checkpointer.getTuple({ configurable: { thread_id: threadId } }))?.config.configurable?.checkpoint_id as string | undefined;
    // A recovered run that had written checkpoints goes on from the latest; one that had not starts afresh.
    const continueFromLatest = active.recovering && runWroteCheckpoints(current, latest);
    if (!continueFromLatest) tables.startRun(run.run_id, latest ?? "");
    const signal = AbortSignal.any([active.abort.signal, held.signal]);
    const { input, modes, graphOptions } = runInvocation(run, assistant, served, body, signal, continueFromLatest);
    channel.push({ event: "metadata", data: { run_id: run.run_id, attempt: 1 } });
    try {
      const before = attemptsOf((await served.graph.getState({ configurable: { thread_id: threadId } })).values).length;
      for await (const event of streamRun(served.graph, input, { modes, subgraphs: body.stream_subgraphs ?? false, runId: run.run_id, graphOptions, ...(served.outputChecks === undefined ? {} : { outputChecks: served.outputChecks }), ...(served.answerGate === undefined ? {} : { answerGate: served.answerGate }) })) {
        channel.push(event);
      }
      const state = await served.graph.getState({ configurable: { thread_id: threadId } });
      metrics.recordAttempts(attemptsOf(state.values).slice(before));
      tables.setRunStatus(run.run_id, "success");
      tables.updateThread(threadId, { status: state.next.length > 0 || interruptsOf(state).length > 0 ? "interrupted" : "idle", error: null });
    } catch (error) {
      if (active.abort.signal.aborted) {
        tables.setRunStatus(run.run_id, "interrupted");
        tables.updateThread(threadId, { status: "idle" });
        if (active.rollback) tables.deleteRun(run.run_id);
      } else {
        // A lost lease (this process stalled past its expiry and another took the thread) names the new holder.
        const data = errorData(held.signal.aborted ? held.signal.reason : error);
        channel.push({ event: "error", data });
        tables.failRun(run.run_id, data.message);
        tables.updateThread(threadId, { status: "error", error: data.message });
      }
    } finally {
      await this.#finishInQueue(threadId, run.run_id);
      if (tables.activeRuns(threadId).length > 0) tables.updateThread(threadId, { status: "busy" });
      channel.push({ event: "end", data: null });
      channel.finish();
      if (temporary) await this.#dropThread(threadId);
    }
  }

  async #dropThread(threadId: string): Promise<void> {
    await this.#parts.checkpointer.deleteThread(threadId);
    this.#parts.tables.deleteThread(threadId);
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
    const channel = this.channel(runId);
    if (channel !== undefined) await channel.done;
    const failure = channel?.events.find((event) => event.event === "error");
    if (failure !== undefined) return { __error__: failure.data };
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
