/**
 * `npx tsx bench/serve-echo-profile.ts invoke|wait|fetch|thread [N]`: N (default 1500) calls of a one-node graph, either
 * `graph.invoke` in process, a stateless runs/wait by `app.request` (the server's own work, no socket) or by `fetch`
 * over loopback (adds Node HTTP, the adapter and the client), or a runs/wait on a new thread (`if_not_exists: "create"`),
 * under the V8 sampling profiler (100 µs), after 300 warm-up calls; prints CPU per call and writes
 * `.switchyard/bench/serve-echo-MODE.cpuprofile`. The two profiles side by side show what the server adds.
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { openSqliteSaver } from "../checkpoints/index.ts";
import { createServer, type ServableGraph } from "../src/server/index.ts";
const saver = openSqliteSaver(":memory:");
const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
const graph = new StateGraph(State).addNode("respond", (state) => ({ answer: `echo: ${state.question}` })).addEdge(START, "respond").addEdge("respond", END).compile({ checkpointer: saver, name: "echo" });
const server = createServer({ graphs: { echo: { graph: graph as unknown as ServableGraph } }, persistence: { checkpointer: saver } });
const mode = process.argv[2] ?? "wait";
const listening = mode === "fetch" ? await server.serve({ port: 0, host: "127.0.0.1" }) : undefined;
const op = mode === "invoke"
  ? (i: number) => graph.invoke({ question: `q ${i}` }, { configurable: { thread_id: `d-${i}-${performance.now()}` } })
  : mode === "fetch"
    ? async (i: number) => (await fetch(`${listening?.url}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "echo", input: { question: `q ${i}` } }) })).text()
  : mode === "thread"
    ? async (i: number) => (await server.app.request(`/threads/${crypto.randomUUID()}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "echo", input: { question: `q ${i}` }, if_not_exists: "create" }) })).text()
    : async (i: number) => (await server.app.request("/runs/wait", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "echo", input: { question: `q ${i}` } }) })).text();
for (let i = 0; i < 300; i++) await op(i);
const session = new Session(); session.connect();
await session.post("Profiler.enable"); await session.post("Profiler.setSamplingInterval", { interval: 100 }); await session.post("Profiler.start");
const cpu = process.cpuUsage();
const N = Number(process.argv[3] ?? 1500);
for (let i = 0; i < N; i++) await op(i);
const used = process.cpuUsage(cpu);
const { profile } = await session.post("Profiler.stop");
fs.writeFileSync(`.switchyard/bench/serve-echo-${mode}.cpuprofile`, JSON.stringify(profile));
console.log(mode, "cpu per call", ((used.user + used.system) / 1000 / N).toFixed(3));
await listening?.close();
await server.close();
