import { yieldIfBusy } from "../checkpoints/index.ts";
import { tracingOf, type GatewayRuntime } from "../nodes/context.ts";

/** What the wrapper reads of a node's runtime: the engine (for tracing) and the node's checkpoint namespace. */
type NodeRuntime = Pick<GatewayRuntime, "context" | "executionInfo">;

/**
 * A node that first lets pending I/O in when the current burst of work has held the event loop past its
 * slice (`yieldIfBusy`, 5 ms), then runs as given. Why: LangGraph starts a node in the same chain of resolved
 * promises as the previous node and its reducers (with a MiB input: counting it, the size gate, serializing
 * it), and does not wait for the checkpoint write in between; without a yield here one run's nodes ran back
 * to back, 100–200 ms with /ok unanswered. Costs one clock read when the loop is not busy.
 *
 * With tracing on (`telemetry.tracing`), the node runs in a span of its own: every gateway node passes here,
 * so a node added tomorrow is traced without a change, and no LangChain callback handler is needed.
 *
 * @example
 * new StateGraph(GatewayState).addNode("accept", yieldingNode(acceptRequest))
 */
export function yieldingNode<State, Runtime extends NodeRuntime | undefined, Update>(node: (state: State, runtime: Runtime) => Update | Promise<Update>): (state: State, runtime: Runtime) => Promise<Update> {
  return async (state, runtime) => {
    await yieldIfBusy();
    const tracing = tracingOf(runtime);
    if (tracing === undefined) return node(state, runtime);
    return tracing.requests.node(runtime?.executionInfo?.threadId, runtime?.executionInfo?.checkpointNs ?? "", () => node(state, runtime));
  };
}
