/**
 * The shared half of the one-off wiring A/Bs behind docs/gateway.md (request-cost-lean.ts, request-cost-inline.ts):
 * one gateway engine and saver (quiet emulator profile, emulators on a worker thread), the gateway's previous
 * wiring with the router nested as one "router" node, and CPU per request of `graph.invoke` for each variant in
 * blocks of 10 requests alternating between them (order reversed every other block) after a warm-up.
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import { createGateway } from "../graphs/create-gateway.ts";
import { memoryStep } from "../graphs/memory.ts";
import { buildRouterGraph } from "../graphs/router.ts";
import { yieldingNode } from "../graphs/yielding-node.ts";
import type { GatewayRuntime } from "../nodes/context.ts";
import { guardianAfterRequest } from "../nodes/guardian-after-request.ts";
import { approveRequest, verifyGatewayOutput, verifyGatewayRequest } from "../nodes/index.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { GatewayState, gatewayRequestSchema, type GatewayStateUpdate, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";

export const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
export const persistence = { checkpointer: gateway.persistence.checkpointer, store: gateway.persistence.store };
const tasks = workloadTasks();
const request = (index: number) => gatewayRequestSchema.parse({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" });

const finished = (state: GatewayStateValue) => state.status === "failed" || state.status === "rejected" || state.status === "succeeded";
const verifying = (state: GatewayStateValue) => state.verify !== false;
const afterChecks = (state: GatewayStateValue) => (finished(state) ? END : state.status === "awaiting_approval" ? "approve" : "memory_step");

/** The gateway wired with the router nested as one "router" node (whole, or lean), with the given accept node. */
export function nestedGateway(accept: (state: GatewayStateValue, runtime: GatewayRuntime) => Promise<GatewayStateUpdate>, router: { lean: boolean }) {
  return new StateGraph(GatewayState)
    .addNode("accept", yieldingNode(accept))
    .addNode("verify_request", yieldingNode(verifyGatewayRequest))
    .addNode("approve", yieldingNode(approveRequest))
    .addNode("memory_step", yieldingNode(memoryStep))
    .addNode("router", (router.lean ? buildRouterGraph({ lean: true }) : buildRouterGraph()).compile())
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

interface Invocable {
  invoke(input: { request: ReturnType<typeof request> }, config: Record<string, unknown>): Promise<GatewayStateValue>;
}

/** Prints CPU per request of each variant and after / before, then closes the gateway. */
export async function compareCpu(variants: { before: Invocable; after: Invocable }, rounds: number): Promise<void> {
  const names = ["before", "after"] as const;
  const one = async (name: (typeof names)[number], index: number) => {
    const state = await variants[name].invoke({ request: request(index) }, { configurable: { thread_id: `${name}-${index}` }, context: { engine: gateway.engine } });
    if (state.status !== "succeeded") throw new Error(`${name}: request ended ${state.status}: ${state.error?.message ?? ""}`);
  };
  try {
    for (let index = 0; index < 30; index++) for (const name of names) await one(name, -1 - index);
    const cpuMs = { before: 0, after: 0 };
    for (let block = 0; block < rounds; block += 10) {
      for (const name of block % 20 === 0 ? names : [...names].reverse()) {
        const started = process.cpuUsage();
        for (let index = block; index < block + 10; index++) await one(name, index);
        const used = process.cpuUsage(started);
        cpuMs[name] += (used.user + used.system) / 1000;
      }
    }
    for (const name of names) console.log(`${(cpuMs[name] / rounds).toFixed(2).padStart(7)} ms CPU/request  ${name}`);
    console.log(`after / before: ${(cpuMs.after / cpuMs.before).toFixed(3)}`);
  } finally {
    await gateway.close();
  }
}
