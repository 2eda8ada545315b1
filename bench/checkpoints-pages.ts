/**
 * What each saver call writes to disk: WAL frames (one B-tree page each) per put and per putWrites, ours
 * against the official SqliteSaver on bench/checkpoints.ts's chat workload, and the same for a plain
 * append of a checkpoint-sized row. A commit's cost follows these frames, so they explain the throughput
 * ratios of `npm run bench -- checkpoints`. Counts, not times: the same on a loaded machine.
 *
 *   npm run bench -- checkpoints-pages
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { uuid6, type BaseCheckpointSaver, type CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { openSqliteSaver } from "../checkpoints/index.ts";
import { chatState, openOfficialSaver } from "./checkpoints.ts";
import type { BenchResult } from "./types.ts";

const warmup = 2_000;
const measured = 1_000;

/** WAL frames written so far. With automatic WAL checkpoints off, the WAL only grows. */
function frames(file: string, pageSize: number): number {
  return (statSync(`${file}-wal`).size - 32) / (pageSize + 24);
}

async function measure(saver: BaseCheckpointSaver, database: Database.Database, file: string): Promise<{ put: number; putWrites: number }> {
  const pageSize = Number(database.pragma("page_size", { simple: true }));
  let config = { configurable: { thread_id: "pages", checkpoint_ns: "" } as Record<string, unknown> };
  let previous: Record<string, number> = {};
  const configs: Array<typeof config> = [];
  const put = async (step: number) => {
    const { values, versions } = chatState(step);
    const newVersions = Object.fromEntries(Object.entries(versions).filter(([channel, version]) => previous[channel] !== version));
    previous = versions;
    const checkpoint = { v: 4, id: uuid6(-1), ts: new Date().toISOString(), channel_values: values, channel_versions: versions, versions_seen: {} };
    const metadata = { source: "loop", step, parents: {}, user: `user-${step % 7}` } as CheckpointMetadata;
    config = (await saver.put(config, checkpoint, metadata, newVersions)) as typeof config;
    configs.push(config);
  };
  for (let step = 0; step < warmup; step += 1) await put(step);
  const beforePut = frames(file, pageSize);
  for (let step = warmup; step < warmup + measured; step += 1) await put(step);
  const afterPut = frames(file, pageSize);
  for (let index = 0; index < measured; index += 1) {
    // Spread over the thread's checkpoints as bench/checkpoints.ts does (a fixed stride, no randomness needed).
    const target = configs[(index * 7919) % configs.length] ?? config;
    await saver.putWrites(target, [["phase", "verify"], ["route", { attempt: index }]], `task-${index}`);
  }
  return { put: (afterPut - beforePut) / measured, putWrites: (frames(file, pageSize) - afterPut) / measured };
}

/** Frames per INSERT when appending rows the size of ours to a WITHOUT ROWID table: the layout's own cost. */
function appendFrames(file: string, rowBytes: number): number {
  const database = new Database(file);
  try {
    database.pragma("journal_mode = WAL");
    database.pragma("wal_autocheckpoint = 0");
    database.exec("CREATE TABLE t (thread_id TEXT, checkpoint_ns TEXT, checkpoint_id TEXT, body BLOB, PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)) WITHOUT ROWID");
    const insert = database.prepare("INSERT INTO t VALUES ('pages', '', ?, ?)");
    const body = Buffer.alloc(rowBytes, 7);
    for (let index = 0; index < warmup; index += 1) insert.run(uuid6(-1), body);
    const pageSize = Number(database.pragma("page_size", { simple: true }));
    const before = frames(file, pageSize);
    for (let index = 0; index < measured; index += 1) insert.run(uuid6(-1), body);
    return (frames(file, pageSize) - before) / measured;
  } finally {
    database.close();
  }
}

export async function run(): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-pages-"));
  try {
    const oursFile = join(directory, "ours.db");
    const ours = openSqliteSaver(oursFile, { walAutocheckpointPages: 0 });
    const oursPages = await measure(ours, ours.database, oursFile);
    const rowBytes = Number(ours.database.prepare("SELECT avg(length(checkpoint) + length(metadata) + ifnull(length(inline_values), 0) + ifnull(length(index_entries), 0)) FROM sy_checkpoints").pluck().get());
    ours.close();
    const officialFile = join(directory, "official.db");
    const official = openOfficialSaver(officialFile, 0);
    const officialPages = await measure(official.saver, official.database, officialFile);
    official.database.close();
    const append = appendFrames(join(directory, "append.db"), Math.round(rowBytes));
    const figure = (metric: string, mine: number, theirs: number) => ({
      metric,
      value: Number(mine.toFixed(2)),
      unit: "pages",
      baseline: `official SqliteSaver ${theirs.toFixed(2)} pages`,
      ratio: Number((mine / theirs).toFixed(2)),
    });
    return {
      name: "checkpoints-pages",
      figures: [
        figure("WAL pages written per put", oursPages.put, officialPages.put),
        figure("WAL pages written per putWrites", oursPages.putWrites, officialPages.putWrites),
        { metric: `WAL pages per append of a ${Math.round(rowBytes)}-byte row (WITHOUT ROWID)`, value: Number(append.toFixed(2)), unit: "pages" },
      ],
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table((await run()).figures);
}
