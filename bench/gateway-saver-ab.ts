/**
 * A saver change against the saver of another checkout (issue #18), in one process and one run: the same
 * gateway graph, engine and emulators (quiet profile, on a worker thread), compiled twice, once on this
 * checkout's SQLite saver and once on BASE's (`checkpoints/sqlite-saver.ts` loaded from that root, with its own
 * @langchain/langgraph-checkpoint), both in memory. Fresh threads, so nothing is read back across the two.
 * Blocks of 10 requests alternate (order reversed every other block); printed: CPU per request of each
 * (`process.cpuUsage`, every thread), and per pair of neighbouring blocks this − base (median, quartiles).
 * Then, in isolation, what each saver's serializer takes to write a `messages` value of 2, 20 and 200
 * messages (a thread's history is written again with each new message). A one-off behind docs/gateway.md:
 *
 *   BASE=/work/wt-base ROUNDS=400 npx tsx bench/gateway-saver-ab.ts
 */
import type { AIMessage, HumanMessage } from "@langchain/core/messages";
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
interface CodecLike {
  dumpsTyped(value: unknown): Promise<[string, Uint8Array]>;
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

  // The serializers alone: a history of n messages as the gateway writes them (a prompt, a JSON answer).
  const state = await graphs.this.getState({ configurable: { thread_id: "this-0" } });
  const [prompt, answer] = state.values.messages as [HumanMessage, AIMessage];
  const codecOf = (saver: unknown) => (saver as { codec: CodecLike }).codec;
  for (const length of [2, 20, 200]) {
    const history = Array.from({ length }, (_, index) => (index % 2 === 0 ? prompt : answer));
    const times = { base: [] as number[], this: [] as number[] };
    for (let pass = 0; pass < 8; pass++) {
      for (const name of names) {
        const codec = codecOf(savers[name]);
        const repeats = Math.max(20, Math.round(4000 / length));
        const started = performance.now();
        for (let repeat = 0; repeat < repeats; repeat++) await codec.dumpsTyped(history);
        times[name].push((performance.now() - started) / repeats);
      }
    }
    console.log(`messages value of ${String(length).padStart(3)}: base ${median(times.base.slice(1)).toFixed(4)} ms, this ${median(times.this.slice(1)).toFixed(4)} ms per write (median of 7 passes)`);
  }
} finally {
  await gateway.close();
}
