import { describe, expect, it } from "vitest";
import { runServeCrashTrials } from "../../fixtures/server/serve-crash-trials.ts";

// The short version of `npm run bench -- serve-crash-trials`: kill -9 of a real `switchyard serve` child
// while runs are in flight, a restart on the same file, and every run recovered.
describe("switchyard serve under kill -9", () => {
  it("leaves no thread pending, no record disagreeing with its thread and no repeated model call", async () => {
    const report = await runServeCrashTrials({ trials: 3, seed: 77, maxKillMs: 800 });
    expect(report.trials).toBe(3);
    // Recovery had work to do: some runs were pending or running when the server died.
    expect(report.inFlightAtKill).toBeGreaterThan(0);
    expect(report.integrityFailures).toBe(0);
    expect(report.threadsLeftPending, report.firstProblems.join("\n")).toBe(0);
    expect(report.recordsDisagreeing, report.firstProblems.join("\n")).toBe(0);
    expect(report.repeatedModelCalls, report.firstProblems.join("\n")).toBe(0);
    expect(report.runsSucceeded).toBe(report.runs);
  }, 240_000);
});
