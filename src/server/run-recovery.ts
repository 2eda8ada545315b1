import { ownerProcessGone, type ThreadLeases } from "../../checkpoints/index.ts";
import type { RunLeases } from "./run-leases.ts";
import { runCreateSchema, type RunCreateBody } from "./request-schemas.ts";
import type { Assistants, AssistantRecord } from "./assistant-registry.ts";
import { runWroteCheckpoints, type RunRecord } from "./server-tables.ts";
import type { ServerState } from "./state/server-state.ts";
import { interruptsOf } from "./thread-state.ts";

/** `server.recovery`: what a starting server does with runs whose owner died. */
export type RecoveryMode = "resume" | "error";

/** What one recovery pass did, by run id. */
export interface RecoveryReport {
  /** Taken over and continued from the thread's last checkpoint (or started, if they never ran). */
  resumed: string[];
  /** Their graph had already finished or stopped at an interrupt: marked success. */
  finished: string[];
  /** Marked error with the reason (server.recovery "error", or a record that cannot be run). */
  failed: string[];
  /** Owned by another instance that is alive, or not yet known dead (another host, heartbeat not expired). */
  waiting: string[];
}

/** How a claimed run goes on: what its thread's checkpoints say about it. */
export type RecoveryStep = { kind: "finished"; threadStatus: "idle" | "interrupted" } | { kind: "resume"; assistant: AssistantRecord; body: RunCreateBody; temporary: boolean } | { kind: "fail"; reason: string };

/**
 * Is the run's owner dead? An owner that never registered (rows from older builds), whose process on this host
 * is gone, or whose heartbeat expired. A live peer server's runs are left alone.
 */
export async function ownerDied(run: Pick<RunRecord, "owner">, leases: ThreadLeases): Promise<boolean> {
  if (run.owner === "") return true;
  if (ownerProcessGone(run.owner)) return true;
  return !(await leases.instanceAlive(run.owner));
}

function parseKwargs(run: RunRecord): { body: RunCreateBody; temporary: boolean } | string {
  const { temporary, ...rest } = run.kwargs;
  const parsed = runCreateSchema.safeParse(rest);
  if (!parsed.success) return `its stored request no longer parses (${parsed.error.issues[0]?.message ?? "invalid"})`;
  return { body: parsed.data, temporary: temporary === true };
}

/**
 * Decides a dead owner's run from its thread: a graph that finished (or waits at an interrupt) after this run's
 * own checkpoints means the run succeeded; otherwise it is resumed, or failed with the reason in "error" mode.
 */
export async function recoveryStep(run: RunRecord, mode: RecoveryMode, assistants: Assistants): Promise<RecoveryStep> {
  const assistant = await assistants.find(run.assistant_id);
  const why = `run ${run.run_id} was ${run.status} when its server (${run.owner || "unknown"}) stopped`;
  if (assistant === undefined) return { kind: "fail", reason: `${why}, and its assistant ${run.assistant_id} is not served any more. Fix: serve that graph and start a new run.` };
  const graph = assistants.served(assistant).graph;
  const state = await graph.getState({ configurable: { thread_id: run.thread_id } });
  const ranHere = runWroteCheckpoints(run, state.config.configurable?.checkpoint_id as string | undefined);
  // `tasks`, not `next`: a task whose writes landed before its step's checkpoint did (a process killed in
  // between, or a write still in flight) drops out of `next` although the graph has not moved past it.
  const graphEnded = state.tasks.length === 0;
  if (ranHere && (graphEnded || interruptsOf(state).length > 0)) {
    return { kind: "finished", threadStatus: graphEnded ? "idle" : "interrupted" };
  }
  if (mode === "error") {
    return { kind: "fail", reason: `${why}; server.recovery is "error". Fix: start a new run on thread ${run.thread_id} (its last checkpoint is kept), or set server.recovery: resume.` };
  }
  const request = parseKwargs(run);
  if (typeof request === "string") return { kind: "fail", reason: `${why}, and ${request}. Fix: start a new run.` };
  return { kind: "resume", assistant, ...request };
}

/** Threads left `busy` with no run in flight (the server died between a run's end and the thread's update). */
export async function settleIdleBusyThreads(state: ServerState, assistants: Assistants): Promise<void> {
  for (const thread of await state.searchThreads({ status: "busy", limit: Number.MAX_SAFE_INTEGER, offset: 0 })) {
    if ((await state.activeRuns(thread.thread_id)).length > 0) continue;
    const latestRun = (await state.listRuns(thread.thread_id, { limit: 1, offset: 0 }))[0];
    const assistant = await assistants.find(latestRun?.assistant_id ?? String(thread.metadata.graph_id ?? ""));
    if (assistant === undefined) {
      await state.updateThread(thread.thread_id, { status: "idle" });
      continue;
    }
    const snapshot = await assistants.served(assistant).graph.getState({ configurable: { thread_id: thread.thread_id } });
    await state.updateThread(thread.thread_id, { status: snapshot.next.length > 0 || interruptsOf(snapshot).length > 0 ? "interrupted" : "idle" });
  }
}

export interface RecoveryParts {
  state: ServerState;
  assistants: Assistants;
  leases: RunLeases;
  /** Queues a claimed run to continue on this server. */
  schedule(run: RunRecord, assistant: AssistantRecord, body: RunCreateBody, temporary: boolean): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One recovery pass over every unfinished run (see RunManager.recover). */
export async function recoverRuns(parts: RecoveryParts, mode: RecoveryMode): Promise<RecoveryReport> {
  const { state, assistants, leases } = parts;
  const me = leases.keeper.instanceId;
  const report: RecoveryReport = { resumed: [], finished: [], failed: [], waiting: [] };
  // Threads whose older run is another live server's: their later runs wait for that server (or a later
  // pass), so a run queued behind another on a thread never starts before it on a different server.
  const blocked = new Set<string>();
  for (const head of await state.unfinishedRunHeads()) {
    if (head.owner === me) continue;
    if (blocked.has(head.thread_id) || !(await ownerDied(head, leases.keeper.leases))) {
      blocked.add(head.thread_id);
      report.waiting.push(head.run_id);
      continue;
    }
    // One claim per run: of two servers recovering at once, the one whose update lands takes it.
    if (!(await state.claimRun(head.run_id, head.owner, me))) {
      blocked.add(head.thread_id);
      continue;
    }
    // Only a claimed run's whole record (its stored request can be a MiB) is read; gone: it was deleted meanwhile.
    const run = await state.run(head.run_id);
    if (run === undefined) continue;
    const claimed: RunRecord = { ...run, owner: me };
    const step = await recoveryStep(claimed, mode, assistants).catch(
      (error: unknown): RecoveryStep => ({ kind: "fail", reason: `recovery could not read thread ${run.thread_id}: ${messageOf(error)}` }),
    );
    if (step.kind === "finished") {
      await state.endRun(run.run_id, run.thread_id, { status: "success", thread: { status: step.threadStatus, error: null } });
      report.finished.push(run.run_id);
    } else if (step.kind === "fail") {
      await state.endRun(run.run_id, run.thread_id, { status: "error", reason: step.reason, thread: { status: "error", error: step.reason } });
      report.failed.push(run.run_id);
    } else {
      await state.updateThread(run.thread_id, { status: "busy" });
      parts.schedule(claimed, step.assistant, step.body, step.temporary);
      report.resumed.push(run.run_id);
    }
  }
  return report;
}
