import { describe, expect, it } from "vitest";
import { ledgerSlotOf } from "../../../src/memory/ledger-slot.ts";

const typed = (statement: string) => ledgerSlotOf(statement).values.map((value) => [value.type, value.text]);

describe("ledger slot values beside long runs an unbounded pattern re-read from each position", () => {
  it("reads the email, amount and code beside a run of '1,'", () => {
    const values = typed(`order TP1342 costs 2,150 euros, mail dana.roth@quill.co ${"1,".repeat(900)}`);
    expect(values.slice(0, 3)).toEqual([["email", "dana.roth@quill.co"], ["money", "2,150"], ["code", "tp1342"]]);
  });

  it("reads a code after a run of '4-' and an address after a run of 'a.', its local part at most 64 characters", () => {
    expect(typed(`${"4-".repeat(900)} my code is TP1342`)[0]).toEqual(["code", "tp1342"]);
    expect(typed(`${"a.".repeat(900)}dana@quill.co`)).toEqual([["email", `${"a.".repeat(30)}dana@quill.co`]]);
  });
});
