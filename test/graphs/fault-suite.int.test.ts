/**
 * The CI fault suite of issue 14: the real gateway (createGateway) with every deployment behind the fault
 * proxy, one scenario per fault kind. Goal per scenario: >= 99.9 % success (a healthy deployment exists in
 * every chain), 0 requests past deadline + 1 s, 0 duplicated completed model calls.
 * FAULT_SUITE_REQUESTS sets the requests per scenario (40 by default, 8 at a time).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultBed, type FaultBed, type RequestOutcome } from "../fixtures/faults/fault-bed.ts";
import { scenarios, suiteTimings, type Scenario } from "../fixtures/faults/fault-scenarios.ts";
import { describeTally, tally, type ScenarioTally } from "../fixtures/faults/fault-tally.ts";
import { runTwoProcessTrial } from "../fixtures/faults/two-process-trial.ts";

const requestsPerScenario = Number(process.env.FAULT_SUITE_REQUESTS ?? 40);
const concurrency = 8;

let directory: string;
let bed: FaultBed;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "switchyard-fault-suite-"));
  bed = await startFaultBed({ timings: suiteTimings, checkpoints: join(directory, "state.db") });
  await bed.warmUp();
});
afterAll(async () => {
  for (const end of bed?.hungEnds ?? []) console.log(`[fault-suite] hung request: ${end}`);
  await bed?.close();
  rmSync(directory, { recursive: true, force: true });
});

async function runScenario(scenario: Scenario): Promise<{ entry: ScenarioTally; outcomes: RequestOutcome[] }> {
  await bed.apply(scenario);
  const outcomes: RequestOutcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requestsPerScenario) outcomes.push(await bed.request(scenario, next++));
    }),
  );
  const entry = tally(scenario.name, outcomes, bed.proxy.tags());
  // The counts are the suite's report: printed whether the goals hold or not.
  console.log(`[fault-suite] ${describeTally(entry)}`);
  return { entry, outcomes };
}

describe("the gateway under backend faults (fault proxy in front of the emulators)", () => {
  for (const scenario of scenarios) {
    it(`${scenario.name} (${scenario.summary}): >= 99.9 % success, no hangs, no duplicated model calls`, async () => {
      const { entry, outcomes } = await runScenario(scenario);
      const firstFailures = outcomes.filter((outcome) => outcome.outcome !== "succeeded").slice(0, 3).map((outcome) => JSON.stringify(outcome));
      // Soft: a run that misses one goal still reports the others.
      expect.soft(entry.hung, describeTally(entry)).toBe(0);
      expect.soft(entry.successRate, `${describeTally(entry)}\n${firstFailures.join("\n")}`).toBeGreaterThanOrEqual(0.999);
      expect.soft(entry.duplicatedCalls, describeTally(entry)).toBe(0);
      // The faults really happened: the proxy injected them on this scenario's deployments.
      const injected = scenario.deployments.reduce((sum, deployment) => sum + Object.values(bed.proxy.stats(deployment.id).faults).reduce((total, count) => total + count, 0), 0);
      const refused = Object.values(scenario.plans[0]).some((plan) => plan.rules[0]?.fault.kind === "refuse");
      if (!refused) expect(injected).toBeGreaterThan(0);
    }, 120_000);
  }

  it("two gateway processes on one SQLite file, backends faulty: no reported checkpoint lost, integrity_check ok", async () => {
    for (const scenario of scenarios) await bed.apply(scenario);
    const requestsPerProcess = 10;
    const result = await runTwoProcessTrial({ directory, config: bed.config, requestsPerProcess, groups: scenarios.map((scenario) => scenario.group) });
    console.log(`[fault-suite] two processes on one file: ${JSON.stringify(result)}`);
    expect(result.childFailures).toEqual([]);
    expect(result.reported).toBe(2 * requestsPerProcess);
    expect(result.lost).toBe(0);
    expect(result.integrity).toBe("ok");
  }, 120_000);
});
