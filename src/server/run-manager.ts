import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { SwitchyardMetrics } from "../telemetry/metrics.ts";
import { ServerRequestError, notFound } from "./http-error.ts";
import type { RunCreateBody } from "./request-schemas.ts";
import { watchCancels } from "./cancel-watch.ts";
import { RunChannel } from "./run-channel.ts";
import { executeRun, type ActiveRun, type RunExecutionParts } from "./run-execution.ts";
import { keepsCheckpointsInMemory, withRunDurability } from "./run-options.ts";
import type { Assistants, AssistantRecord } from "./assistant-registry.ts";
import type { RunRecord } from "./server-tables.ts";
import type { CancelAction, RunBus } from "./run-bus.ts";
import { awaitRemoteRun, followRemote, recordSettled, type FollowedEvent, type RemoteRunParts } from "./run-follow.ts";
import type { ServerState } from "./state/server-state.ts";
import { lastValues, threadValues } from "./run-result.ts";
import type { RunEvent } from "./run-stream.ts";
import type { RunLeases } from "./run-leases.ts";
import { recoverRuns, settleIdleBusyThreads, type RecoveryMode, type RecoveryReport } from "./run-recovery.ts";

export interface RunManagerParts {
  state: ServerState;
  assistants: Assistants;
  checkpointer: BaseCheckpointSaver;
  metrics: SwitchyardMetrics;
  generateId: () => string;
  /** The thread leases every run takes before it starts, shared with every process on the same database. */
  leases: RunLeases;
  /** How often runs of this process look for a cancel sent by another process (interrupt/rollback); default 1000 ms. */
  cancelCheckMs?: number;
  /** Replicas' shared run events and cancels (run-bus.ts); without one, records are polled (cancelCheckMs, remotePollMs). */
  bus?: RunBus | undefined;
  /** How often a run executing on another replica is read while a wait or join waits for it; default 250 ms. */
  remotePollMs?: number;
  /** Looks for dead owners' runs this often for good (replicas on Postgres); unset: at start and while an owner's fate is open. */
  recoveryPollMs?: number;
  log?: ((line: string) => void) | undefined;
  /**
   * Durability of runs that ask for none (a stateless run its caller waits for: "exit", withRunDurability). On a network database "async" lets a step's writes still be in
   * flight when the next step's model call starts: a replica killed then would have that step done again.
   */
  durability?: "sync" | "async" | "exit" | undefined;
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
  readonly #unsubscribe: (() => void) | undefined;

  readonly #execution: RunExecutionParts;
  readonly #remote: RemoteRunParts;

  constructor(parts: RunManagerParts) {
    this.#parts = parts;
    this.#execution = { ...parts, finishInQueue: (threadId, runId) => this.#finishInQueue(threadId, runId) };
    this.#remote = { state: parts.state, bus: parts.bus, pollMs: parts.remotePollMs ?? 250 };
    // A cancel sent on another replica reaches the one that runs it at once, not at its next record poll.
    this.#unsubscribe = parts.bus?.onCancel((runId, action) => this.#abortLocal(runId, action));
  }

  #abortLocal(runId: string, action: CancelAction): boolean {
    const active = this.#channels.get(runId);
    if (active === undefined || active.channel.finished) return false;
    active.rollback = action === "rollback";
    active.abort.abort(new Error(`run ${runId} cancelled (${action})`));
    return true;
  }

  /**
   * Creates a run on a thread and starts it when the thread is free; throws 404/409/422 as the API does.
   * The strategies hold across processes on one database: the thread's lease decides who runs, a run held
   * elsewhere is refused (reject), waited for (enqueue) or asked to stop (interrupt, rollback) through its record.
   */
  async create(threadId: string, asked: RunCreateBody, temporary = false, joinable = false, cronFiring?: { cronId: string; dueAt: number }): Promise<RunRecord> {
    const callerWaits = temporary && !joinable && cronFiring === undefined;
    const [{ state, assistants }, body] = [this.#parts, withRunDurability(asked, callerWaits)];
    const assistant = await assistants.find(body.assistant_id);
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
    const existing = temporary ? undefined : await state.thread(threadId);
    const exists = existing !== undefined;
    if (!exists && body.if_not_exists !== "create" && !temporary) throw notFound("thread", threadId);
    const strategy = body.multitask_strategy ?? "reject";
    const inflight = exists ? await state.activeRuns(threadId) : [];
    // A resume answers an interrupt: on a thread with none (and no run in flight that could stop at one) it would run nothing and say 200.
    if (body.command?.resume !== undefined && inflight.length === 0 && existing?.status !== "interrupted") {
      throw new ServerRequestError(409, `thread "${threadId}" is not interrupted, so command.resume has nothing to answer. Fix: send input instead, or resume only a thread whose status is "interrupted".`, "command.resume");
    }
    await this.#requireCheckpoint(threadId, body, exists);
    const runId = this.#parts.generateId();
    if (strategy === "reject") {
      // A thread with no row yet (stateless, or created with this run): only taking the lease below can find it held.
      const busyWith = inflight[0]?.run_id ?? (temporary || !exists ? undefined : (await this.#parts.leases.foreignHolder(threadId))?.runId);
      // Taking the lease here, not when the run starts, closes the gap in which two servers both see it free.
      const holder = busyWith === undefined ? await this.#parts.leases.takeNow(threadId, runId) : undefined;
      const blocking = busyWith ?? holder?.runId;
      if (blocking !== undefined) {
        const where = holder === undefined ? "" : ` (in ${holder.instanceId})`;
        throw new ServerRequestError(409, `thread "${threadId}" is already running run ${blocking}${where}. Fix: wait for it (join) or send multitask_strategy "enqueue".`, "multitask_strategy");
      }
    }
    if (strategy === "interrupt" || strategy === "rollback") for (const run of inflight) await this.cancel(run.run_id, strategy);
    // The thread (when new), the run, the thread's busy status and a cron firing's run id in one transaction.
    // As the official server: a run names its graph and assistant in the thread's metadata (search by graph finds it).
    const run = await state.openRun({
      threadMetadata: { graph_id: assistant.graph_id, assistant_id: assistant.assistant_id },
      ...(cronFiring === undefined ? {} : { cronFiring }),
      run: {
        owner: this.#parts.leases.keeper.instanceId,
        run_id: runId,
        thread_id: threadId,
        assistant_id: assistant.assistant_id,
        status: "pending",
        metadata: body.metadata ?? {},
        multitask_strategy: strategy,
        kwargs: { ...body, temporary },
      },
    });
    this.#schedule(run, assistant, body, temporary, false, joinable, keepsCheckpointsInMemory(body, callerWaits));
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
  #schedule(run: RunRecord, assistant: AssistantRecord, body: RunCreateBody, temporary: boolean, recovering: boolean, joinable = false, inMemory = false): void {
    const threadId = run.thread_id;
    const bus = this.#parts.bus;
    const mirror = bus === undefined ? undefined : { push: (event: RunEvent) => bus.publish(run.run_id, event), finish: () => bus.finish(run.run_id) };
    const active: ActiveRun = { channel: new RunChannel(mirror), abort: new AbortController(), rollback: false, recovering, tap: { interrupted: false } };
    this.#remember(run.run_id, active);
    const queue = this.#queues.get(threadId) ?? [];
    queue.push(run.run_id);
    this.#queues.set(threadId, queue);
    this.#watchCancels();
    const tail = (this.#tails.get(threadId) ?? Promise.resolve()).then(() => executeRun(this.#execution, { run, assistant, body, active, temporary, inMemory }));
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

  /** Another process cancels one of our runs through its record (cancel-watch.ts); with a bus only a slow safety net. */
  #watchCancels(): void {
    this.#stopWatchFn ??= watchCancels(this.#channels, this.#parts.state, (this.#parts.cancelCheckMs ?? 1000) * (this.#parts.bus === undefined ? 1 : 5), () => (this.#stopWatchFn = undefined), this.#parts.log);
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

  /**
   * Stops a pending or running run; a pending one never starts. A run on another replica is stopped through
   * its record (which that replica polls) and, with a bus, at once through `bus.signalCancel`. Never rejects:
   * a storage failure is logged and answered false.
   */
  async cancel(runId: string, action: CancelAction = "interrupt"): Promise<boolean> {
    const { state, bus } = this.#parts;
    try {
      const active = this.#channels.get(runId);
      const run = await state.run(runId);
      if (run === undefined) return false;
      if (active === undefined && (run.status === "pending" || run.status === "running")) {
        // Another server process runs it: it reads its record (cancel-watch.ts) or hears the bus, stops, and frees the lease.
        if (action === "rollback") await state.deleteRun(runId);
        else await state.setRunStatus(runId, "interrupted");
        await bus?.signalCancel(runId, action);
        return true;
      }
      if (this.#abortLocal(runId, action) && run.status === "pending") {
        await state.setRunStatus(runId, "interrupted");
        if (action === "rollback") await state.deleteRun(runId);
      }
      return true;
    } catch (error) {
      this.#parts.log?.(`cancel of run ${runId} failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** Resolves once the run has ended, here or on another replica. */
  async settled(runId: string): Promise<void> {
    const active = this.#channels.get(runId);
    if (active !== undefined) await active.channel.done;
    if (active === undefined || active.takenOver === true) await recordSettled(this.#remote, runId, new AbortController().signal);
  }

  /** The run's events (after `after`, a bus id), then live ones: from the bus, else its channel here; undefined for neither. */
  follow(runId: string, options: { after?: string | undefined; signal: AbortSignal }): AsyncIterable<FollowedEvent> | undefined {
    // With a bus every stream reads it, here too: one id space, so `Last-Event-ID` resumes on any replica.
    const channel = this.#parts.bus === undefined ? this.channel(runId) : undefined;
    if (channel !== undefined) return (async function* () {
      for await (const event of channel.follow(options.signal)) yield { event };
    })();
    return followRemote(this.#remote, runId, options.after, options.signal);
  }

  /** Waits for a run; answers its thread's final values (with `__interrupt__`), or `{ __error__ }`. */
  async result(runId: string, threadId: string): Promise<unknown> {
    let active = this.#channels.get(runId);
    if (active !== undefined) await active.channel.done;
    // Taken over by another replica while it ran here: its end is that replica's, as for a run never here.
    if (active?.takenOver === true) active = undefined;
    // A run executing on another replica (or none: its owner died and recovery will take it): wait for its end.
    const remote = active === undefined ? await awaitRemoteRun(this.#remote, runId) : {};
    if (remote.failure !== undefined) return { __error__: remote.failure };
    const failure = active?.channel.events.find((event) => event.event === "error");
    if (failure !== undefined) return { __error__: failure.data };
    // The run's own stream ended with its thread's values; only an interrupt needs the state's tasks.
    if (active !== undefined && active.tap.values !== undefined && !active.tap.interrupted) return active.tap.values;
    return threadValues(this.#parts.assistants, this.#parts.state, runId, threadId);
  }

  /** Waits for a temporary (stateless) run, whose thread is gone by the time it ends: the last values event. */
  async statelessResult(runId: string): Promise<unknown> {
    const channel = this.channel(runId);
    if (channel === undefined) return null;
    await channel.done;
    return lastValues(channel.events);
  }

  /**
   * Crash recovery: takes over the pending and running runs whose owner died (one claim per run across
   * servers), and continues each from its thread's last checkpoint, or marks it error with the reason
   * (`mode` "error"), or success when its graph had already finished. Runs of owners not yet known dead are
   * looked at again after a lease expiry, so no thread stays pending for good while this server lives.
   */
  async recover(mode: RecoveryMode): Promise<RecoveryReport> {
    const { state, assistants, leases } = this.#parts;
    const report = await recoverRuns({ state, assistants, leases, schedule: (run, assistant, body, temporary) => this.#schedule(run, assistant, body, temporary, true) }, mode);
    await settleIdleBusyThreads(state, assistants);
    const every = this.#parts.recoveryPollMs;
    if ((report.waiting.length > 0 || every !== undefined) && !this.#closed) {
      if (this.#recheck !== undefined) clearTimeout(this.#recheck);
      const again = () => void this.recover(mode).catch((error: unknown) => this.#parts.log?.(`recovery pass failed: ${error instanceof Error ? error.message : String(error)}`));
      this.#recheck = setTimeout(again, every ?? leases.keeper.leases.ttlMs);
      this.#recheck.unref?.();
    }
    return report;
  }

  /** Aborts every run in flight (server shutdown) and waits for them to settle. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#recheck !== undefined) clearTimeout(this.#recheck);
    this.#stopWatchFn?.();
    this.#unsubscribe?.();
    await Promise.all([...this.#channels].filter(([, active]) => !active.channel.finished).map(([runId]) => this.cancel(runId)));
    await Promise.allSettled([...this.#tails.values()]);
  }
}
