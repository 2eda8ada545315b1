/**
 * Our SQLite saver against the official SqliteSaver on the same chat-like workload, in one run:
 * put, putWrites, getTuple and list-with-metadata-filter throughput and p99, and the file size after
 * 10,000 checkpoints of one thread. Both files use WAL, synchronous=NORMAL and the same WAL checkpoint
 * interval (ours defaults to 10,000 pages; the official saver is given the same), so the comparison is of
 * layout and code, not of SQLite settings. The two savers take turns in blocks of 250 operations (a shared
 * machine's load drifts over a run), and only the saver call is timed, not building the workload's state.
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
import type { BenchResult } from "./types.ts";


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

/** Ops per turn: the savers take turns in blocks this long, so a change in machine load hits both alike. */
const turn = 250;

/** One saver under test: its state through the phases and the time each operation took. */
interface Side {
  saver: BaseCheckpointSaver;
  close: () => void;
  files: string[];
  configs: Array<{ configurable: Record<string, unknown> }>;
  config: { configurable: Record<string, unknown> };
  previous: Record<string, number>;
  random: ReturnType<typeof seededRandom>;
}

/**
 * Runs `count` operations on every side, the sides taking turns in blocks of `turn`. Only `operation`
 * is timed: building its input (the workload) is not saver work.
 */
async function interleave<T>(
  sides: Side[],
  count: number,
  prepare: (side: Side, index: number) => T,
  operation: (side: Side, input: T) => Promise<unknown>,
): Promise<Timing[]> {
  const durations: number[][] = sides.map(() => []);
  for (let start = 0; start < count; start += turn) {
    for (const [position, side] of sides.entries()) {
      for (let index = start; index < Math.min(count, start + turn); index += 1) {
        const input = prepare(side, index);
        const began = performance.now();
        await operation(side, input);
        durations[position]?.push(performance.now() - began);
      }
    }
  }
  return durations.map(summarize);
}

/** State like a chat thread: messages grow slowly, a few small fields change every step, the rest rarely. */
export function chatState(step: number) {
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

const threadId = "bench-thread";

async function runSavers(sides: Side[]): Promise<SaverRun[]> {
  const put = await interleave(
    sides,
    checkpointCount,
    (side, step) => {
      const { values, versions } = chatState(step);
      const newVersions = Object.fromEntries(Object.entries(versions).filter(([channel, version]) => side.previous[channel] !== version));
      side.previous = versions;
      const checkpoint: Checkpoint = { v: 4, id: uuid6(-1), ts: new Date().toISOString(), channel_values: values, channel_versions: versions, versions_seen: { agent: { step } } };
      return { checkpoint, metadata: { source: "loop", step, parents: {}, user: `user-${step % 7}` } as CheckpointMetadata, newVersions };
    },
    async (side, { checkpoint, metadata, newVersions }) => {
      side.config = (await side.saver.put(side.config, checkpoint, metadata, newVersions)) as Side["config"];
      side.configs.push(side.config);
    },
  );
  const putWrites = await interleave(
    sides,
    readOperations,
    (side, index) => ({ target: side.configs[side.random.integer(0, side.configs.length - 1)] ?? side.config, index }),
    (side, { target, index }) => side.saver.putWrites(target, [["phase", "verify"], ["route", { attempt: index }]], `task-${index}`),
  );
  const getTuple = await interleave(
    sides,
    readOperations,
    (side, index) => (index % 2 === 0 ? { configurable: { thread_id: threadId } } : (side.configs[side.random.integer(0, side.configs.length - 1)] ?? side.config)),
    (side, target) => side.saver.getTuple(target),
  );
  const list = await interleave(
    sides,
    listOperations,
    (side) => side.random.integer(0, checkpointCount - 1),
    async (side, step) => {
      for await (const _tuple of side.saver.list({ configurable: { thread_id: threadId } }, { filter: { source: "loop", step }, limit: 1 })) {
        // consume
      }
    },
  );
  return sides.map((side, position) => {
    side.close();
    const bytes = side.files.reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
    const at = <T>(timings: T[]): T => timings[position] as T;
    return { put: at(put), putWrites: at(putWrites), getTuple: at(getTuple), list: at(list), bytes };
  });
}

function side(saver: BaseCheckpointSaver, close: () => void, files: string[]): Side {
  return { saver, close, files, configs: [], config: { configurable: { thread_id: threadId, checkpoint_ns: "" } }, previous: {}, random: seededRandom(7) };
}

/** Mean µs of a one-row INSERT in its own transaction, WAL, synchronous=NORMAL (the best of three rounds). */
function commitFloorMicroseconds(file: string): number {
  const database = new Database(file);
  try {
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("wal_autocheckpoint = 10000");
    database.exec("CREATE TABLE floor (thread TEXT NOT NULL, step INTEGER NOT NULL, value BLOB NOT NULL, PRIMARY KEY (thread, step)) WITHOUT ROWID");
    const insert = database.prepare("INSERT INTO floor VALUES (?, ?, ?)");
    const write = database.transaction((step: number) => insert.run("thread", step, Buffer.alloc(100, 1)));
    let best = Infinity;
    for (let round = 0, step = 0; round < 3; round += 1) {
      const started = performance.now();
      for (let index = 0; index < 5_000; index += 1) write(step++);
      best = Math.min(best, ((performance.now() - started) / 5_000) * 1000);
    }
    return best;
  } finally {
    database.close();
  }
}

/** The official SqliteSaver on a file with our pragmas (WAL, synchronous=NORMAL, the given WAL checkpoint interval). */
export function openOfficialSaver(file: string, walAutocheckpointPages: number): { saver: SqliteSaver; database: Database.Database } {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
  return { saver: new SqliteSaver(database), database };
}

export async function run(): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-checkpoints-"));
  try {
    const oursFile = join(directory, "ours.db");
    const ours = openSqliteSaver(oursFile);
    const officialFile = join(directory, "official.db");
    const { saver: official, database: officialDatabase } = openOfficialSaver(officialFile, Number(process.env.BENCH_OFFICIAL_WAL_AUTOCHECKPOINT ?? 10_000));
    const [oursRun, officialRun] = await runSavers([
      side(ours, () => ours.close(), [oursFile, `${oursFile}-wal`]),
      side(official, () => officialDatabase.close(), [officialFile, `${officialFile}-wal`]),
    ]);
    if (oursRun === undefined || officialRun === undefined) throw new Error("bench: a saver produced no figures");
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
    // The floor under any durable write: one single-row commit on a file with the same pragmas. A saver
    // that commits each call cannot be faster per call than this, whatever its layout.
    const floorUs = commitFloorMicroseconds(join(directory, "floor.db"));
    const putWritesOfficialUs = 1e6 / officialRun.putWrites.opsPerSecond;
    figures.push({
      metric: "one-row commit floor (same pragmas)",
      value: Number(floorUs.toFixed(1)),
      unit: "µs",
      baseline: `3x the official putWrites needs ${(putWritesOfficialUs / 3).toFixed(1)} µs per call`,
      ratio: Number((floorUs / (putWritesOfficialUs / 3)).toFixed(2)),
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
