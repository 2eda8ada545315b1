import path from "node:path";
import { loadPolicyFile, parsePolicyText, PolicyError } from "../../../src/verification/index.ts";

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
    expect(policy.critical.has("refund")).toBe(true);
    expect(policy.rules.map((rule) => rule.property.kind)).toEqual(["before", "at_most", "never", "before", "before", "always"]);
    expect(policy.rules[0]!.line).toBe(23);
    expect(policy.hash).toMatch(/^[0-9a-f]{64}$/);
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
