import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "../../../checkpoints/index.ts";
import { createServer, type CreateServerOptions, type ServableGraph, type SwitchyardServer } from "../../../src/server/index.ts";

/**
 * A one-node graph whose node waits for the test to open a gate, so a run can be held in flight while
 * the test sends a second one (multitask strategies, cancel).
 */
export function gatedGraph(saver: SwitchyardSqliteSaver) {
  const gates: Array<() => void> = [];
  const State = Annotation.Root({ count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }) });
  const graph = new StateGraph(State)
    .addNode("work", async () => {
      await new Promise<void>((resolve) => gates.push(resolve));
      return { count: 1 };
    })
    .addEdge(START, "work")
    .addEdge("work", END)
    .compile({ checkpointer: saver, name: "gated" });
  return {
    graph: graph as unknown as ServableGraph,
    /** Lets the oldest waiting run finish; resolves once one was waiting. */
    async release(): Promise<void> {
      while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    },
    waiting: () => gates.length,
  };
}

/** A server on an in-memory saver serving the gated graph. */
export function gatedServer(options: Partial<CreateServerOptions> = {}): { server: SwitchyardServer; gated: ReturnType<typeof gatedGraph>; saver: SwitchyardSqliteSaver } {
  const saver = openSqliteSaver(":memory:");
  const gated = gatedGraph(saver);
  const server = createServer({ graphs: { gated: { graph: gated.graph } }, persistence: { checkpointer: saver }, ...options });
  return { server, gated, saver };
}
