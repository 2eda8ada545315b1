import { yieldIfBusy } from "../checkpoints/index.ts";

/**
 * A node that first lets pending I/O in when the current burst of work has held the event loop past its
 * slice (`yieldIfBusy`, 5 ms), then runs as given. Why: LangGraph starts a node in the same chain of resolved
 * promises as the previous node and its reducers (with a MiB input: counting it, the size gate, serializing
 * it), and does not wait for the checkpoint write in between; without a yield here one run's nodes ran back
 * to back, 100–200 ms with /ok unanswered. Costs one clock read when the loop is not busy.
 *
 * @example
 * new StateGraph(GatewayState).addNode("accept", yieldingNode(acceptRequest))
 */
export function yieldingNode<State, Runtime, Update>(node: (state: State, runtime: Runtime) => Update | Promise<Update>): (state: State, runtime: Runtime) => Promise<Update> {
  return async (state, runtime) => {
    await yieldIfBusy();
    return node(state, runtime);
  };
}
