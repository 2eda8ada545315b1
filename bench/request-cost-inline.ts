/**
 * The router's two nodes wired inline in the gateway (issue #18), against the router nested lean as a
 * subgraph (the wiring before), in one process and one run: CPU per request of `graph.invoke` on the same
 * engine and saver, quiet emulator profile, emulators on a worker thread, blocks of 10 requests alternating
 * between the variants (order reversed every other block). "before" is a frozen copy of the previous wiring,
 * node for node and edge for edge. A one-off behind docs/gateway.md, not in `npm run bench`:
 *
 *   ROUNDS=300 npx tsx bench/request-cost-inline.ts
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import { createGateway } from "../graphs/create-gateway.ts";
import { buildGatewayGraph } from "../graphs/gateway.ts";
import { memoryStep } from "../graphs/memory.ts";
import { buildRouterGraph } from "../graphs/router.ts";
import { yieldingNode } from "../graphs/yielding-node.ts";
import { guardianAfterRequest } from "../nodes/guardian-after-request.ts";
import { acceptRequest, approveRequest, verifyGatewayOutput, verifyGatewayRequest } from "../nodes/index.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { GatewayState, gatewayRequestSchema, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";

const rounds = Number(process.env.ROUNDS ?? 300);
const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const persistence = { checkpointer: gateway.persistence.checkpointer, store: gateway.persistence.store };
const tasks = workloadTasks();
const request = (index: number) => gatewayRequestSchema.parse({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" });

const finished = (state: GatewayStateValue) => state.status === "failed" || state.status === "rejected" || state.status === "succeeded";
const verifying = (state: GatewayStateValue) => state.verify !== false;
const afterChecks = (state: GatewayStateValue) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "memory_step");

/** The previous wiring: the router subgraph nested lean as one node "router". */
function nested() {
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(acceptRequest))
    .addNode("verify_request", yieldingNode(verifyGatewayRequest))
    .addNode("approve", yieldingNode(approveRequest))
    .addNode("memory_step", yieldingNode(memoryStep))
    .addNode("router", buildRouterGraph({ lean: true }).compile())
    .addNode("verify_output", yieldingNode(verifyGatewayOutput))
    .addNode("guardian", yieldingNode(guardianAfterRequest))
    .addEdge(START, "accept")
    .addConditionalEdges("accept", (state) => (finished(state) ? END : verifying(state) ? "verify_request" : afterChecks(state)), ["verify_request", "approve", "memory_step", END])
    .addConditionalEdges("verify_request", afterChecks, ["approve", "memory_step", END])
    .addConditionalEdges("approve", (state) => (finished(state) ? END : "memory_step"), ["memory_step", END])
    .addEdge("memory_step", "router")
    .addConditionalEdges("router", (state) => (state.status === "succeeded" && verifying(state) ? "verify_output" : "guardian"), ["verify_output", "guardian"])
    .addEdge("verify_output", "guardian")
    .addEdge("guardian", END)
    .compile(persistence);
}

const variants = { before: nested(), after: buildGatewayGraph().compile(persistence) };
type Name = keyof typeof variants;
const names = Object.keys(variants) as Name[];
const one = async (name: Name, index: number) => {
  const state = await variants[name].invoke({ request: request(index) }, { configurable: { thread_id: `${name}-${index}` }, context: { engine: gateway.engine } });
  if (state.status !== "succeeded") throw new Error(`${name}: request ended ${state.status}: ${state.error?.message ?? ""}`);
};
try {
  for (let index = 0; index < 30; index++) for (const name of names) await one(name, -1 - index);
  const cpuMs = new Map<Name, number>(names.map((name) => [name, 0]));
  for (let block = 0; block < rounds; block += 10) {
    for (const name of block % 20 === 0 ? names : [...names].reverse()) {
      const started = process.cpuUsage();
      for (let index = block; index < block + 10; index++) await one(name, index);
      const used = process.cpuUsage(started);
      cpuMs.set(name, (cpuMs.get(name) ?? 0) + (used.user + used.system) / 1000);
    }
  }
  for (const name of names) console.log(`${((cpuMs.get(name) ?? 0) / rounds).toFixed(2).padStart(7)} ms CPU/request  ${name}`);
  console.log(`after / before: ${((cpuMs.get("after") ?? 0) / (cpuMs.get("before") ?? 1)).toFixed(3)}`);
} finally {
  await gateway.close();
}
