/**
 * A long-lived thread's file size with keep-latest pruning (what `server.ttl.thread.strategy: keep_latest`
 * does, see checkpoints/prune.ts) against the same 10,000 runs unpruned, in one run: the file size after
 * 1k, 5k and 10k runs (after a WAL checkpoint, so the main file holds every page), and the CPU and wall time
 * per run of each, so pruning's own cost shows beside what it saves.
 *
 *   npm run bench -- ttl
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "../checkpoints/index.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const runs = Number(process.env.SWITCHYARD_BENCH_TTL_RUNS ?? 10_000);
const marks = [1_000, 5_000, 10_000].map((mark) => Math.round((mark * runs) / 10_000));
/** Runs between two prunes: the sweeper's batch cadence, not one prune per run. */
const pruneEvery = 50;

const State = Annotation.Root({
  count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }),
  // A ~1 KiB answer per run: over the inline limit, so every run writes a channel blob as a chat turn does.
  answer: Annotation<string>({ reducer: (_left, right) => right, default: () => "" }),
});

function counter(saver: SwitchyardSqliteSaver) {
  return new StateGraph(State)
    .addNode("reply", (state) => ({ count: 1, answer: `run ${state.count} `.padEnd(1_024, String.fromCharCode(97 + (state.count % 26))) }))
    .addEdge(START, "reply")
    .addEdge("reply", END)
    .compile({ checkpointer: saver });
}

interface Arm {
  prune: boolean;
  file: string;
  saver: SwitchyardSqliteSaver;
  graph: ReturnType<typeof counter>;
  sizes: number[];
  cpuMicros: number;
  wallMs: number;
}

function openArm(directory: string, prune: boolean): Arm {
  const file = join(directory, `${prune ? "pruned" : "unpruned"}.db`);
  const saver = openSqliteSaver(file);
  return { prune, file, saver, graph: counter(saver), sizes: [], cpuMicros: 0, wallMs: 0 };
}

const config = { configurable: { thread_id: "long-lived" } };

async function step(arm: Arm, run: number): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await arm.graph.invoke({}, config);
  if (arm.prune && run % pruneEvery === 0) await arm.saver.pruneThread("long-lived");
  arm.wallMs += performance.now() - started;
  const used = process.cpuUsage(cpu);
  arm.cpuMicros += used.user + used.system;
  if (marks.includes(run)) {
    arm.saver.database.pragma("wal_checkpoint(TRUNCATE)");
    arm.sizes.push(statSync(arm.file).size);
  }
}

/** Both arms step by step in turn, so load on the shared machine falls on both alike. */
async function measure(): Promise<{ pruned: Arm; unpruned: Arm; freePages: number }> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-ttl-"));
  const pruned = openArm(directory, true);
  const unpruned = openArm(directory, false);
  try {
    // Warm-up on a thread of its own, so neither arm pays for the JIT alone.
    for (const arm of [pruned, unpruned]) for (let run = 0; run < 100; run += 1) await arm.graph.invoke({}, { configurable: { thread_id: "warm-up" } });
    for (const arm of [pruned, unpruned]) await arm.saver.deleteThread("warm-up");
    for (let run = 1; run <= runs; run += 1) {
      await step(run % 2 === 0 ? pruned : unpruned, run);
      await step(run % 2 === 0 ? unpruned : pruned, run);
    }
    return { pruned, unpruned, freePages: Number(pruned.saver.database.pragma("freelist_count", { simple: true })) };
  } finally {
    pruned.saver.database.close();
    unpruned.saver.database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult> {
  const { pruned, unpruned, freePages } = await measure();
  const perRun = (arm: Arm) => ({ cpu: arm.cpuMicros / 1000 / runs, wall: arm.wallMs / runs });
  const figures: BenchFigure[] = [];
  marks.forEach((mark, index) => {
    const size = pruned.sizes[index] ?? 0;
    const base = unpruned.sizes[index] ?? 0;
    figures.push({ metric: `file size after ${mark} runs, keep_latest every ${pruneEvery} runs`, value: size / 1024, unit: "KiB", baseline: `unpruned ${Math.round(base / 1024)} KiB`, ratio: size / base });
  });
  const first = pruned.sizes[0] ?? 1;
  figures.push({ metric: `keep_latest growth ${marks[0]} -> ${marks[2]} runs`, value: (pruned.sizes[2] ?? 0) / first, unit: "x", goal: 1, baseline: `unpruned ${((unpruned.sizes[2] ?? 0) / (unpruned.sizes[0] ?? 1)).toFixed(2)}x` });
  figures.push({ metric: "free pages left in the keep_latest file (reused by later writes)", value: freePages, unit: "pages" });
  const [withPruning, without] = [perRun(pruned), perRun(unpruned)];
  figures.push({ metric: "CPU per run, keep_latest (pruning included)", value: withPruning.cpu, unit: "ms", baseline: `unpruned ${without.cpu.toFixed(3)} ms`, ratio: withPruning.cpu / without.cpu });
  figures.push({ metric: "wall per run, keep_latest (pruning included)", value: withPruning.wall, unit: "ms", baseline: `unpruned ${without.wall.toFixed(3)} ms`, ratio: withPruning.wall / without.wall });
  return { name: "ttl", figures };
}
