import { aggregate, type DemoSample } from "../../../src/cli/demo-report.ts";

const sample = (backend: string, mode: string, overrides: Partial<DemoSample> = {}): DemoSample => ({
  backend,
  mode,
  valid: true,
  firstPassValid: true,
  correct: true,
  latencyMs: 100,
  tokens: 10,
  costUsd: 0.001,
  ...overrides,
});

describe("the demo report", () => {
  it("aggregates each (backend, mode) cell with rates, percentiles, tokens and cost", () => {
    const samples = [
      sample("b", "emit", { latencyMs: 10 }),
      sample("b", "emit", { latencyMs: 20, correct: false }),
      sample("b", "emit", { latencyMs: 30, firstPassValid: false }),
      sample("b", "emit", { latencyMs: 400, valid: false, correct: false }),
    ];
    expect(aggregate(samples)).toEqual([
      { backend: "b", mode: "emit", requests: 4, validRate: 0.75, firstPassValidRate: 0.75, correctRate: 0.5, p50Ms: 20, p95Ms: 400, tokens: 40, costUsd: 0.004 },
    ]);
  });

  it("orders cells by the configured backends, then emit, compressed, reconstruct", () => {
    const samples = [sample("z", "reconstruct"), sample("a", "compressed"), sample("z", "emit"), sample("a", "emit")];
    const order = aggregate(samples, ["z", "a"]).map((cell) => `${cell.backend}/${cell.mode}`);
    expect(order).toEqual(["z/emit", "z/reconstruct", "a/emit", "a/compressed"]);
  });
});
