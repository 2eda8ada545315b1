import path from "node:path";
import { initialMonitorState, ledgerScope, ledgerView, loadPolicyFile, MemoryActionLedger, parsePolicyText, PolicyError, provePlan, RuntimeMonitor, scopesOf, setThreadFact, shutdownZ3 } from "../../../src/verification/index.ts";

const policy = loadPolicyFile(path.resolve("policies/support.yaml"));
const monitor = new RuntimeMonitor(policy);
const facts = { customer_email: "ann@example.com", customer_id: "c-ann" };
const refund = { order_id: "A100", amount: 10 };

afterAll(async () => shutdownZ3());

describe("limits per fact (at most N ACTION per fact.NAME)", () => {
  it("parses the scope, and refuses an undeclared fact with a did-you-mean", () => {
    const rule = policy.rules.find((candidate) => candidate.property.kind === "at_most" && candidate.property.action === "refund");
    expect(rule?.property).toMatchObject({ kind: "at_most", limit: 3, action: "refund", scope: { fact: "customer_id" } });
    const text = (line: string) => ["version: 1", "name: t", "allowed_actions: [refund]", "facts: { customer_id: string }", "properties:", `  - ${line}`].join("\n");
    expect(() => parsePolicyText(text("at most 3 refund per fact.customer"), "t.yaml")).toThrow(/unknown fact "customer"[^]*did you mean "customer_id"/);
    expect(() => parsePolicyText(text("at most 3 refund per customer"), "t.yaml")).toThrow(PolicyError);
    expect(() => parsePolicyText(text("at most 3 refund per customer"), "t.yaml")).toThrow(/per fact.NAME/);
  });

  it("counts across threads: the monitor blocks once the customer's count is at the limit, whatever the thread's own count", () => {
    const fresh = { ...initialMonitorState(policy), facts, counts: { lookup_order: 1 } };
    expect(monitor.check({ ...fresh, scoped: { "refund per fact.customer_id": 2 } }, "refund", refund).verdict).not.toBe("block");
    const atLimit = monitor.check({ ...fresh, scoped: { "refund per fact.customer_id": 3 } }, "refund", refund);
    expect(atLimit.verdict).toBe("block");
    expect(atLimit.reasons.join(" ")).toContain("across threads");
  });

  it("fails closed when the thread's customer is unknown", () => {
    const decision = monitor.check({ ...initialMonitorState(policy), facts: { customer_email: "ann@example.com" }, counts: { lookup_order: 1 } }, "refund", refund);
    expect(decision.verdict).toBe("block");
    expect(decision.reasons.join(" ")).toContain('fact "customer_id" is not set');
  });

  it("proves from the customer's count: one slot left, a plan with two refunds is not proved", async () => {
    const start = { ...initialMonitorState(policy), counts: {}, scoped: { "refund per fact.customer_id": 2 } };
    const steps: Array<{ action: string; args: Record<string, string | number> }> = [{ action: "lookup_order", args: { order_id: "A1" } }, { action: "refund", args: { order_id: "A1", amount: 5 } }];
    expect((await provePlan(policy, { steps }, { facts, start })).status).toBe("proved");
    const two = await provePlan(policy, { steps: [...steps, { action: "refund", args: { order_id: "A1", amount: 5 } }] }, { facts, start });
    expect(two.status === "violated" && two.counterexample).toMatchObject({ step: 2, rule: "properties[1]" });
  }, 20_000);

  it("the ledger view reads the customer's count from the ledger's scoped counts", async () => {
    const ledger = new MemoryActionLedger();
    for (const thread of ["t1", "t2"]) {
      await setThreadFact(ledger, thread, "customer_id", "c-ann");
      await ledger.append(thread, { kind: "executed", callId: `${thread}-r`, action: "refund", args: refund, scopes: [ledgerScope("customer_id", "c-ann")] });
    }
    await setThreadFact(ledger, "t3", "customer_id", "c-bob");
    await ledger.append("t3", { kind: "executed", callId: "t3-r", action: "refund", args: refund, scopes: [ledgerScope("customer_id", "c-bob")] });
    const entries = await ledger.entries("t2");
    const view = ledgerView(policy, entries, await ledger.scopedCounts(scopesOf(policy, { customer_id: "c-ann" })));
    expect(view.state.counts.refund).toBe(1);
    expect(view.state.scoped).toEqual({ "refund per fact.customer_id": 2 });
  });
});
