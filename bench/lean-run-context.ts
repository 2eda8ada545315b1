/**
 * core's per-runnable RunTree against the lean run context (src/runtime/lean-run-context.ts), in one process
 * and one run: CPU per request of `gateway.invoke` (every thread, so the emulator's worker is in both sides
 * alike), quiet emulator profile, blocks of 20 requests alternating between the two (order reversed every other
 * block), the lean context installed and uninstalled between blocks on the same engine and saver. Also a
 * bare chain of 8 no-op nodes on the same saver, the same way: what it saves LangGraph's own floor. A one-off
 * behind docs/gateway.md, not in `npm run bench`:
 *
 *   BLOCKS=20 npx tsx bench/lean-run-context.ts
 */
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { createGateway } from "../graphs/create-gateway.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { installLeanRunContext, uninstallLeanRunContext } from "../src/runtime/lean-run-context.ts";
import { workloadTasks } from "../src/workload/index.ts";

const blocks = Number(process.env.BLOCKS ?? 20);
const BLOCK = 20;
const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const tasks = workloadTasks();
const state = new StateSchema({ step: z.number().default(0) });
let chainGraph = new StateGraph(state) as unknown as StateGraph<typeof state, typeof state.State, typeof state.Update, string>;
for (let index = 0; index < 8; index++) chainGraph = chainGraph.addNode(`n${index}`, (current: typeof state.State) => ({ step: current.step + 1 }));
chainGraph = chainGraph.addEdge(START, "n0");
for (let index = 1; index < 8; index++) chainGraph = chainGraph.addEdge(`n${index - 1}`, `n${index}`);
const chain = chainGraph.addEdge("n7", END).compile({ checkpointer: gateway.persistence.checkpointer });

let counter = 0;
const paths = {
  gateway: async () => {
    const index = counter++;
    const answer = await gateway.invoke({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" }, { threadId: `lean-${index}` });
    if (answer.status !== "succeeded") throw new Error(`gateway request failed: ${answer.error?.message ?? answer.status}`);
  },
  chain: async () => {
    await chain.invoke({ step: 0 }, { configurable: { thread_id: `chain-${counter++}` } });
  },
};
type Variant = "core" | "lean";
const use = (variant: Variant) => (variant === "lean" ? installLeanRunContext() : uninstallLeanRunContext());

try {
  for (let index = 0; index < 60; index++) {
    use(index % 2 === 0 ? "lean" : "core");
    await paths.gateway();
    await paths.chain();
  }
  for (const [name, one] of Object.entries(paths)) {
    const cpu: Record<Variant, number> = { core: 0, lean: 0 };
    for (let block = 0; block < blocks; block++) {
      for (const variant of (block % 2 === 0 ? ["core", "lean"] : ["lean", "core"]) as Variant[]) {
        use(variant);
        const before = process.cpuUsage();
        for (let index = 0; index < BLOCK; index++) await one();
        const used = process.cpuUsage(before);
        cpu[variant] += (used.user + used.system) / 1000;
      }
    }
    const perRequest = (variant: Variant) => cpu[variant] / (blocks * BLOCK);
    console.log(`${name}: core ${perRequest("core").toFixed(2)} ms, lean ${perRequest("lean").toFixed(2)} ms CPU per request; lean/core ${(perRequest("lean") / perRequest("core")).toFixed(3)} (${blocks * BLOCK} requests each)`);
  }
} finally {
  use("lean");
  await gateway.close();
}
