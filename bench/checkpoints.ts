/**
 * Our SQLite saver against the official SqliteSaver on the same chat-like workload, in one run:
 * put, putWrites, getTuple and list-with-metadata-filter throughput and p99, and the file size after
 * 10,000 checkpoints of one thread. Both files use WAL, synchronous=NORMAL and the same WAL checkpoint
 * interval (ours defaults to 10,000 pages; the official saver is given the same), so the comparison is of
 * layout and code, not of SQLite settings.
 *
 *   npx tsx bench/checkpoints.ts
 */
import { mkdtempSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { uuid6, type BaseCheckpointSaver, type Checkpoint, type CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { openSqliteSaver } from "../checkpoints/index.ts";
import { seededRandom } from "../src/workload/seeded-random.ts";

export interface BenchResult {
  name: string;
  figures: Array<{ metric: string; value: number; unit: string; goal?: number; baseline?: string; ratio?: number }>;
}

const checkpointCount = 10_000;
const readOperations = 2_000;
const listOperations = 100;

interface Timing {
  opsPerSecond: number;
  p99Ms: number;
}

function summarize(durationsMs: number[]): Timing {
  const total = durationsMs.reduce((sum, value) => sum + value, 0);
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return { opsPerSecond: (durationsMs.length / total) * 1000, p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0 };
}

async function timeEach(count: number, operation: (index: number) => Promise<unknown>): Promise<Timing> {
  const durations: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await operation(index);
    durations.push(performance.now() - start);
  }
  return summarize(durations);
}

/** State like a chat thread: messages grow slowly, a few small fields change every step, the rest rarely. */
function chatState(step: number) {
  const messageCount = Math.floor(step / 40) + 1;
  const values: Record<string, unknown> = {
    messages: Array.from({ length: messageCount }, (_, index) => ({ role: index % 2 ? "assistant" : "user", content: `turn ${index}: ${"lorem ipsum ".repeat(8)}` })),
    step,
    phase: ["route", "call", "structure", "verify"][step % 4],
    route: { deployment: `model-${step % 3}`, attempt: step % 2, latencyMs: 100 + (step % 50) },
  };
  const versions: Record<string, number> = { messages: messageCount, step: step + 1, phase: step + 1, route: step + 1 };
  for (const channel of ["request", "memory", "verification", "guardian", "output", "policy"]) {
    const epoch = Math.floor(step / 500);
    values[channel] = { channel, epoch, detail: "x".repeat(240) };
    versions[channel] = epoch + 1;
  }
  return { values, versions };
}

interface SaverRun {
  put: Timing;
  putWrites: Timing;
  getTuple: Timing;
  list: Timing;
  bytes: number;
}

async function runSaver(saver: BaseCheckpointSaver, close: () => void, files: string[]): Promise<SaverRun> {
  const threadId = "bench-thread";
  const configs: Array<{ configurable: Record<string, unknown> }> = [];
  let config = { configurable: { thread_id: threadId, checkpoint_ns: "" } } as { configurable: Record<string, unknown> };
  let previous: Record<string, number> = {};
  const put = await timeEach(checkpointCount, async (step) => {
    const { values, versions } = chatState(step);
    const newVersions = Object.fromEntries(Object.entries(versions).filter(([channel, version]) => previous[channel] !== version));
    previous = versions;
    const checkpoint: Checkpoint = { v: 4, id: uuid6(-1), ts: new Date().toISOString(), channel_values: values, channel_versions: versions, versions_seen: { agent: { step } } };
    config = (await saver.put(config, checkpoint, { source: "loop", step, parents: {}, user: `user-${step % 7}` } as CheckpointMetadata, newVersions)) as typeof config;
    configs.push(config);
  });
  const random = seededRandom(7);
  const putWrites = await timeEach(readOperations, async (index) => {
    const target = configs[random.integer(0, configs.length - 1)] ?? config;
    await saver.putWrites(target, [["phase", "verify"], ["route", { attempt: index }]], `task-${index}`);
  });
  const getTuple = await timeEach(readOperations, async (index) => {
    const target = index % 2 === 0 ? { configurable: { thread_id: threadId } } : (configs[random.integer(0, configs.length - 1)] ?? config);
    await saver.getTuple(target);
  });
  const list = await timeEach(listOperations, async () => {
    const step = random.integer(0, checkpointCount - 1);
    for await (const _tuple of saver.list({ configurable: { thread_id: threadId } }, { filter: { source: "loop", step }, limit: 1 })) {
      // consume
    }
  });
  close();
  const bytes = files.reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
  return { put, putWrites, getTuple, list, bytes };
}

export async function run(): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-checkpoints-"));
  try {
    const oursFile = join(directory, "ours.db");
    const ours = openSqliteSaver(oursFile);
    const oursRun = await runSaver(ours, () => ours.close(), [oursFile, `${oursFile}-wal`]);
    const officialFile = join(directory, "official.db");
    const officialDatabase = new Database(officialFile);
    officialDatabase.pragma("journal_mode = WAL");
    officialDatabase.pragma("synchronous = NORMAL");
    officialDatabase.pragma(`wal_autocheckpoint = ${process.env.BENCH_OFFICIAL_WAL_AUTOCHECKPOINT ?? "10000"}`);
    const official = new SqliteSaver(officialDatabase);
    const officialRun = await runSaver(official, () => officialDatabase.close(), [officialFile, `${officialFile}-wal`]);
    const figures: BenchResult["figures"] = [];
    for (const operation of ["put", "putWrites", "getTuple", "list"] as const) {
      const label = operation === "list" ? "list (metadata filter, limit 1)" : operation;
      const mine = oursRun[operation];
      const theirs = officialRun[operation];
      figures.push({
        metric: `${label} throughput`,
        value: Math.round(mine.opsPerSecond),
        unit: "ops/s",
        goal: Math.round(theirs.opsPerSecond * 3),
        baseline: `official SqliteSaver ${Math.round(theirs.opsPerSecond)} ops/s`,
        ratio: Number((mine.opsPerSecond / theirs.opsPerSecond).toFixed(2)),
      });
      figures.push({
        metric: `${label} p99`,
        value: Number(mine.p99Ms.toFixed(3)),
        unit: "ms",
        baseline: `official SqliteSaver ${theirs.p99Ms.toFixed(3)} ms`,
        ratio: Number((mine.p99Ms / theirs.p99Ms).toFixed(3)),
      });
    }
    figures.push({
      metric: `file size after ${checkpointCount} chat-like checkpoints`,
      value: Number((oursRun.bytes / 1_048_576).toFixed(2)),
      unit: "MiB",
      goal: Number((officialRun.bytes / 1_048_576 / 3).toFixed(2)),
      baseline: `official SqliteSaver ${(officialRun.bytes / 1_048_576).toFixed(2)} MiB`,
      ratio: Number((oursRun.bytes / officialRun.bytes).toFixed(4)),
    });
    return { name: "checkpoints", figures };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const result = await run();
  console.table(result.figures);
  console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
