import path from "node:path";
import { initialMonitorState, loadPolicyFile, parsePolicyText, PolicyError, RuntimeMonitor } from "../../../src/verification/index.ts";

const supportPolicy = path.resolve("policies/support.yaml");

function errorOf(source: string): PolicyError {
  try {
    parsePolicyText(source, "p.yaml");
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("policy loading", () => {
  it("loads the example support policy with its rules and lines", () => {
    const policy = loadPolicyFile(supportPolicy);
    expect(policy.forbidden.has("delete_record")).toBe(true);
    expect(policy.rules.map((rule) => rule.property.kind)).toEqual(["before", "at_most", "never", "before", "approve", "before", "before", "always", "answer", "at_most"]);
    expect(policy.rules[0]!.line).toBe(28);
    expect(policy.facts).toEqual({ customer_email: { kind: "string" }, customer_id: { kind: "string" } });
    expect(policy.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses an unknown action in critical_actions with a did-you-mean instead of inventing it", () => {
    const error = errorOf("allowed_actions: [refund]\ncritical_actions: [refund_over_500]\n");
    expect(error.message).toContain('unknown action "refund_over_500"');
    expect(error.message).toContain('did you mean "refund"?');
  });

  it("normalises action names and refuses an unsafe regex", () => {
    expect(parsePolicyText("allowed_actions: [Send_Email]\nforbidden_actions: [DELETE_RECORD]\n", "p.yaml").forbidden.has("delete_record")).toBe(true);
    const error = errorOf("allowed_actions: [reply]\nproperties:\n  - 'answer: not matches(text, \"(a+)+$\")'\n");
    expect(error.message).toContain("unsafe pattern");
  });

  it("reads argument predicates on approvals, facts, lists with quantifiers and string functions", () => {
    const policy = parsePolicyText(
      [
        "allowed_actions: [refund, send_email]",
        "facts: { customer_email: string }",
        "arguments: { refund: { amount: int, team: string }, send_email: { to: list, body: string } }",
        "properties:",
        "  - approve refund when arg.amount > 500 or not (arg.team in [\"billing\", \"support\"])",
        "  - 'before send_email: all r in arg.to: iequals(r, fact.customer_email) and not starts_with(arg.body, \"URGENT\")'",
        "  - 'answer: not contains(text, \"password\")'",
      ].join("\n"),
      "p.yaml",
    );
    expect(policy.rules.map((rule) => rule.property.kind)).toEqual(["approve", "before", "answer"]);
    const ok = { state: {}, counts: {}, facts: { customer_email: "a@b.example" } };
    expect(policy.rules[0]!.condition?.({ ...ok, args: { amount: 20, team: "billing" } })).toBe(false);
    expect(policy.rules[0]!.condition?.({ ...ok, args: { amount: 20, team: "sales" } })).toBe(true);
    expect(policy.rules[1]!.condition?.({ ...ok, args: { to: ["A@B.example"], body: "hi" } })).toBe(true);
    expect(policy.rules[1]!.condition?.({ ...ok, args: { to: "a@b.example, c@d.example", body: "hi" } })).toBe(false);
  });

  it("names the line, the column of the bad token and suggests the action for a typo", () => {
    const error = errorOf("allowed_actions: [refund]\nproperties:\n  - at most 3 refnd per thread\n");
    expect(error.location).toMatchObject({ file: "p.yaml", line: 3, column: 15 });
    expect(error.message).toContain('unknown action "refnd"');
    expect(error.message).toContain('did you mean "refund"?');
    expect(error.message).toContain("rule: at most 3 refnd per thread");
  });

  it("points into a quoted rule at a value of the wrong type", () => {
    const error = errorOf(
      'allowed_actions: [write]\nstate:\n  db: { type: enum, values: [locked, open], initial: open }\nproperties:\n  - "before write: db == \\"closed\\""\n',
    );
    expect(error.location.line).toBe(5);
    expect(error.location.column).toBe(26);
    expect(error.message).toContain('"closed" is not a value of enum(locked|open)');
  });

  it("reports a syntax error at the token and the fix", () => {
    const error = errorOf("allowed_actions: [a]\nproperties:\n  - sometimes a\n");
    expect(error.location).toMatchObject({ line: 3, column: 5 });
    expect(error.message).toMatch(/unknown rule kind "sometimes"[\s\S]*Fix: start the rule with/);
  });

  it("reports schema errors with the field's position", () => {
    const error = errorOf("allowed_actions: [a]\ncritical_actions: 5\n");
    expect(error.location).toMatchObject({ line: 2, column: 19 });
    expect(error.message).toContain("critical_actions");
  });

  it("refuses arg.NAME without a declared type", () => {
    const error = errorOf("allowed_actions: [refund]\nproperties:\n  - 'before refund: arg.amount < 5'\n");
    expect(error.message).toContain('argument "amount" has no declared type');
    expect(error.location.column).toBe(21);
  });
});

describe("string-typed state", () => {
  it("tracks a string variable through an effect and checks it in a rule", () => {
    const policy = parsePolicyText(
      [
        "allowed_actions: [lookup_order, refund]",
        "state: { last_order: { type: string } }",
        "arguments: { lookup_order: { order_id: string }, refund: { order_id: string, amount: int } }",
        "effects: { lookup_order: { last_order: arg.order_id } }",
        "properties:",
        "  - 'before refund: arg.order_id == last_order and starts_with(last_order, \"A\")'",
      ].join("\n"),
      "p.yaml",
    );
    const monitor = new RuntimeMonitor(policy);
    const looked = monitor.check(initialMonitorState(policy), "lookup_order", { order_id: "A100" }).next;
    expect(looked.values.last_order).toBe("A100");
    expect(monitor.check(looked, "refund", { order_id: "A100", amount: 5 }).verdict).toBe("allow");
    expect(monitor.check(looked, "refund", { order_id: "B7", amount: 5 }).verdict).toBe("block");
  });
});
