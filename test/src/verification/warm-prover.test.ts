import { shutdownZ3, warmProver } from "../../../src/verification/index.ts";

afterAll(async () => shutdownZ3());

describe("warming the prover", () => {
  it("runs proofs that keep the policy and proofs that break it, so both paths are warm", async () => {
    expect(await warmProver({ proofs: 12 })).toEqual({ proved: 8, violated: 4 });
  }, 20_000);

  it("runs as many proofs as asked", async () => {
    expect(await warmProver({ proofs: 0 })).toEqual({ proved: 0, violated: 0 });
    const outcome = await warmProver({ proofs: 5 });
    expect(outcome.proved + outcome.violated).toBe(5);
  }, 20_000);
});
