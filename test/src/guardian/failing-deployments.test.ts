import { failingDeployments } from "../../../src/guardian/failing-deployments.ts";
import { KeyStatistics } from "../../../src/guardian/key-statistics.ts";

function key(deployment: string, mode: string, calls: Array<"ok" | "failed" | "invalid">): KeyStatistics {
  const statistics = new KeyStatistics(deployment, mode, 50, 100, 200);
  for (const call of calls) {
    statistics.observe({ deployment, mode, failed: call === "failed", latencyMs: 100, ...(call === "failed" ? {} : { valid: call === "ok" }), tokens: 10, costUsd: 0 });
  }
  return statistics;
}

const repeat = <T>(value: T, count: number): T[] => Array.from({ length: count }, () => value);

describe("failingDeployments", () => {
  it("names a deployment that failed at least the given share of its calls, transport failures and invalid answers pooled over its modes", () => {
    const keys = [
      key("storm", "emit", [...repeat<"ok">("ok", 4), ...repeat<"failed">("failed", 8)]),
      key("storm", "compressed", [...repeat<"ok">("ok", 4), ...repeat<"invalid">("invalid", 4)]),
      key("steady", "emit", [...repeat<"ok">("ok", 19), ...repeat<"failed">("failed", 1)]),
      key("flaky", "emit", [...repeat<"ok">("ok", 17), ...repeat<"invalid">("invalid", 3)]),
    ];
    // storm: 8 of 20 served; flaky: 17 of 20; steady: 19 of 20.
    expect(failingDeployments(keys, 20, 0.1)).toEqual(new Set(["storm", "flaky"]));
    expect(failingDeployments(keys, 20, 0.5)).toEqual(new Set(["storm"]));
  });

  it("counts a deployment under an open quarantine as failing, though its recent windows were cleared", () => {
    expect(failingDeployments([key("probation", "emit", repeat<"ok">("ok", 3))], 20, 0.1, ["probation"])).toEqual(new Set(["probation"]));
  });

  it("says nothing of a deployment with fewer calls than min_samples", () => {
    expect(failingDeployments([key("new", "emit", repeat<"failed">("failed", 19))], 20, 0.1)).toEqual(new Set());
  });
});
