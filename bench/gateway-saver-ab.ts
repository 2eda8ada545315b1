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
import { alternatedCpuBlocks, reportPairedBlocks } from "./paired-blocks.ts";

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
try {
  const perBlock = await alternatedCpuBlocks(names, one, { rounds, block: BLOCK, warmup: 60 });
  reportPairedBlocks(perBlock, "base", "this");
} finally {
  await gateway.close();
}
