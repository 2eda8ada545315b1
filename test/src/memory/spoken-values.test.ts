import { describe, expect, it } from "vitest";
import { ledgerSlotOf } from "../../../src/memory/ledger-slot.ts";
import { isLedgerWorthy, salienceOf } from "../../../src/memory/salience.ts";
import { writtenValues } from "../../../src/memory/spoken-values.ts";

describe("writtenValues", () => {
  it("writes spoken numbers, times and shares in digits", () => {
    expect(writtenValues("They raised it to ninety thousand euros.")).toBe("They raised it to 90,000 euros.");
    expect(writtenValues("We need twenty-two desks and two hundred and fifty chairs.")).toBe("We need 22 desks and 250 chairs.");
    expect(writtenValues("Doors close at half past nine, or eleven at night on Fridays.")).toBe("Doors close at 09:30, or 23:00 on Fridays.");
    expect(writtenValues("Lunch is at noon.")).toBe("Lunch is at 12:00.");
    expect(writtenValues("Coverage must stay above seventy percent.")).toBe("Coverage must stay above 70%.");
  });

  it("leaves 'one' as a pronoun where it is one, and words that only contain a number", () => {
    expect(writtenValues("One thing I said was wrong, no one noticed.")).toBe("One thing I said was wrong, no one noticed.");
    expect(writtenValues("One change: someone often plays tennis.")).toBe("One change: someone often plays tennis.");
    expect(writtenValues("We have one month.")).toBe("We have 1 month.");
  });
});

describe("values said in words, read as values", () => {
  it("types them as the digits would be", () => {
    expect(ledgerSlotOf("Actually it's two megabytes.").values).toMatchObject([{ type: "quantity", text: "2", unit: ledgerSlotOf("The cap is 1 MB.").values[0]!.unit }]);
    expect(ledgerSlotOf("We land at half past four in the afternoon.").values.map((value) => value.type)).toContain("time");
    expect(isLedgerWorthy(salienceOf("Please book two rooms for us."))).toBe(true);
  });

  it("reads dates as people type them", () => {
    for (const date of ["the 14th", "Friday the 4th", "12/04", "mid-October"]) expect(ledgerSlotOf(`The audit is ${date}.`).values.map((value) => value.type), date).toEqual(["date"]);
    expect(ledgerSlotOf("We live on the 3rd floor.").values.map((value) => value.type)).not.toContain("date");
  });
});
