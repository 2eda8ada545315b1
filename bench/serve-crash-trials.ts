/**
 * kill -9 trials of `switchyard serve` under load (see test/fixtures/server/serve-crash-trials.ts): runs
 * started through the official SDK Client, the server killed at a seeded random moment, restarted on the
 * same SQLite file, every run recovered. Goals: 0 threads left pending, 0 run records disagreeing with
 * their thread, 0 repeated model calls (counted at a proxy in front of the emulator), integrity_check ok.
 *
 *   SWITCHYARD_CRASH_TRIALS=100 npm run bench -- serve-crash-trials
 *
 * SWITCHYARD_CRASH_RUNS (runs per trial, default 4) and SWITCHYARD_CRASH_MAX_KILL_MS (the kill lands within
 * this many ms of starting them, default 1500) and SWITCHYARD_CRASH_CALL_DELAY_MS (latency added to each model
 * call, default 40) set how much is in flight when the server dies.
 */
import { percentile } from "../src/telemetry/percentile.ts";
import { runServeCrashTrials } from "../test/fixtures/server/serve-crash-trials.ts";
import type { BenchResult } from "./types.ts";

const TRIALS = Number(process.env.SWITCHYARD_CRASH_TRIALS ?? 20);

export async function run(): Promise<BenchResult> {
  const report = await runServeCrashTrials({
    trials: TRIALS,
    seed: Number(process.env.SWITCHYARD_CRASH_SEED ?? 20261206),
    runsPerTrial: Number(process.env.SWITCHYARD_CRASH_RUNS ?? 4),
    maxKillMs: Number(process.env.SWITCHYARD_CRASH_MAX_KILL_MS ?? 1_500),
    callDelayMs: Number(process.env.SWITCHYARD_CRASH_CALL_DELAY_MS ?? 40),
    log: (line) => console.log(line),
  });
  for (const problem of report.firstProblems) console.log(`  problem: ${problem}`);
  return {
    name: "serve-crash-trials",
    figures: [
      { metric: "trials (kill -9 of serve, restart)", value: report.trials, unit: "trials", goal: 100 },
      { metric: "runs started", value: report.runs, unit: "runs" },
      { metric: "runs in flight at the kill", value: report.inFlightAtKill, unit: "runs" },
      { metric: "threads left pending after restart", value: report.threadsLeftPending, unit: "threads", goal: 0 },
      { metric: "run records disagreeing with their thread", value: report.recordsDisagreeing, unit: "runs", goal: 0 },
      { metric: "repeated completed model calls", value: report.repeatedModelCalls, unit: "calls", goal: 0 },
      { metric: "calls lost in flight (reply < 500 ms before the kill)", value: report.callsLostInFlight, unit: "calls" },
      { metric: "lost in flight: reply to kill, max", value: report.lostInFlightGapsMs.length === 0 ? 0 : Math.max(...report.lostInFlightGapsMs), unit: "ms" },
      { metric: "lost in flight: reply to kill, p50", value: report.lostInFlightGapsMs.length === 0 ? 0 : percentile(report.lostInFlightGapsMs, 0.5), unit: "ms" },
      { metric: "replies finished after the kill (never received)", value: report.repliesToDeadServer, unit: "calls" },
      { metric: "runs succeeded after recovery", value: report.runsSucceeded, unit: "runs", goal: report.runs },
      { metric: "integrity_check failures", value: report.integrityFailures, unit: "files", goal: 0 },
      { metric: "restart to all runs settled p50", value: percentile(report.recoveryMs, 0.5), unit: "ms" },
      { metric: "restart to all runs settled max", value: Math.max(...report.recoveryMs), unit: "ms" },
      { metric: "listening to all runs settled p50", value: percentile(report.settleMs, 0.5), unit: "ms" },
      { metric: "listening to all runs settled max", value: Math.max(...report.settleMs), unit: "ms" },
    ],
  };
}
