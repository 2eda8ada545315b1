import path from "node:path";
import { checkPolicyConsistency, loadPolicyFile, parsePolicyText, ProofCache, provePlan, shutdownZ3, type PlanInput } from "../../../src/verification/index.ts";

const policy = loadPolicyFile(path.resolve("policies/support.yaml"));
const goodPlan: PlanInput = {
  steps: [
    { action: "lookup_order", args: { order_id: "A100" } },
    { action: "refund", args: { order_id: "A100", amount: "$amount" } },
    { action: "lock_database" },
    { action: "write_to_database", args: { table: "orders", value: "refunded" } },
    { action: "send_email", args: { to: "$customer", body: "refunded" } },
  ],
  assume: ["$amount > 0", "$amount <= 200"],
};

afterAll(async () => shutdownZ3());

describe("plan proofs with z3", () => {
  it("proves a plan that keeps every rule for all values of its symbols", async () => {
    expect((await provePlan(policy, goodPlan)).status).toBe("proved");
  }, 20_000);

  it("returns the step and rule a symbolic argument can break, with the breaking value", async () => {
    const result = await provePlan(policy, { ...goodPlan, assume: ["$amount > 0"] });
    expect(result.status).toBe("violated");
    if (result.status !== "violated") return;
    expect(result.counterexample).toMatchObject({ step: 1, action: "refund", rule: "properties[3]" });
    expect(result.counterexample.symbols.amount).toBeGreaterThan(500);
  }, 20_000);

  it("names an out-of-order write and the state that breaks it", async () => {
    const result = await provePlan(policy, { steps: [{ action: "write_to_database", args: { table: "orders", value: "x" } }, { action: "lock_database" }] });
    expect(result.status === "violated" && result.counterexample).toMatchObject({ step: 0, rule: "properties[0]", state: { database_state: "unlocked" } });
  }, 20_000);

  it("catches a fourth refund, a forbidden action and a breached invariant", async () => {
    const refund = (amount: number) => ({ action: "refund", args: { order_id: "A100", amount } });
    const lookup = { action: "lookup_order", args: { order_id: "A100" } };
    const fourth = await provePlan(policy, { steps: [lookup, refund(1), refund(1), refund(1), refund(1)] });
    expect(fourth.status === "violated" && fourth.counterexample).toMatchObject({ step: 4, rule: "properties[1]" });
    const forbidden = await provePlan(policy, { steps: [lookup, { action: "delete_record", args: { record_id: "1" } }] });
    expect(forbidden.status === "violated" && forbidden.counterexample).toMatchObject({ step: 1, rule: "forbidden_actions" });
    const total = await provePlan(policy, { steps: [lookup, refund(400), refund(400), refund(400)] });
    expect(total.status === "violated" && total.counterexample).toMatchObject({ step: 3, rule: "properties[5]" });
  }, 20_000);

  it("answers a repeated proof from the cache without the solver", async () => {
    const cache = new ProofCache();
    const first = await provePlan(policy, goodPlan, { cache });
    const second = await provePlan(policy, { assume: goodPlan.assume, steps: goodPlan.steps }, { cache });
    expect(first.cached).toBe(false);
    expect(second).toEqual({ ...first, cached: true });
  }, 20_000);
});

describe("policy consistency", () => {
  it("accepts the example policy", async () => {
    expect(await checkPolicyConsistency(policy)).toEqual({ consistent: true, conflicts: [] });
  }, 20_000);

  it("names an action both allowed and forbidden, and rules that can never hold together", async () => {
    const clash = parsePolicyText(
      [
        "allowed_actions: [refund, purge]",
        "forbidden_actions: [purge]",
        "arguments: { refund: { amount: int } }",
        "properties:",
        "  - 'before refund: arg.amount > 500'",
        "  - 'before refund: arg.amount < 100'",
        "  - never refund",
      ].join("\n"),
      "clash.yaml",
    );
    const report = await checkPolicyConsistency(clash);
    expect(report.consistent).toBe(false);
    expect(report.conflicts).toContain('"purge" is in both allowed_actions and forbidden_actions');
    expect(report.conflicts.some((line) => line.includes('rules out "refund"'))).toBe(true);
    const core = report.conflicts.find((line) => line.startsWith('"refund" can never run'));
    expect(core).toContain("properties[0]");
    expect(core).toContain("properties[1]");
  }, 20_000);
});
