/**
 * 50 replica kills under load (issue #22's goal): three `switchyard serve` replicas on one Postgres database
 * and a Redis run bus, SIGKILL of a random one at seeded moments under continuous load, and its restart
 * (test/fixtures/server/replica-crash-trials.ts). Goals: 0 runs lost (every run final within its deadline plus
 * the lease TTL), 0 runs run twice (no completed model call made again), every run succeeded.
 *
 *   SWITCHYARD_BENCH_PART=kills SWITCHYARD_KILLS=50 npm run bench -- scale-out
 *
 * SWITCHYARD_KILLS (default 50), SWITCHYARD_KILLS_SEED, SWITCHYARD_KILLS_TTL_MS (lease TTL, default 2000; the
 * heartbeat is a quarter of it) and SWITCHYARD_KILLS_CLIENTS (request loops, default 6).
 */
import fs from "node:fs";
import { percentile } from "../../src/telemetry/percentile.ts";
import { runReplicaKillTrials } from "../../test/fixtures/server/replica-crash-trials.ts";
import type { BenchFigure } from "../types.ts";

const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

export async function measureKills(postgresUrl: string, redisUrl: string): Promise<BenchFigure[]> {
  const kills = Number(process.env.SWITCHYARD_KILLS ?? 50);
  const ttlMs = Number(process.env.SWITCHYARD_KILLS_TTL_MS ?? 2_000);
  const deadlineMs = 20_000;
  console.log(`  kills: ${kills}, lease TTL ${ttlMs} ms, load average at the start ${loadAverage()}`);
  const started = performance.now();
  const report = await runReplicaKillTrials({
    kills,
    postgresUrl,
    redisUrl,
    seed: Number(process.env.SWITCHYARD_KILLS_SEED ?? 20261206),
    leaseTtlMs: ttlMs,
    heartbeatMs: Math.round(ttlMs / 4),
    deadlineMs,
    clients: Number(process.env.SWITCHYARD_KILLS_CLIENTS ?? 6),
    log: (line) => console.log(`  ${line}`),
  });
  const wallMs = performance.now() - started;
  console.log(`  kills done in ${(wallMs / 1000).toFixed(0)} s, load average at the end ${loadAverage()}`);
  for (const problem of report.firstProblems) console.log(`  problem: ${problem}`);
  const p = (values: number[], q: number) => (values.length === 0 ? 0 : percentile(values, q));
  return [
    { metric: "kills: replicas killed with SIGKILL under load and restarted", value: report.kills, unit: "kills", goal: kills },
    { metric: "kills: runs created", value: report.runsCreated, unit: "runs" },
    { metric: "kills: runs pending or running on the victim at a kill", value: report.inFlightAtKill, unit: "runs" },
    { metric: "kills: runs lost (not final within deadline + lease TTL)", value: report.runsLost, unit: "runs", goal: 0 },
    { metric: "kills: runs run twice (a completed model call made again)", value: report.runsRunTwice, unit: "runs", goal: 0 },
    { metric: "kills: completed model calls made again", value: report.repeatedModelCalls, unit: "calls", goal: 0 },
    { metric: "kills: calls lost in flight (reply < 500 ms before a kill)", value: report.callsLostInFlight, unit: "calls" },
    { metric: "kills: replies finished after a kill (never received)", value: report.repliesToDeadServer, unit: "calls" },
    { metric: "kills: runs succeeded", value: report.runsSucceeded, unit: "runs", goal: report.runsCreated },
    { metric: "kills: run or thread records disagreeing with the thread", value: report.recordsDisagreeing, unit: "records", goal: 0 },
    { metric: "kills: kill to takeover of the victim's runs p50", value: p(report.takeoverMs, 0.5), unit: "ms" },
    { metric: "kills: kill to takeover of the victim's runs max", value: p(report.takeoverMs, 1), unit: "ms", goal: 2 * ttlMs },
    { metric: "kills: run created to final p50", value: p(report.runEndMs, 0.5), unit: "ms" },
    { metric: "kills: run created to final p99", value: p(report.runEndMs, 0.99), unit: "ms" },
    { metric: "kills: run created to final max", value: p(report.runEndMs, 1), unit: "ms", goal: deadlineMs + ttlMs },
    { metric: "kills: requests answered", value: report.requestsAnswered, unit: "requests" },
    { metric: "kills: requests cut off by a kill of a replica they used", value: report.requestsCutByKill, unit: "requests" },
    { metric: "kills: requests failed while their replicas stayed up", value: report.requestsFailedOnLiveReplicas, unit: "requests", goal: 0 },
    { metric: "kills: CPU of all replica processes per run created", value: report.runsCreated === 0 ? 0 : report.replicaCpuMs / report.runsCreated, unit: "ms" },
    { metric: "kills: wall time", value: wallMs / 1000, unit: "s" },
  ];
}
