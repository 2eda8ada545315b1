import { MemorySaver, type BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { latestCheckpointId, yieldIfBusy, type HeldLease } from "../../checkpoints/index.ts";
import type { AttemptSample, SwitchyardMetrics } from "../telemetry/metrics.ts";
import type { RunCreateBody } from "./request-schemas.ts";
import type { RunChannel } from "./run-channel.ts";
import type { RunLeases } from "./run-leases.ts";
import { eitherSignal } from "./either-signal.ts";
import { runInvocation, withLentCheckpointer } from "./run-options.ts";
import { streamRun, type RunTap } from "./run-stream.ts";
import type { Assistants, AssistantRecord } from "./assistant-registry.ts";
import type { ServableGraph } from "./served-graph.ts";
import { runWroteCheckpoints, type RunRecord } from "./server-tables.ts";
import type { ServerState } from "./state/server-state.ts";
import { interruptsOf } from "./thread-state.ts";

/** A run this process knows: its events, how to stop it, and what its stream showed of its end. */
export interface ActiveRun {
  channel: RunChannel;
  abort: AbortController;
  /** Set when a cancel asked for a rollback: the run's record goes once it stops. */
  rollback: boolean;
  /** A crashed run taken over on start: it goes on from its thread's last checkpoint. */
  recovering: boolean;
  /** The run's final values and whether it stopped at an interrupt, as streamed. */
  tap: RunTap;
  /** Another replica claimed the run while it ran here (this one looked dead): its end is that replica's to write. */
  takenOver?: boolean;
}

/** What executing a run needs from the RunManager. */
export interface RunExecutionParts {
  state: ServerState;
  assistants: Assistants;
  checkpointer: BaseCheckpointSaver;
  metrics: SwitchyardMetrics;
  leases: RunLeases;
  /** The durability of runs that ask for none; unset leaves LangGraph's ("async"). */
  durability?: "sync" | "async" | "exit" | undefined;
  /** Drops the run from its thread's local queue and passes the lease on (or frees it). */
  finishInQueue(threadId: string, runId: string): Promise<void>;
}

/** One run to execute, as queued by the RunManager. */
export interface RunJob {
  run: RunRecord;
  assistant: AssistantRecord;
  body: RunCreateBody;
  active: ActiveRun;
  temporary: boolean;
  /** Its checkpoints stay in memory, never on the database (keepsCheckpointsInMemory); not when recovering. */
  inMemory?: boolean;
}

/** An attempt as state holds it: the gateway's also carry when they started. */
type StateAttempt = AttemptSample & { started_at?: number };

function attemptsOf(values: unknown): StateAttempt[] {
  if (typeof values !== "object" || values === null || !("attempts" in values) || !Array.isArray(values.attempts)) return [];
  return values.attempts as StateAttempt[];
}

/** An attempt's identity across a checkpoint round trip (the objects themselves are new after a read). */
const attemptKey = (attempt: StateAttempt) => `${attempt.deployment}|${attempt.mode}|${attempt.started_at ?? ""}|${attempt.latency_ms}|${attempt.input_tokens}|${attempt.output_tokens}`;

/** The attempts in `after` that were not in `before`: a graph may append to the list or start it anew per request. */
function newAttempts(before: readonly StateAttempt[], after: readonly StateAttempt[]): StateAttempt[] {
  if (before.length === 0) return [...after];
  const seen = new Set(before.map(attemptKey));
  return after.filter((attempt) => !seen.has(attemptKey(attempt)));
}

/**
 * Whether a run must read the thread's latest state before it starts: only for the attempts already there
 * (metrics count a run's own). A graph whose state has no `attempts` channel cannot have any, so its run needs
 * only the latest checkpoint's id, and the graph's own read is the state's only read. Unknown channels: read.
 */
function keepsAttempts(graph: ServableGraph): boolean {
  return graph.channels === undefined || "attempts" in graph.channels;
}

function errorData(error: unknown): { error: string; message: string } {
  return error instanceof Error ? { error: error.name, message: error.message } : { error: "Error", message: String(error) };
}

/**
 * Fencing: a replica whose heartbeat was late (a stalled loop, a slow database) can have its run claimed by
 * another replica's recovery while it still runs it. The run's end is then the claimer's to write: the stale
 * replica writing it (an error for its lost lease, or a success) would end the claimer's run under it. The
 * record is read just before the end is written, which leaves a window of one round trip.
 */
async function claimedElsewhere(parts: RunExecutionParts, runId: string): Promise<boolean> {
  const progress = await parts.state.runProgress(runId);
  return progress !== undefined && progress.owner !== parts.leases.keeper.instanceId;
}

/**
 * Runs one queued run to its end once it holds its thread's lease: records it running, streams it into its
 * channel, then records how it ended. Before it, the thread's latest checkpoint id is read (where the run
 * started, and from which a recovered run goes on), with the state only for a graph that keeps attempts; after
 * it, the state only when the run stopped at an interrupt or streamed no values: otherwise the run's own last
 * `values` chunk is its thread's values.
 */
export async function executeRun(parts: RunExecutionParts, job: RunJob): Promise<void> {
  const { state, assistants, metrics, leases, checkpointer } = parts;
  const { run, assistant, body, active, temporary } = job;
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
  // A stateless run's thread was made for it and no run wrote to it before this one (unless this one ran
  // already and is being recovered): it has no checkpoint to read.
  const fresh = temporary && !active.recovering;
  // While it waited, the run may have been cancelled, or claimed by a server recovering it after we stalled.
  // A fresh run is marked running only while still ours and unfinished, which is the check (one statement).
  const started = held !== undefined && fresh ? await state.startRun(run.run_id, "", leases.keeper.instanceId) : undefined;
  const current = started === undefined ? await state.runProgress(run.run_id) : undefined;
  const stillOurs = started ?? (current !== undefined && current.owner === leases.keeper.instanceId && (current.status === "pending" || current.status === "running"));
  if (held === undefined || !stillOurs) {
    // A cancel (shutdown, interrupt, rollback) already recorded the run; only a real failure is an error.
    if (failure !== undefined && !active.abort.signal.aborted) {
      channel.push({ event: "error", data: errorData(failure) });
      await state.failRun(run.run_id, errorData(failure).message);
    }
    await parts.finishInQueue(threadId, run.run_id);
    // The thread this run made busy is idle again unless another run of it is still active.
    if (!(await state.hasActiveRun(threadId)) && (await state.thread(threadId))?.status === "busy") await state.updateThread(threadId, { status: "idle" });
    channel.finish();
    return;
  }
  const served = assistants.served(assistant);
  const config = { configurable: { thread_id: threadId } };
  const readsAttempts = keepsAttempts(served.graph);
  const latestTuple = fresh || !readsAttempts ? undefined : await checkpointer.getTuple(config);
  const latest = fresh ? undefined : readsAttempts ? (latestTuple?.config.configurable?.checkpoint_id as string | undefined) : await latestCheckpointId(checkpointer, threadId);
  // A recovered run that had written checkpoints goes on from the latest; one that had not starts afresh.
  const continueFromLatest = active.recovering && current !== undefined && runWroteCheckpoints(current, latest);
  if (!continueFromLatest && started === undefined) await state.startRun(run.run_id, latest ?? "");
  const { signal, dispose: disposeSignal } = eitherSignal(active.abort.signal, held.signal);
  // A run that asked for no durability gets the server's default (Postgres: "sync", see RunManagerParts.durability).
  const asked = body.durability == null && parts.durability !== undefined ? { ...body, durability: parts.durability } : body;
  const lent = job.inMemory === true && fresh ? new MemorySaver() : undefined;
  // A stateless run whose checkpoints stay in memory leaves nothing to read once it ended: its end deletes
  // its thread and record in one transaction (a crash before it leaves them to recovery, as before).
  const dropsThread = temporary && lent !== undefined ? { deleteThread: true } : {};
  const { input, modes, graphOptions } = runInvocation(run, assistant, served, asked, signal, continueFromLatest, lent);
  channel.push({ event: "metadata", data: { run_id: run.run_id, attempt: 1 } });
  try {
    const before = attemptsOf(latestTuple?.checkpoint.channel_values);
    const open = () =>
      streamRun(served.graph, input, {
        modes,
        subgraphs: body.stream_subgraphs ?? false,
        runId: run.run_id,
        graphOptions,
        tap: active.tap,
        ...(served.outputChecks === undefined ? {} : { outputChecks: served.outputChecks }),
        ...(served.answerGate === undefined ? {} : { answerGate: served.answerGate }),
      });
    const stream = served.traceRun === undefined ? open() : served.traceRun(threadId, open, () => active.tap.values);
    for await (const event of stream) channel.push(event);
    let interrupted = active.tap.interrupted;
    if (active.tap.values === undefined || interrupted) {
      // Rare paths (an interrupt, a run that streamed no values): the thread's own state decides.
      const snapshot = await served.graph.getState({ configurable: withLentCheckpointer(config.configurable, lent) });
      interrupted = snapshot.next.length > 0 || interruptsOf(snapshot).length > 0;
      active.tap.values = snapshot.values;
    }
    metrics.recordAttempts(newAttempts(before, attemptsOf(active.tap.values)));
    if (await claimedElsewhere(parts, run.run_id)) active.takenOver = true;
    else await state.endRun(run.run_id, threadId, { status: "success", thread: { status: interrupted ? "interrupted" : "idle", error: null }, ...dropsThread });
  } catch (error) {
    if (await claimedElsewhere(parts, run.run_id)) active.takenOver = true;
    else if (active.abort.signal.aborted) {
      await state.endRun(run.run_id, threadId, { status: "interrupted", thread: { status: "idle" }, deleteRun: active.rollback, ...dropsThread });
    } else {
      // A lost lease (this process stalled past its expiry and another took the thread) names the new holder.
      const data = errorData(held.signal.aborted ? held.signal.reason : error);
      channel.push({ event: "error", data });
      await state.endRun(run.run_id, threadId, { status: "error", reason: data.message, thread: { status: "error", error: data.message }, ...dropsThread });
    }
  } finally {
    disposeSignal();
    try {
      await parts.finishInQueue(threadId, run.run_id);
      // A stateless run's thread has no other run (its id was never given out) and is deleted below.
      if (!temporary && (await state.hasActiveRun(threadId))) await state.updateThread(threadId, { status: "busy" });
    } finally {
      // Waiters are released even when the storage failed (its error is the caller's to see).
      if (active.takenOver === true) channel.handOver();
      else channel.finish();
    }
    // A run lent a checkpointer wrote none here: its end already took its thread (dropsThread).
    if (temporary && active.takenOver !== true && lent === undefined) {
      await checkpointer.deleteThread(threadId);
      await state.deleteThread(threadId);
    }
  }
}
