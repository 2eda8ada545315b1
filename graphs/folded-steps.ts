import { yieldIfBusy } from "../checkpoints/index.ts";
import type { GatewayRuntime } from "../nodes/context.ts";
import { acceptRequest } from "../nodes/index.ts";
import { guardianAfterRequest } from "../nodes/guardian-after-request.ts";
import { applyUpdate, mergeUpdates, withoutIdleClears } from "../src/state/apply-update.ts";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { checkpointedCall } from "./checkpointed-call.ts";
import { memoryStep } from "./memory.ts";

/** A gateway node as the gateway wires it: state and runtime in, a partial update out. */
export type GatewayStep = (state: GatewayStateValue, runtime: GatewayRuntime) => Promise<GatewayStateUpdate>;

/** After accept: the request has ended (rejected), or which stage comes next. */
const accepted = (state: GatewayStateValue) =>
  state.status === "failed" || state.status === "rejected" || state.status === "succeeded"
    ? "ended"
    : state.verify !== false
      ? "verify_request"
      : state.status === "awaiting_approval"
        ? "approve"
        : "memory";

/**
 * Where accept leads, read from the state after it: the end (rejected, or the request already ended in accept's
 * superstep), verify_request, approve, or, when the request goes straight on to memory, the router: accept ran
 * the memory step in its own superstep (`acceptThenMemory`), so the edge skips the memory_step node; and when
 * accept also made the first attempt and checked it (`acceptThenAttempt`: its decision is in state), call_model
 * for the next attempt; with a call made but not checked (a state written as accept's), check_output.
 */
export function afterAccept(state: GatewayStateValue): "end" | "verify_request" | "approve" | "call_model" | "check_output" {
  const next = accepted(state);
  if (next === "ended") return "end";
  if (next !== "memory") return next;
  const checked = state.route_decision !== undefined && state.route_decision.after_attempt === state.attempts.length && state.attempts.length > 0;
  return state.choice === undefined || checked ? "call_model" : "check_output";
}

/**
 * accept, and when nothing stands between it and memory (verification off, no approval asked), the memory step
 * in the same superstep. Why: the two always ran back to back there, and the checkpoint between them held
 * nothing a resume needs (accept's work is cheap and repeatable; the checkpoint after this step holds both), yet
 * each superstep costs LangGraph a node run, a fresh read for the edge, a checkpoint and its writes (issue #18,
 * docs/gateway.md). With verification on, verify_request must see the input first, so accept runs alone and
 * memory_step is its own node after it, as before.
 *
 * @example
 * new StateGraph(GatewayState).addNode("accept", yieldingNode(acceptThenMemory))
 */
export const acceptThenMemory: GatewayStep = async (state, runtime) => {
  const update = await acceptRequest(state, runtime);
  const after = applyUpdate(state, update);
  if (accepted(after) !== "memory") return update;
  // What yieldingNode does between two nodes: a MiB input's counting and its compaction get separate turns.
  await yieldIfBusy();
  return mergeUpdates(update, (await memoryStep(after, runtime)) as GatewayStateUpdate);
};

/**
 * A router step (call_model, check_output) that, when its result ends the request without verify_output,
 * feeds the guardian in the same superstep. `ends` reads the state after the step. Why: the guardian node
 * writes nothing, so its superstep and checkpoint bought nothing but LangGraph's cost (issue #18). With
 * verify_output to run, the guardian node still follows it.
 *
 * @example
 * yieldingNode(endingWithGuardian(checkOutput, (state) => loopOver(state) && !verifyingAnswer(state)))
 */
export function endingWithGuardian(step: GatewayStep, ends: (after: GatewayStateValue) => boolean): GatewayStep {
  return async (state, runtime) => {
    const update = await step(state, runtime);
    const after = applyUpdate(state, update);
    if (ends(after)) await guardianAfterRequest(after, runtime);
    return update;
  };
}

/** The router's two steps as the gateway runs them (with the guardian fed in the step that ends the request). */
export interface AttemptSteps {
  call: GatewayStep;
  check: GatewayStep;
}

/**
 * acceptThenMemory, and when that leads straight on to the router and the memory step removed nothing from the
 * thread (so it made no summary call), the first attempt in the same superstep: the call (route and the model
 * call) as a LangGraph task (`checkpointedCall`), then the check. Why: the checkpoints between accept, call_model
 * and check_output held nothing a resume needs that the task's saved result does not: a crash before the call
 * returns repeats accept's work and the memory step (CPU and store work that ran again after any crash before
 * their checkpoint anyway) and the call that never completed; a crash after it repeats the CPU-only check, the
 * call coming from the task's saved write (issue #18: each superstep costs LangGraph a node run, a fresh read
 * for the edge, a checkpoint and its writes). A compaction that removed messages may have paid a summariser
 * call: then the step ends there and call_model runs as its own node, so a crash never repeats the summary.
 * The check may make the repair call (a model call that nothing saves on its own): it is the same in
 * check_output's own step today, where a crash before that step's checkpoint repeats it too.
 *
 * @example
 * new StateGraph(GatewayState).addNode("accept", yieldingNode(acceptThenAttempt({ call: callModelStep, check: checkOutputStep })))
 */
export function acceptThenAttempt(steps: AttemptSteps): GatewayStep {
  const folded = foldedAttempt(steps);
  // The steps' merged update may clear what an earlier one of them set (check_output the call): on a thread
  // that never held that field the clear is an idle write, left out (withoutIdleClears).
  return async (state, runtime) => withoutIdleClears(state, await folded(state, runtime));
}

/** acceptThenMemory, then the first attempt when nothing stands between them (see acceptThenAttempt). */
function foldedAttempt(steps: AttemptSteps): GatewayStep {
  return async (state, runtime) => {
    const update = await acceptThenMemory(state, runtime);
    const after = applyUpdate(state, update);
    const compacted = Array.isArray(update.messages) && update.messages.length > 1;
    if (afterAccept(after) !== "call_model" || compacted) return update;
    await yieldIfBusy();
    const called = await checkpointedCall("call_model", () => steps.call(after, runtime));
    const calledState = applyUpdate(after, called);
    // Nothing could be called (the request has failed, the guardian fed by the call step): no check.
    if (calledState.status === "failed" || calledState.choice === undefined) return mergeUpdates(update, called);
    await yieldIfBusy();
    return mergeUpdates(mergeUpdates(update, called), await steps.check(calledState, runtime));
  };
}
