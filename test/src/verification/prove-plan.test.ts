import path from "node:path";
import { checkPolicyConsistency, loadPolicyFile, parsePolicyText, ProofCache, provePlan, shutdownZ3, type PlanInput } from "../../../src/verification/index.ts";

const policy = loadPolicyFile(path.resolve("policies/support.yaml"));
const goodPlan: PlanInput = {
  steps: [
    { action: "lookup_order", args: { order_id: "A100" } },
    { action: "refund", args: { order_id: "A100", amount: "$amount" } },
    { action: "lock_database" },
    { action: "write_to_database", args: { table: "orders", value: "refunded" } },
    { action: "send_email", args: { to: "ann@example.com", body: "refunded" } },
  ],
  assume: ["$amount > 0", "$amount <= 200"],
};
const facts = { customer_email: "ann@example.com", customer_id: "c-ann" };

afterAll(async () => shutdownZ3());

describe("plan proofs with z3", () => {
  it("proves a plan that keeps every rule for all values of its symbols", async () => {
    expect((await provePlan(policy, goodPlan, { facts })).status).toBe("proved");
  }, 20_000);

  it("does not prove a plan whose step needs an approval it does not have, and proves it with the approval", async () => {
    const plan: PlanInput = { steps: [{ action: "lookup_order", args: { order_id: "A1" } }, { action: "refund", args: { order_id: "A1", amount: "$x" } }], assume: ["$x > 0", "$x <= 900"] };
    const unapproved = await provePlan(policy, plan, { facts });
    expect(unapproved.status === "violated" && unapproved.counterexample).toMatchObject({ step: 1, rule: "properties[4]", needsApproval: true });
    expect((await provePlan(policy, plan, { facts, approved: new Set([1]) })).status).toBe("proved");
  }, 20_000);

  it("proves from the thread's ledger state: a refund after three is caught, mail to another address too", async () => {
    const start = { values: { database_state: "unlocked", refunded_total: 300 }, counts: { lookup_order: 1, refund: 3 } };
    const fourth = await provePlan(policy, { steps: [{ action: "refund", args: { order_id: "A1", amount: 5 } }] }, { facts, start });
    expect(fourth.status === "violated" && fourth.counterexample).toMatchObject({ step: 0, rule: "properties[1]" });
    const mail = await provePlan(policy, { steps: [{ action: "send_email", args: { to: ["ann@example.com", "eve@x.example"], body: "hi" } }] }, { facts });
    expect(mail.status === "violated" && mail.counterexample).toMatchObject({ step: 0, rule: "properties[5]" });
  }, 20_000);

  it("returns the step and rule a symbolic argument can break, with the breaking value", async () => {
    const result = await provePlan(policy, { ...goodPlan, assume: ["$amount > 0"] }, { facts });
    expect(result.status).toBe("violated");
    if (result.status !== "violated") return;
    expect(result.counterexample).toMatchObject({ step: 1, action: "refund", rule: "properties[3]" });
    expect(result.counterexample.symbols.amount).toBeGreaterThan(500);
  }, 20_000);

  it("names an out-of-order write and the state that breaks it", async () => {
    const result = await provePlan(policy, { steps: [{ action: "write_to_database", args: { table: "orders", value: "x" } }, { action: "lock_database" }] }, { facts });
    expect(result.status === "violated" && result.counterexample).toMatchObject({ step: 0, rule: "properties[0]", state: { database_state: "unlocked" } });
  }, 20_000);

  it("catches a fourth refund, a forbidden action and a breached invariant", async () => {
    const refund = (amount: number) => ({ action: "refund", args: { order_id: "A100", amount } });
    const lookup = { action: "lookup_order", args: { order_id: "A100" } };
    const fourth = await provePlan(policy, { steps: [lookup, refund(1), refund(1), refund(1), refund(1)] }, { facts });
    expect(fourth.status === "violated" && fourth.counterexample).toMatchObject({ step: 4, rule: "properties[1]" });
    const forbidden = await provePlan(policy, { steps: [lookup, { action: "delete_record", args: { record_id: "1" } }] }, { facts });
    expect(forbidden.status === "violated" && forbidden.counterexample).toMatchObject({ step: 1, rule: "forbidden_actions" });
    const total = await provePlan(policy, { steps: [lookup, refund(1500), refund(1400), refund(400)] }, { facts, approved: new Set([1, 2]) });
    expect(total.status === "violated" && total.counterexample).toMatchObject({ step: 3, rule: "properties[7]" });
  }, 20_000);

  it("answers a repeated proof from the cache without the solver", async () => {
    const cache = new ProofCache();
    const first = await provePlan(policy, goodPlan, { facts, cache });
    const second = await provePlan(policy, { assume: goodPlan.assume, steps: goodPlan.steps }, { facts, cache });
    expect(first.cached).toBe(false);
    expect(second).toEqual({ ...first, cached: true });
  }, 20_000);
});

describe("plan proofs: encoding and cache details", () => {
  const lookup = { action: "lookup_order", args: { order_id: "A100" } };

  it("names the earliest step that can break, even when a later step always breaks", async () => {
    const result = await provePlan(policy, { steps: [lookup, { action: "refund", args: { order_id: "A100", amount: "$x" } }, { action: "delete_record", args: { record_id: "1" } }], assume: ["$x > 0"] }, { facts });
    expect(result.status === "violated" && result.counterexample).toMatchObject({ step: 1, rule: "properties[3]" });
    if (result.status === "violated") expect(result.counterexample.symbols.x).toBeGreaterThan(2000);
  }, 20_000);

  it("reads negative bounds and a table name that breaks a rule only for one value", async () => {
    const write = (table: string) => [{ action: "lock_database" }, { action: "write_to_database", args: { table, value: "v" } }];
    expect((await provePlan(policy, { steps: [lookup, { action: "refund", args: { order_id: "A100", amount: "$x" } }], assume: ["$x > -5 + 6", "$x <= 10 - -2"] }, { facts })).status).toBe("proved");
    const customers = await provePlan(policy, { steps: write("customers") }, { facts });
    expect(customers.status === "violated" && customers.counterexample).toMatchObject({ step: 1, rule: "properties[6]", state: { database_state: "locked" } });
    const symbolic = await provePlan(policy, { steps: write("$table") }, { facts });
    expect(symbolic.status === "violated" && symbolic.counterexample.symbols).toEqual({ table: "customers" });
  }, 20_000);

  it("proves plans that use one symbol name with different types, one after the other", async () => {
    const typed = parsePolicyText(["allowed_actions: [refund, escalate]", "arguments: { refund: { amount: int }, escalate: { urgent: bool } }", "properties:", "  - 'before refund: arg.amount <= 100'", "  - 'before escalate: arg.urgent == true'"].join("\n"), "typed.yaml");
    expect((await provePlan(typed, { steps: [{ action: "refund", args: { amount: "$v" } }], assume: ["$v <= 50"] })).status).toBe("proved");
    const escalate = await provePlan(typed, { steps: [{ action: "escalate", args: { urgent: "$v" } }] });
    expect(escalate.status === "violated" && escalate.counterexample).toMatchObject({ step: 0, rule: "properties[1]", symbols: { v: false } });
    expect((await provePlan(typed, { steps: [{ action: "refund", args: { amount: "$v" } }], assume: ["$v <= 150"] })).status).toBe("violated");
  }, 20_000);

  it("keeps plans that differ in one argument apart in the cache, and finds key order irrelevant", async () => {
    const cache = new ProofCache();
    const refund = (amount: number) => ({ steps: [lookup, { action: "refund", args: { order_id: "A100", amount } }] });
    expect((await provePlan(policy, refund(100), { facts, cache })).status).toBe("proved");
    expect((await provePlan(policy, refund(2600), { facts, cache })).status).toBe("violated");
    const reordered = await provePlan(policy, { steps: [lookup, { args: { amount: 2600, order_id: "A100" }, action: "refund" }] }, { facts, cache });
    expect(reordered).toMatchObject({ status: "violated", cached: true });
    expect((await provePlan(policy, refund(100), { facts, cache })).cached).toBe(true);
  }, 20_000);
});

describe("policy consistency", () => {
  it("accepts the example policy", async () => {
    expect(await checkPolicyConsistency(policy)).toEqual({ consistent: true, conflicts: [] });
  }, 20_000);

  it("refuses at load an action both allowed and forbidden, and finds rules that can never hold together", async () => {
    expect(() => parsePolicyText(["allowed_actions: [refund, purge]", "forbidden_actions: [purge]", "properties:", "  - never refund"].join("\n"), "clash.yaml")).toThrow(
      /"purge" is in both allowed_actions and forbidden_actions[\s\S]*rules out "refund"/,
    );
    const clash = parsePolicyText(
      ["allowed_actions: [refund]", "arguments: { refund: { amount: int } }", "properties:", "  - 'before refund: arg.amount > 500'", "  - 'before refund: arg.amount < 100'"].join("\n"),
      "clash.yaml",
    );
    const report = await checkPolicyConsistency(clash);
    expect(report.consistent).toBe(false);
    const core = report.conflicts.find((line) => line.startsWith('"refund" can never run'));
    expect(core).toContain("properties[0]");
    expect(core).toContain("properties[1]");
  }, 20_000);

  it("knows counters are never negative and enum states hold a declared value", async () => {
    const bounded = parsePolicyText(
      [
        "allowed_actions: [refund, write]",
        "state: { mode: { type: enum, values: [locked, unlocked], initial: unlocked } }",
        "properties:",
        "  - 'before refund: count(refund) < 0'",
        "  - 'before write: mode != \"locked\" and mode != \"unlocked\"'",
        "  - 'before write: done(refund) or count(write) >= 0'",
      ].join("\n"),
      "bounded.yaml",
    );
    const report = await checkPolicyConsistency(bounded);
    expect(report.conflicts).toEqual([
      expect.stringMatching(/^"refund" can never run: properties\[0\] .* cannot hold together$/),
      expect.stringMatching(/^"write" can never run: properties\[1\] .* cannot hold together$/),
    ]);
  }, 20_000);
});
