import { defaultGuardianConfig } from "../../../src/config/guardian-config.ts";
import { Guardian, MemoryEventSink, type RecoveryTarget } from "../../../src/guardian/index.ts";
import type { ObservedAttempt } from "../../../src/guardian/guardian.ts";
import { RefusalShares } from "../../../src/guardian/refusal-shares.ts";

const fleet = ["openai-a", "openai-b", "openai-c"];

function run(after: (deployment: string, index: number) => { attempt: ObservedAttempt; pinned?: boolean }) {
  const quarantines: string[] = [];
  const target: RecoveryTarget = { quarantine: (deployment) => void quarantines.push(deployment), blockMode: () => {}, setExploration: () => {}, setStrategy: () => {}, groupsOf: () => ["extract"] };
  const guardian = new Guardian({ config: defaultGuardianConfig(), now: () => 0, target, events: new MemoryEventSink() });
  const kinds: string[] = [];
  // 600 ordinary requests spread over the fleet as the router would, then 300 shaped by `after`.
  for (let index = 0; index < 900; index++) {
    const deployment = fleet[index % fleet.length]!;
    const { attempt, pinned } = index < 600 ? { attempt: ok(deployment), pinned: false } : after(deployment, index);
    guardian.observe(attempt, undefined, pinned === true);
    kinds.push(...guardian.evaluate().map((event) => event.kind));
  }
  return { quarantines, kinds };
}

const ok = (deployment: string): ObservedAttempt => ({ deployment, mode: "emit", outcome: "ok", latency_ms: 200, input_tokens: 300, output_tokens: 80, cost_usd: 0.0001, in_flight: 1 });
const refused = (deployment: string): ObservedAttempt => ({ deployment, mode: "emit", outcome: "transport_error", error_class: "bad_request", latency_ms: 20, input_tokens: 0, output_tokens: 0, cost_usd: 0 });

describe("a deployment that refuses what the rest of the fleet serves", () => {
  it("is quarantined when it answers 400 to everything while its peers serve the same traffic", () => {
    const { quarantines } = run((deployment) => ({ attempt: deployment === "openai-a" ? refused(deployment) : ok(deployment) }));
    expect(quarantines).toEqual(["openai-a"]);
  });

  it("a caller's bad requests, spread over the fleet by the router, quarantine nothing (40 % refused everywhere)", () => {
    const { quarantines, kinds } = run((deployment, index) => ({ attempt: index % 5 < 2 ? refused(deployment) : ok(deployment) }));
    expect(quarantines).toEqual([]);
    expect(kinds).toEqual([]);
  });

  it("a caller pinning one deployment with bad requests quarantines nothing", () => {
    const { quarantines, kinds } = run((deployment, index) => (index % 2 === 0 ? { attempt: refused("openai-a"), pinned: true } : { attempt: ok(deployment) }));
    expect(quarantines).toEqual([]);
    expect(kinds).toEqual([]);
  });
});

describe("RefusalShares", () => {
  it("judges nothing without peers, nor before 20 attempts on each side", () => {
    const shares = new RefusalShares();
    for (let index = 0; index < 50; index++) shares.record("alone", true);
    expect(shares.outlier("alone")).toBe(false);
    for (let index = 0; index < 19; index++) shares.record("peer", false);
    expect(shares.outlier("alone")).toBe(false);
    shares.record("peer", false);
    expect(shares.outlier("alone")).toBe(true);
    // Its latest 50 attempts are what counts: served again, it is no longer an outlier.
    for (let index = 0; index < 30; index++) shares.record("alone", false);
    expect(shares.outlier("alone")).toBe(false);
  });
});
