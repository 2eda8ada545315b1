import { describe, expect, it } from "vitest";
import { ledgerSlotOf } from "../../../src/memory/ledger-slot.ts";
import { slotMatch } from "../../../src/memory/slot-match.ts";

const match = (older: string, newer: string) => slotMatch(ledgerSlotOf(newer), ledgerSlotOf(older));

describe("slotMatch", () => {
  it("links a correction to what it corrects by type and subject, however either is phrased", () => {
    expect(match("Licence count is 52 for now.", "Update on the number of seats: we moved it to 64.")).toMatchObject({ changes: true, sharedSpecific: 1 });
    expect(match("We can afford 2,150 euros at most.", "My bad: 4,800, not 2,150.")).toMatchObject({ changes: true, namesOld: true });
    expect(match("I'm only available after 13:20 on weekdays.", "Correction: the time I can be reached is now 16:45.").namedType).toBe(1);
    expect(match("The trip is 13 nights long.", "Actually, the number of nights is 9.")).toMatchObject({ changes: true, sharedSpecific: 1 });
  });

  it("sees no change between values of different types or units", () => {
    expect(match("Our flight number is TP1342.", "Actually, the number of nights is 9.").changes).toBe(false);
    expect(match("The plan limits us to 450 GB a month.", "Correction: the plan is now Harbor Pro.").changes).toBe(false);
    expect(match("Each pod is limited to 512 MiB of memory.", "The endpoint must answer within 180 ms.").changes).toBe(false);
  });
});

