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

  it("measures how much of what the newer statement names the older one states", () => {
    // One short phrase against a long original: the overlap of the whole subjects is low, the coverage full.
    expect(match("The vendor we finally signed with after the tender is Kestrel Foods, per our plan.", "So our plan is Lark Foods.")).toMatchObject({ coverage: 1, conflict: false });
    expect(match("Dinner is served at 19:30.", "The dinner time is 20:15.")).toMatchObject({ coverage: 1, conflict: false });
  });

  it("sees a conflict when the two are about different things or owners", () => {
    expect(match("The caterer arrives at 16:00.", "The photographer arrives at 15:00.")).toMatchObject({ changes: true, conflict: true });
    expect(match("I live in Lisbon.", "My sister lives in Porto.")).toMatchObject({ conflict: true });
    expect(match("My flight lands at 09:20.", "My sister's flight lands at 11:05.")).toMatchObject({ conflict: true });
    // A modifier the older never said, before a word it did, narrows the thing; a sentence's first phrase counts.
    expect(match("The server has 64 GB of RAM.", "The backup server has 32 GB of RAM.")).toMatchObject({ changes: true, conflict: true });
    expect(match("Swimming lessons are on Tuesday.", "Piano lessons are on Wednesday.")).toMatchObject({ changes: true, conflict: true });
    expect(match("Swimming lessons are on Tuesday.", "Swimming lessons switched to Thursday.")).toMatchObject({ changes: true, conflict: false });
    // An owner said before and left out later is the same thing: "the school start" for "the kids' school".
    expect(match("The kids' school starts on 4 September.", "The school start is 11 September.")).toMatchObject({ conflict: false });
  });

  it("sees no change between values of different types or units", () => {
    expect(match("Our flight number is TP1342.", "Actually, the number of nights is 9.").changes).toBe(false);
    expect(match("The plan limits us to 450 GB a month.", "Correction: the plan is now Harbor Pro.").changes).toBe(false);
    expect(match("Each pod is limited to 512 MiB of memory.", "The endpoint must answer within 180 ms.").changes).toBe(false);
  });
});
