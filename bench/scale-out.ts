/**
 * Scale-out on Postgres + Redis (issue #22):
 * - bus: cross-replica stream delay and fan-out (Redis Streams) and cancel fan-out (pub/sub), against the in-process bus;
 * - limits: a global rpm limit across 3 routing states on one Redis, and its cost against the memory store;
 * - migrate: `switchyard migrate` of a 10,000-checkpoint SQLite file, verified equal, and its no-op re-run;
 * - replicas: requests/s, p50/p99 and CPU per request with 1, 2 and 3 `switchyard serve` replicas on one Postgres
 *   database and one Redis run bus, and the extra delay of following a run from another replica;
 * - kills: 50 SIGKILLs of a random replica (of three) under load, each restarted: runs lost, runs run twice,
 *   kill to takeover (scale-out/kills.ts; SWITCHYARD_KILLS sets the count).
 *
 *   npm run bench -- scale-out
 *   SWITCHYARD_BENCH_PART=bus npm run bench -- scale-out      (bus | limits | migrate | replicas | kills)
 *
 * Needs the machine's Redis and Postgres (SWITCHYARD_TEST_REDIS_URL, SWITCHYARD_TEST_POSTGRES_URL); a part
 * whose service is absent says so and is left out. Own key prefix and schema per run, removed at the end.
 */
import { Redis } from "ioredis";
import { postgresUrl, redisUrl, runScopedName, serviceAvailable } from "../test/support/services.ts";
import { measureBus } from "./scale-out/bus-delay.ts";
import { measureKills } from "./scale-out/kills.ts";
import { measureLimits } from "./scale-out/limits.ts";
import { measureMigration } from "./scale-out/migration.ts";
import { measureReplicas } from "./scale-out/replicas.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const parts = ["bus", "limits", "migrate", "replicas", "kills"] as const;
type Part = (typeof parts)[number];

async function withRedisPrefix(measure: (url: string, prefix: string) => Promise<BenchFigure[]>): Promise<BenchFigure[]> {
  const prefix = runScopedName("switchyard_bench_scale");
  try {
    return await measure(redisUrl, prefix);
  } finally {
    const client = new Redis(redisUrl);
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  }
}

export async function run(): Promise<BenchResult> {
  const only = process.env.SWITCHYARD_BENCH_PART;
  if (only !== undefined && !(parts as readonly string[]).includes(only)) throw new Error(`SWITCHYARD_BENCH_PART=${only} is not a part of scale-out; parts: ${parts.join(", ")}`);
  const wanted = (part: Part): boolean => only === undefined || only === part;
  const redis = wanted("bus") || wanted("limits") || wanted("replicas") || wanted("kills") ? await serviceAvailable("redis") : false;
  const postgres = wanted("migrate") || wanted("replicas") || wanted("kills") ? await serviceAvailable("postgres") : false;
  const figures: BenchFigure[] = [];
  if (wanted("bus") && redis) figures.push(...(await withRedisPrefix(measureBus)));
  if (wanted("limits") && redis) figures.push(...(await withRedisPrefix(measureLimits)));
  if (wanted("migrate") && postgres) figures.push(...(await measureMigration(postgresUrl, runScopedName("switchyard_bench_migrate"))));
  if (wanted("replicas") && redis && postgres) figures.push(...(await withRedisPrefix((url, prefix) => measureReplicas(postgresUrl, url, prefix))));
  if (wanted("kills") && redis && postgres) figures.push(...(await measureKills(postgresUrl, redisUrl)));
  return { name: "scale-out", figures };
}
