import { resumeValueOf, threadGraphOf } from "../../../../src/cli/commands/support-agent-thread.ts";
import { UsageError } from "../../../../src/cli/args.ts";

describe("switchyard resume: decision flags", () => {
  it("maps --approve, --edit and --reject to the support agent's decisions", () => {
    expect(resumeValueOf("support-agent", { approve: true })).toEqual({ decision: "approve" });
    expect(resumeValueOf("support-agent", { edit: '{"order_id": "A1", "amount": 5}' })).toEqual({ decision: "edit", args: { order_id: "A1", amount: 5 } });
    expect(resumeValueOf("support-agent", { reject: true, reason: "no receipt" })).toEqual({ decision: "reject", reason: "no receipt" });
  });

  it("maps --approve and --reject to the gateway's approval, and passes --value through", () => {
    expect(resumeValueOf("gateway", { approve: true })).toEqual({ approved: true });
    expect(resumeValueOf("gateway", { reject: true, reason: "too costly" })).toEqual({ approved: false, note: "too costly" });
    expect(resumeValueOf("gateway", { value: '{"approved": true}' })).toEqual({ approved: true });
  });

  it("refuses no decision, two decisions, --edit on the gateway, a non-object edit and an unknown graph", () => {
    expect(() => resumeValueOf("support-agent", {})).toThrow(/exactly one of --approve, --reject, --edit, --value \(got none\)/);
    expect(() => resumeValueOf("support-agent", { approve: true, reject: true })).toThrow(/got --approve, --reject/);
    expect(() => resumeValueOf("gateway", { edit: "{}" })).toThrow(/--graph support-agent only/);
    expect(() => resumeValueOf("support-agent", { edit: "[1]" })).toThrow(/must be a JSON object/);
    expect(() => resumeValueOf("support-agent", { approve: true, reason: "x" })).toThrow(/--reason goes with --reject/);
    expect(() => threadGraphOf("support")).toThrow(UsageError);
    expect(() => threadGraphOf("support")).toThrow(/use one of gateway, support-agent/);
  });
});
