import { yieldIfBusy } from "../checkpoints/index.ts";
import type { GatewayRuntime } from "../nodes/context.ts";
import { acceptRequest } from "../nodes/index.ts";
import { guardianAfterRequest } from "../nodes/guardian-after-request.ts";
import { applyUpdate, mergeUpdates } from "../src/state/apply-update.ts";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
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
 * Where accept leads, read from the state after it: the end (rejected, or the first call found nothing to
 * call), verify_request, approve, or, when the request goes straight on to memory, call_model: accept ran the
 * memory step in its own superstep (`acceptThenMemory`), so the edge skips the memory_step node. When accept
 * also made the first attempt's call (`acceptThenCall`: a route choice is in state, which accept itself clears
 * otherwise), check_output.
 */
export function afterAccept(state: GatewayStateValue): "end" | "verify_request" | "approve" | "call_model" | "check_output" {
  const next = accepted(state);
  if (next === "ended") return "end";
  if (next !== "memory") return next;
  return state.choice === undefined ? "call_model" : "check_output";
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

/**
 * acceptThenMemory, and when that leads straight on to call_model and the memory step removed nothing from the
 * thread (so it made no summary call), the first attempt's call (`call`: route and call, the guardian fed when
 * nothing could be called) in the same superstep. Why: the checkpoint between accept and call_model held
 * nothing a resume needs; a crash before the call completes repeats accept's work and the memory step, both
 * CPU and store work that runs again today after any crash before their checkpoint, and the checkpoint after
 * this step holds the completed call, so a crash after it never repeats the call (issue #18: each superstep
 * costs LangGraph a node run, a fresh read for the edge, a checkpoint and its writes). A compaction that
 * removed messages may have paid a summariser call: then the step ends there, and call_model runs as its own
 * node, so a crash during the model call never repeats the summary call.
 *
 * @example
 * new StateGraph(GatewayState).addNode("accept", yieldingNode(acceptThenCall(callModelStep)))
 */
export function acceptThenCall(call: GatewayStep): GatewayStep {
  return async (state, runtime) => {
    const update = await acceptThenMemory(state, runtime);
    const after = applyUpdate(state, update);
    const compacted = Array.isArray(update.messages) && update.messages.length > 1;
    if (afterAccept(after) !== "call_model" || compacted) return update;
    await yieldIfBusy();
    return mergeUpdates(update, await call(after, runtime));
  };
}
