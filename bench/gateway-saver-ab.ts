/**
 * A saver change against the saver of another checkout (issue #18), in one process and one run: the same
 * gateway graph, engine and emulators (quiet profile, on a worker thread), compiled twice, once on this
 * checkout's SQLite saver and once on BASE's (`checkpoints/sqlite-saver.ts` loaded from that root, with its own
 * @langchain/langgraph-checkpoint), both in memory. Fresh threads, so nothing is read back across the two.
 * Blocks of 10 requests alternate (order reversed every other block); printed: CPU per request of each
 * (`process.cpuUsage`, every thread), and per pair of neighbouring blocks this − base (median, quartiles).
 * bench/gateway-serde.ts measures the serializer alone. A one-off behind docs/gateway.md:
 *
 *   BASE=/work/wt-base ROUNDS=400 npx tsx bench/gateway-saver-ab.ts
 */
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { createGateway } from "../graphs/create-gateway.ts";
import { buildGatewayGraph } from "../graphs/gateway.ts";
import { openSqliteSaver } from "../checkpoints/sqlite-saver.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { gatewayRequestSchema } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { median, paired } from "./paired-blocks.ts";

const base = process.env.BASE ?? "/work/wt-base";
const rounds = Number(process.env.ROUNDS ?? 400);
const BLOCK = 10;

interface SaverModule {
  openSqliteSaver: (path: string) => BaseCheckpointSaver & { close?: () => void };
}

const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const baseSavers = (await import(`${base}/checkpoints/sqlite-saver.ts`)) as SaverModule;
const savers = { base: baseSavers.openSqliteSaver(":memory:"), this: openSqliteSaver(":memory:") };
const names = ["base", "this"] as const;
const graphs = { base: buildGatewayGraph().compile({ checkpointer: savers.base }), this: buildGatewayGraph().compile({ checkpointer: savers.this }) };
const tasks = workloadTasks();
const one = async (name: (typeof names)[number], index: number) => {
  const request = gatewayRequestSchema.parse({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" });
  const state = await graphs[name].invoke({ request }, { configurable: { thread_id: `${name}-${index}` }, context: { engine: gateway.engine } });
  if (state.status !== "succeeded") throw new Error(`${name}: request ended ${state.status}: ${state.error?.message ?? ""}`);
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
try {
  for (let index = 0; index < 60; index++) for (const name of names) await one(name, -1 - index);
  const perBlock = { base: [] as number[], this: [] as number[] };
  for (let block = 0; block < rounds; block += BLOCK) {
    for (const name of block % (2 * BLOCK) === 0 ? names : [...names].reverse()) {
      const started = process.cpuUsage();
      for (let index = block; index < block + BLOCK; index++) await one(name, index);
      const used = process.cpuUsage(started);
      perBlock[name].push((used.user + used.system) / 1000 / BLOCK);
    }
  }
  for (const name of names) console.log(`${mean(perBlock[name]).toFixed(2).padStart(7)} ms CPU/request  ${name}  (median block ${median(perBlock[name]).toFixed(2)})`);
  const differences = paired(perBlock.this, perBlock.base).sort((a, b) => a - b);
  const quartile = (fraction: number) => differences[Math.floor(fraction * (differences.length - 1))]!;
  console.log(`this − base per block pair: median ${median(differences).toFixed(3)} ms, quartiles ${quartile(0.25).toFixed(3)} .. ${quartile(0.75).toFixed(3)} ms (${differences.length} pairs)`);
  console.log(`this / base: ${(mean(perBlock.this) / mean(perBlock.base)).toFixed(3)}`);

} finally {
  await gateway.close();
}
