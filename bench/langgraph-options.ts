/**
 * LangGraph's run options on the gateway graph, CPU per request in one process and one run (quiet emulator
 * profile, emulators on a worker thread, blocks of 10 requests rotated through the variants): durability
 * "sync" | "async" | "exit", `callbacks: []`, and `Gateway.invoke` (which also holds the thread lease).
 * A one-off behind docs/decisions/engine.md, not in `npm run bench`:
 *
 *   ROUNDS=100 npx tsx bench/langgraph-options.ts
 */
import { createGateway } from "../graphs/create-gateway.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { workloadTasks } from "../src/workload/index.ts";

const rounds = Number(process.env.ROUNDS ?? 150);
const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" as const });
const graphRun = (name: string, extra: Record<string, unknown>) => ({
  name,
  run: (index: number) => gateway.graph.invoke({ request: request(index) }, { configurable: { thread_id: `${name}-${index}` }, context: { engine: gateway.engine }, ...extra }),
});
const variants = [
  { name: "Gateway.invoke (thread lease held, default durability)", run: (index: number) => gateway.invoke(request(index), { threadId: `invoke-${index}` }) },
  graphRun("graph.invoke, durability default", {}),
  graphRun("graph.invoke, durability sync", { durability: "sync" }),
  graphRun("graph.invoke, durability async", { durability: "async" }),
  graphRun("graph.invoke, durability exit", { durability: "exit" }),
  graphRun("graph.invoke, callbacks []", { callbacks: [] }),
];
try {
  for (let index = 0; index < 30; index++) for (const variant of variants) await variant.run(-1 - index);
  const cpuMs = new Map(variants.map((variant) => [variant.name, 0]));
  for (let block = 0; block < rounds; block += 10) {
    for (const variant of variants) {
      const started = process.cpuUsage();
      for (let index = block; index < block + 10; index++) await variant.run(index);
      const used = process.cpuUsage(started);
      cpuMs.set(variant.name, (cpuMs.get(variant.name) ?? 0) + (used.user + used.system) / 1000);
    }
  }
  for (const variant of variants) console.log(`${((cpuMs.get(variant.name) ?? 0) / rounds).toFixed(2).padStart(7)} ms CPU/request  ${variant.name}`);
} finally {
  await gateway.close();
}
