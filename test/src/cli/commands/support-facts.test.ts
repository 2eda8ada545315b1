import { applyThreadFacts, parseFactFlags } from "../../../../src/cli/commands/support-facts.ts";
import { UsageError } from "../../../../src/cli/args.ts";
import { ledgerView } from "../../../../src/verification/ledger-view.ts";
import { MemoryActionLedger } from "../../../../src/verification/memory-action-ledger.ts";
import { parsePolicyText } from "../../../../src/verification/load-policy.ts";

const policy = parsePolicyText(`
version: 1
name: facts
allowed_actions: [refund]
facts: { customer_id: string, tier: int, vip: bool }
properties:
  - at most 3 refund per fact.customer_id
`);

describe("switchyard run --fact NAME=VALUE", () => {
  it("types each fact by the policy's declaration", () => {
    expect(parseFactFlags(["customer_id=c-42", "tier=2", "vip=true"], policy)).toEqual([
      { name: "customer_id", value: "c-42" },
      { name: "tier", value: 2 },
      { name: "vip", value: true },
    ]);
    expect(parseFactFlags(["customer_id=a=b"], policy)).toEqual([{ name: "customer_id", value: "a=b" }]);
  });

  it("refuses an undeclared fact with a suggestion, a value of the wrong type and a flag without =", () => {
    expect(() => parseFactFlags(["customer=c-1"], policy)).toThrow(UsageError);
    expect(() => parseFactFlags(["custmer_id=c-1"], policy)).toThrow(/no fact "custmer_id" \(did you mean "customer_id"\?\).*declared facts: customer_id, tier, vip/);
    expect(() => parseFactFlags(["tier=gold"], policy)).toThrow(/declares tier as an integer/);
    expect(() => parseFactFlags(["vip=yes"], policy)).toThrow(/give true or false/);
    expect(() => parseFactFlags(["customer_id"], policy)).toThrow(/is not NAME=VALUE/);
  });

  it("records the facts on the thread's ledger, where the monitor reads them", async () => {
    const ledger = new MemoryActionLedger();
    await applyThreadFacts(ledger, "t1", parseFactFlags(["customer_id=c-42"], policy));
    const view = ledgerView(policy, await ledger.entries("t1"));
    expect(view.state.facts).toEqual({ customer_id: "c-42" });
  });
});
