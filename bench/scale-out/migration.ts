/**
 * `switchyard migrate` on a file the size the issue names: 10,000 checkpoints written by real graph runs
 * (a subgraph namespace per turn, an interrupt every fifth turn, store items), copied into a fresh Postgres
 * schema, verified checkpoint by checkpoint through the official saver, then migrated again (a no-op).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateSqliteToPostgres } from "../../checkpoints/migrate.ts";
import { writeMigrationFixture } from "../../test/support/migration-fixture.ts";
import type { BenchFigure } from "../types.ts";

const target = Number(process.env.SWITCHYARD_BENCH_MIGRATE_CHECKPOINTS ?? 10_000);
/** About 7.75 checkpoints per turn of the fixture graph (root and subgraph); 40 threads. */
const threads = 40;

export async function measureMigration(postgresUrl: string, schema: string): Promise<BenchFigure[]> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-migrate-"));
  const file = path.join(directory, "state.db");
  try {
    const writeStarted = performance.now();
    const fixture = await writeMigrationFixture(file, { threads, turns: Math.ceil(target / (7.75 * threads)), items: 1_000 });
    const writeMs = performance.now() - writeStarted;
    console.log(`  wrote ${fixture.checkpoints} checkpoints and ${fixture.items} store items in ${(writeMs / 1000).toFixed(1)} s`);
    const cpu = process.cpuUsage();
    const first = await migrateSqliteToPostgres({ from: file, to: postgresUrl, schema, verify: "history", onProgress: (line) => console.log(`  ${line}`) });
    const used = process.cpuUsage(cpu);
    const again = await migrateSqliteToPostgres({ from: file, to: postgresUrl, schema, verify: "latest" });
    return [
      { metric: "migrate: checkpoints in the SQLite file", value: fixture.checkpoints, unit: "checkpoints", goal: 10_000 },
      { metric: "migrate: copy + verify every checkpoint, wall", value: first.elapsedMs / 1_000, unit: "s", baseline: "writing the file by graph runs", ratio: first.elapsedMs / writeMs },
      { metric: "migrate: CPU of this process (copy + verify)", value: (used.user + used.system) / 1e6, unit: "s" },
      { metric: "migrate: checkpoints copied per second (incl. verify)", value: first.checkpoints.copied / (first.elapsedMs / 1_000), unit: "1/s" },
      { metric: "migrate: differences after read-back (checkpoints, histories, store items)", value: first.verify.mismatchCount, unit: "count", goal: 0 },
      { metric: "migrate: checkpoints compared", value: first.verify.checkpointsCompared, unit: "checkpoints" },
      { metric: "migrate: re-run, copied", value: again.checkpoints.copied + again.store.copied, unit: "count", goal: 0 },
      { metric: "migrate: re-run wall (skip + verify latest)", value: again.elapsedMs / 1_000, unit: "s" },
    ];
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
  }
}
