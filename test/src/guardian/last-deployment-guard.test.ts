import { defaultGuardianConfig } from "../../../src/config/guardian-config.ts";
import { Guardian, MemoryEventSink, type Observation, type RecoveryTarget } from "../../../src/guardian/index.ts";
import { removalRefusal, type ServingView } from "../../../src/guardian/last-deployment-guard.ts";

const groups = [
  { name: "primary", deployments: ["a", "b"] },
  { name: "backup", deployments: ["c"] },
  { name: "alone", deployments: ["d"] },
];
const chains: Record<string, string[]> = { primary: ["backup"], backup: [], alone: [] };

function view(serving: Iterable<string>): ServingView {
  const set = new Set(serving);
  return { groups, chainOf: (group) => chains[group] ?? [], canServe: (id) => set.has(id) };
}

describe("removalRefusal", () => {
  it("lets a deployment go while another in its group or its fallback chain can serve", () => {
    expect(removalRefusal("a", view(["a", "b", "c", "d"]))).toBeUndefined();
    // b cooling down: c in the fallback group still serves primary.
    expect(removalRefusal("a", view(["a", "c", "d"]))).toBeUndefined();
  });

  it("refuses the last deployment able to serve a group's chain, naming the group and the chain", () => {
    expect(removalRefusal("c", view(["c", "d"]))).toMatch(/group primary with nothing able to serve \(chain primary -> backup: a, b cannot serve/);
    expect(removalRefusal("d", view(["a", "b", "c", "d"]))).toMatch(/group alone .*only deployment in the chain/);
  });
});

/** A target over a live serving set: a quarantine takes the deployment out of it, as a router cooldown would. */
function guardedTarget(serving: Set<string>) {
  const quarantined: string[] = [];
  const target: RecoveryTarget = {
    quarantine: async (deployment) => {
      await Promise.resolve();
      serving.delete(deployment);
      quarantined.push(deployment);
    },
    blockMode: () => {},
    setExploration: () => {},
    setStrategy: () => {},
    groupsOf: () => ["primary"],
    removalRefusal: async (deployment, failing) => removalRefusal(deployment, view([...serving].filter((id) => !(failing?.has(id) ?? false)))),
  };
  return { quarantined, target };
}

function latencySamples(deployment: string, latency: number, count: number): Observation[] {
  return Array.from({ length: count }, (_, index) => ({ deployment, mode: "emit", failed: false, latencyMs: latency * (0.9 + (index % 5) * 0.05), valid: true, tokens: 300, costUsd: 0 }));
}

async function run(serving: Set<string>, slow: readonly string[], failingShare: Record<string, number> = {}) {
  let clock = 1_000_000;
  const events = new MemoryEventSink();
  const { quarantined, target } = guardedTarget(serving);
  const guardian = new Guardian({ config: defaultGuardianConfig({ warmup_samples: 20 }), now: () => clock, target, events });
  const feed = (latency: (deployment: string) => number, count: number) => {
    for (let index = 0; index < count; index += 1) {
      for (const deployment of ["a", "b"]) {
        const sample = latencySamples(deployment, latency(deployment), count)[index]!;
        // A steady share of failures (from the start, so the errors detector has it in its baseline).
        const failed = (index % 20) / 20 < (failingShare[deployment] ?? 0);
        guardian.observeSample(failed ? { ...sample, failed: true } : sample);
      }
      clock += 1_000;
      guardian.evaluate();
    }
  };
  feed(() => 40, 100);
  feed((deployment) => (slow.includes(deployment) ? 200 : 40), 60);
  await guardian.settled();
  return { quarantined, events: events.events, guardian };
}

describe("Guardian with the last-deployment guard", () => {
  it("quarantines a slow deployment while another one can serve", async () => {
    const { quarantined, events } = await run(new Set(["a", "b"]), ["a"]);
    expect(quarantined).toEqual(["a"]);
    expect(events.map((event) => event.kind)).toContain("quarantine");
  });

  it("refuses to quarantine the last deployment able to serve, logs why and drops the incident", async () => {
    // b and the fallback c are down (cooling or unhealthy): a is slow, but all the group has.
    const { quarantined, events, guardian } = await run(new Set(["a"]), ["a"]);
    expect(quarantined).toEqual([]);
    const refused = events.filter((event) => event.kind === "quarantine_refused");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ category: "recovery", subject: "a" });
    expect(refused[0]!.reason).toMatch(/would leave group primary with nothing able to serve/);
    expect(events.some((event) => event.kind === "quarantine")).toBe(false);
    expect([...guardian.incidents.values()].filter((incident) => incident.action === "quarantine")).toEqual([]);
  });

  it("does not count a peer that fails most of its calls as able to serve, though it is not cooling down", async () => {
    // b fails 3 calls in 20 (a 429 storm between cooldowns): a is slow, but the only one serving cleanly.
    const { quarantined, events } = await run(new Set(["a", "b"]), ["a"], { b: 0.15 });
    expect(quarantined).toEqual([]);
    const refused = events.find((event) => event.kind === "quarantine_refused");
    expect(refused?.reason).toMatch(/would leave group primary with nothing able to serve .*b, c cannot serve \(cooling down, unhealthy or failing\)/);
  });

  it("still quarantines a slow deployment beside a peer that fails less than errors.min_increase of its calls", async () => {
    // 1 in 20: below guardian.errors.min_increase (0.1).
    const { quarantined } = await run(new Set(["a", "b"]), ["a"], { b: 0.05 });
    expect(quarantined).toEqual(["a"]);
  });

  it("when both deployments degrade at once, quarantines one and keeps the last", async () => {
    const serving = new Set(["a", "b"]);
    const { quarantined, events } = await run(serving, ["a", "b"]);
    expect(quarantined).toHaveLength(1);
    expect(serving.size).toBe(1);
    expect(events.some((event) => event.kind === "quarantine_refused")).toBe(true);
  });
});
