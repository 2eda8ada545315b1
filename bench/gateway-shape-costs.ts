/**
 * What each piece of the gateway's LangGraph shape costs, and whether the model call costs more inside a node
 * (issue #18). One process, one in-memory SQLite saver, the quiet emulator profile on a worker thread, fresh
 * threads; paths run in blocks of 20, the order reversed every other pass. Printed per path: CPU per request on
 * the main thread (the kernel's schedstat: no emulator worker, no V8 helper thread) and on every thread
 * (`process.cpuUsage`). The paths, all on the gateway's state schema with a `{ request }` input:
 *   floor        — one no-op node on static edges (bench/request-cost-floor.ts);
 *   writes       — the node writes what a successful folded accept writes (nine fields, two messages);
 *   writes+edge  — and a conditional edge after it, as accept's (LangGraph reads fresh state for it);
 *   writes+task  — and a `checkpointedCall` task inside it, as accept's call_model (graphs/checkpointed-call.ts);
 *   both         — the edge and the task: the gateway's shape without its nodes' work;
 *   direct       — the ChatOpenAI call the gateway makes (as in bench/request-cost.ts);
 *   in a node    — that call inside the floor's node: the call's cost in a graph, config and callbacks inherited;
 *   gateway      — `gateway.invoke`, same request.
 *
 *   PASSES=16 npx tsx bench/gateway-shape-costs.ts
 */
import fs from "node:fs";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { END, START, StateGraph } from "@langchain/langgraph";
import { checkpointedCall } from "../graphs/checkpointed-call.ts";
import { createGateway } from "../graphs/create-gateway.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { GatewayState, type GatewayStateUpdate, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { directCall } from "./direct-call.ts";

const PASSES = Number(process.env.PASSES ?? 16);
const BLOCK = 20;
const DEPLOYMENT = "openai-gpt-4o-mini";

const mainThreadMs = () => {
  const schedstat = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8");
  return Number(schedstat.slice(0, schedstat.indexOf(" "))) / 1e6;
};

const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const saver = gateway.persistence.checkpointer;
const tasks = workloadTasks();
const inputOf = (index: number) => tasks[index % tasks.length]!.input;
const direct = directCall(gateway, DEPLOYMENT, inputOf);

type Step = (state: GatewayStateValue) => Promise<GatewayStateUpdate>;
const tick: Step = async (state) => ({ deadline_at: (state.deadline_at ?? 0) + 1 });
const call = { deployment: DEPLOYMENT, mode: "emit" as const, reason: "pinned", started_at: 1, latency_ms: 2, input_tokens: 3, output_tokens: 4, cost_usd: 0 };
const answered: Step = async () => ({
  deadline_at: 1,
  verify: false,
  messages: [new HumanMessage("Charged twice for ORD-48213"), new AIMessage('{"category":"billing"}')],
  memory: { summary_broad: "", summary_detailed: "", ledger: [], summary_blocks: [], recalled: [], tokens: 85, budget: 126976, compactions: 0 },
  choice: { deployment: DEPLOYMENT, provider: "openai", mode: "emit", reason: "pinned" },
  output: { raw: '{"category":"billing"}', structured: { category: "billing" }, valid: true, repaired: false, errors: [] },
  attempts: [{ ...call, outcome: "ok" }],
  status: "succeeded",
  route_decision: { action: "success", reason: "valid", after_attempt: 1 },
});
const withTask: Step = async (state) => ({ ...(await checkpointedCall("call_model", async () => ({ call }))), ...(await answered(state)) });
const inNode: Step = async (state) => {
  await direct(state.deadline_at ?? 0);
  return tick(state);
};
const graphOf = (step: Step, edge: boolean) => {
  const graph = new StateGraph(GatewayState).addNode("first", step).addEdge(START, "first");
  const routed = edge ? graph.addConditionalEdges("first", (state: GatewayStateValue) => (state.status === "succeeded" ? "end" : "first"), { end: END, first: "first" }) : graph.addEdge("first", END);
  return routed.compile({ checkpointer: saver });
};
let thread = 0;
const viaGraph = (step: Step, edge: boolean) => {
  const graph = graphOf(step, edge);
  return (index: number) => graph.invoke({ request: { input: inputOf(index), deployment: DEPLOYMENT, mode: "emit" }, deadline_at: index }, { configurable: { thread_id: `shape-${thread++}` } });
};
const paths: Record<string, (index: number) => Promise<unknown>> = {
  floor: viaGraph(tick, false),
  writes: viaGraph(answered, false),
  "writes+edge": viaGraph(answered, true),
  "writes+task": viaGraph(withTask, false),
  both: viaGraph(withTask, true),
  direct,
  "in a node": viaGraph(inNode, false),
  gateway: (index) => gateway.invoke({ input: inputOf(index), deployment: DEPLOYMENT, mode: "emit" }, { threadId: `shape-gw-${thread++}` }),
};
const names = Object.keys(paths);
const totals = Object.fromEntries(names.map((name) => [name, { main: 0, all: 0, requests: 0 }]));
for (let index = 0; index < 60; index++) for (const name of names) await paths[name]!(index);
for (let pass = 0; pass < PASSES; pass++) {
  for (const name of pass % 2 === 0 ? names : [...names].reverse()) {
    const cpu = process.cpuUsage();
    const main = mainThreadMs();
    for (let index = 0; index < BLOCK; index++) await paths[name]!(index);
    const used = process.cpuUsage(cpu);
    totals[name]!.main += mainThreadMs() - main;
    totals[name]!.all += (used.user + used.system) / 1000;
    totals[name]!.requests += BLOCK;
  }
}
console.log(`CPU ms per request, ${PASSES} passes of ${BLOCK}; main thread, every thread`);
for (const name of names) console.log(`${name.padEnd(12)} ${(totals[name]!.main / totals[name]!.requests).toFixed(3).padStart(8)} ${(totals[name]!.all / totals[name]!.requests).toFixed(3).padStart(8)}`);
await gateway.close();
process.exit(0);
