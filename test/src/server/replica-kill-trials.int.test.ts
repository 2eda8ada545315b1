import { describe, expect, it } from "vitest";
import { runReplicaKillTrials } from "../../fixtures/server/replica-crash-trials.ts";
import { postgresUrl, redisUrl, serviceAvailable } from "../../support/services.ts";

const available = (await serviceAvailable("postgres")) && (await serviceAvailable("redis"));

// The short version of `SWITCHYARD_BENCH_PART=kills npm run bench -- scale-out`: three `switchyard serve`
// replicas on one Postgres database and a Redis run bus, under load, a random one killed with SIGKILL and
// restarted three times. Each kill's runs are taken over by a live replica; none is lost or run twice.
describe.skipIf(!available)("three replicas under load, killed and restarted", () => {
  it("lose no run, run none twice, and end every run within its deadline plus the lease TTL", async () => {
    // A 4 s lease (the bench's is 2 s): under CI's own load a live replica's heartbeat must never look like a
    // death; a killed replica is found by its missing pid, so takeover is not slower by much.
    const report = await runReplicaKillTrials({ kills: 3, postgresUrl, redisUrl, seed: 22, clients: 4, minKillMs: 300, maxKillMs: 800, leaseTtlMs: 4_000, heartbeatMs: 1_000, victimWithRunsInFlight: true });
    const problems = report.firstProblems.join("\n");
    expect(report.kills).toBe(3);
    // The kills had work to take over: runs were pending or running on a victim.
    expect(report.inFlightAtKill).toBeGreaterThan(0);
    expect(report.takeoverMs.length).toBeGreaterThan(0);
    expect(report.runsLost, problems).toBe(0);
    expect(report.runsRunTwice, problems).toBe(0);
    expect(report.recordsDisagreeing, problems).toBe(0);
    expect(report.runsSucceeded, problems).toBe(report.runsCreated);
    expect(report.requestsFailedOnLiveReplicas, problems).toBe(0);
  }, 180_000);
});
