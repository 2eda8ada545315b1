import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll } from "vitest";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "../../../checkpoints/index.ts";
import { createServer, type CreateServerOptions, type ListeningServer, type ServableGraph, type SwitchyardServer } from "../../../src/server/index.ts";

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

/**
 * Serves `server` on a free loopback port for the enclosing describe block and hands the official SDK client
 * to `onReady`; after the block, closes the server, then the listener, then `release`s what the server used.
 */
export function serveDuringSuite(server: SwitchyardServer, onReady: (client: Client) => void, release?: () => void): void {
  let listening: ListeningServer | undefined;
  beforeAll(async () => {
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    onReady(new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } }));
  });
  afterAll(async () => {
    await server.close();
    await listening?.close();
    release?.();
  });
}
