/**
 * The one-node echo agent the A2A benches serve: a graph on an in-memory saver, a server that trusts one caller's
 * pinned keys, and that caller's `RemoteAgent`. The modules come in as arguments so `bench/a2a-ab.ts` can build it
 * from each checkout's own tree, and `bench/a2a-split.ts` from this one.
 */
import type * as LangGraph from "@langchain/langgraph";
import type * as Checkpoints from "../checkpoints/index.ts";
import type * as A2a from "../src/a2a/index.ts";
import type * as Server from "../src/server/index.ts";
import type { ServableGraph } from "../src/server/index.ts";

export interface EchoAgentModules {
  langgraph: Pick<typeof LangGraph, "Annotation" | "END" | "START" | "StateGraph">;
  checkpoints: Pick<typeof Checkpoints, "openSqliteSaver">;
  a2a: Pick<typeof A2a, "AgentKeyRing" | "RemoteAgent" | "TrustedKeys">;
  server: Pick<typeof Server, "createServer">;
}

/** Starts the echo agent on a free loopback port. */
export async function startEchoAgent(modules: EchoAgentModules) {
  const { Annotation, END, START, StateGraph } = modules.langgraph;
  const { AgentKeyRing, RemoteAgent, TrustedKeys } = modules.a2a;
  const saver = modules.checkpoints.openSqliteSaver(":memory:");
  const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
  const graph = new StateGraph(State)
    .addNode("respond", (state) => ({ answer: `echo: ${state.question}` }))
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile({ checkpointer: saver, name: "echo" });
  const caller = { issuer: "urn:bench:caller", keys: await AgentKeyRing.open() };
  const server = modules.server.createServer({ graphs: { echo: { graph: graph as unknown as ServableGraph } }, persistence: { checkpointer: saver }, a2a: { peers: [{ issuer: caller.issuer, keys: caller.keys.jwks().keys }] } });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const agent = new RemoteAgent({ url: `${listening.url}/a2a/echo`, keys: new TrustedKeys({ jwksUrl: `${listening.url}/a2a/jwks.json` }), identity: caller, retries: 0 });
  return { graph, caller, server, listening, agent };
}
