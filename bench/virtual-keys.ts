/**
 * What a /v1 request with a virtual key waits for before its call: the key store's admission (reserve), and
 * its settlement, on the SQLite file (baseline) and on Postgres shared by replicas, in one run: wall and
 * client CPU per admission, and admissions per second of one key from three Postgres pools at once (three
 * replicas). Spend is checked exact at the end. Needs the machine's Postgres (SWITCHYARD_TEST_POSTGRES_URL).
 *
 *   npm run bench -- virtual-keys
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../checkpoints/index.ts";
import { VirtualKeys, type VirtualKey, type VirtualKeyStore } from "../src/openai/index.ts";
import { openPostgresServerStorage } from "../src/server/state/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName } from "../test/support/services.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const rounds = Number(process.env.SWITCHYARD_BENCH_KEYS_ROUNDS ?? 1_000);

async function admit(keys: VirtualKeyStore, key: VirtualKey): Promise<number> {
  const started = performance.now();
  const reservation = await keys.reserve(key, 0.001, 10, Date.now());
  const waited = performance.now() - started;
  if ("limit" in reservation) throw new Error(`refused: ${reservation.limit}`);
  await keys.release(key, reservation, 0.001, 0.001, 0);
  return waited;
}

async function measure(keys: VirtualKeyStore, key: VirtualKey): Promise<{ reserveMs: number; cpuMs: number }> {
  for (let index = 0; index < 100; index += 1) await admit(keys, key);
  let waited = 0;
  const cpu = process.cpuUsage();
  for (let index = 0; index < rounds; index += 1) waited += await admit(keys, key);
  const used = process.cpuUsage(cpu);
  return { reserveMs: waited / rounds, cpuMs: (used.user + used.system) / 1_000 / rounds };
}

export async function run(): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-keys-"));
  const database = openDatabase(join(directory, "state.db"));
  const schema = runScopedName("switchyard_bench_keys");
  const storages = await Promise.all([0, 1, 2].map(() => openPostgresServerStorage(postgresUrl, { schema })));
  try {
    const sqlite = new VirtualKeys(database);
    const sqliteKey = (await sqlite.create({ budgetUsd: 1e9, period: "total" })).record;
    const [first] = storages;
    if (first === undefined) throw new Error("no Postgres storage");
    const postgresKey = (await first.keys.create({ budgetUsd: 1e9, period: "total" })).record;
    const onSqlite = await measure(sqlite, sqliteKey);
    const onPostgres = await measure(first.keys, postgresKey);
    const each = 300;
    const started = performance.now();
    await Promise.all(storages.map(async (storage) => {
      for (let index = 0; index < each; index += 1) await admit(storage.keys, postgresKey);
    }));
    const perSecond = (storages.length * each) / ((performance.now() - started) / 1_000);
    const expected = (100 + rounds + storages.length * each) * 0.001;
    const spent = await first.keys.spent(postgresKey);
    if (Math.abs(spent - expected) > 1e-6) throw new Error(`spend ${spent} is not the ${expected} admitted`);
    const figures: BenchFigure[] = [
      { metric: "admission wait, SQLite file", value: onSqlite.reserveMs, unit: "ms" },
      { metric: "admission wait, Postgres", value: onPostgres.reserveMs, unit: "ms", baseline: "SQLite file", ratio: onPostgres.reserveMs / onSqlite.reserveMs },
      { metric: "client CPU per admission + settlement, SQLite file", value: onSqlite.cpuMs, unit: "ms" },
      { metric: "client CPU per admission + settlement, Postgres", value: onPostgres.cpuMs, unit: "ms", baseline: "SQLite file", ratio: onPostgres.cpuMs / onSqlite.cpuMs },
      { metric: "admissions/s of one key, 3 Postgres pools at once", value: perSecond, unit: "1/s" },
      { metric: "spend difference after all admissions, Postgres", value: Math.abs(spent - expected), unit: "USD", goal: 0 },
    ];
    return { name: "virtual-keys", figures };
  } finally {
    await Promise.all(storages.map((storage) => storage.close()));
    await dropPostgresSchema(schema);
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
