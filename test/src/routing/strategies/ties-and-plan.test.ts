import { describe, it, expect } from "vitest";
import { freshRuntime, select, type DeploymentRuntime, type SelectRequest } from "../../../../src/routing/index.ts";
import { dearestPrice, groupPlan } from "../../../../src/routing/strategies/group-plan.ts";
import { deployment, group, seeded } from "../fixtures.ts";

const request: SelectRequest = { estimatedInputTokens: 1_000, estimatedOutputTokens: 200 };
const now = 10_000_000;

describe("strategies: ties are broken uniformly with one draw", () => {
  it("least-busy spreads evenly over equally idle deployments and draws once per selection", () => {
    const deployments = ["a", "b", "c", "d"].map((id) => deployment(id));
    const runtimes: DeploymentRuntime[] = [{ ...freshRuntime(), inFlight: 3 }, freshRuntime(), freshRuntime(), freshRuntime()];
    const counts = new Map<string, number>();
    const random = seeded(5);
    let draws = 0;
    const counting = (): number => {
      draws += 1;
      return random();
    };
    for (let index = 0; index < 3_000; index += 1) {
      const id = select({ group: group("g", ["a", "b", "c", "d"], { strategy: "least-busy" }), deployments, runtimes, request, now, random: counting }).deployment?.id ?? "";
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.get("a")).toBeUndefined();
    for (const id of ["b", "c", "d"]) expect((counts.get(id) ?? 0) / 3_000).toBeCloseTo(1 / 3, 1);
    expect(draws).toBe(3_000);
  });

  it("cost with a unique cheapest deployment draws no random number", () => {
    const deployments = [deployment("dear", { price: { input_per_1m: 5, output_per_1m: 10 } }), deployment("cheap", { price: { input_per_1m: 0.1, output_per_1m: 0.2 } })];
    const selection = select({ group: group("g", ["dear", "cheap"], { strategy: "cost" }), deployments, request, now, random: () => { throw new Error("no draw expected"); } });
    expect(selection.deployment?.id).toBe("cheap");
  });
});

describe("select: the per-group plan follows the group it is given", () => {
  it("a new group object over the same deployments array uses its own strategy options", () => {
    const deployments = [deployment("fast"), deployment("close")];
    const runtimes: DeploymentRuntime[] = [
      { ...freshRuntime(), latencyMs: 100, latencyUpdatedAt: now },
      { ...freshRuntime(), latencyMs: 140, latencyUpdatedAt: now },
    ];
    const narrow = group("g", ["fast", "close"], { strategy: "latency", strategy_options: { latency_buffer: 0.1 } });
    const wide = group("g", ["fast", "close"], { strategy: "latency", strategy_options: { latency_buffer: 0.5 } });
    const random = seeded(9);
    const seen = (chosenGroup: typeof narrow): Set<string> => {
      const ids = new Set<string>();
      for (let index = 0; index < 200; index += 1) ids.add(select({ group: chosenGroup, deployments, runtimes, request, now, random }).deployment?.id ?? "");
      return ids;
    };
    expect([...seen(narrow)]).toEqual(["fast"]);
    expect([...seen(wide)].sort()).toEqual(["close", "fast"]);
    expect([...seen(narrow)]).toEqual(["fast"]);
  });

  it("lists the candidates it chose among, also after later selections reuse its buffers", () => {
    const deployments = [deployment("a"), deployment("b"), deployment("c")];
    const chat = group("g", ["a", "b", "c"]);
    const first = select({ group: chat, deployments, request: { ...request, exclude: new Set(["b"]) }, now, random: seeded(3) });
    select({ group: chat, deployments, request: { ...request, exclude: new Set(["a", "c"]) }, now, random: seeded(3) });
    expect(first.candidates).toEqual(["a", "c"]);
  });
});

describe("group plan: the dearest price of a request", () => {
  it("equals the highest price over every deployment, for any token mix, with ties and points in a line", () => {
    const random = seeded(12);
    for (let round = 0; round < 200; round += 1) {
      const size = 1 + Math.floor(random() * 60);
      // Whole-number prices on a small grid make duplicates and collinear points common.
      const deployments = Array.from({ length: size }, (_, index) =>
        deployment(`d${index}`, { price: { input_per_1m: Math.floor(random() * 8), output_per_1m: Math.floor(random() * 8) } }),
      );
      const plan = groupPlan(group("g", deployments.map((item) => item.id)), deployments);
      for (const [input, output] of [[800, 200], [0, 50], [3_000, 0], [0, 0], [Math.floor(random() * 5_000), Math.floor(random() * 5_000)]] as const) {
        const plain = Math.max(0, ...deployments.map((item) => input * item.price.input_per_1m + output * item.price.output_per_1m));
        expect(dearestPrice(plan, input, output)).toBe(plain);
      }
    }
  });

  it("reads a handful of frontier points, not every deployment, for a large group with spread prices", () => {
    const random = seeded(13);
    const deployments = Array.from({ length: 1_000 }, (_, index) => deployment(`d${index}`, { price: { input_per_1m: 0.1 + random() * 5, output_per_1m: 0.4 + random() * 15 } }));
    const plan = groupPlan(group("g", deployments.map((item) => item.id)), deployments);
    expect(plan.priceFrontier.length / 2).toBeLessThan(20);
  });
});
