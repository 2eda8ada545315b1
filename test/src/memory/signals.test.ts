import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/memory/signals.ts";

describe("splitSentences", () => {
  it("splits on full stops, keeping decimals whole", () => {
    expect(splitSentences("We chose Postgres 16.2. I prefer tabs!")).toEqual(["We chose Postgres 16.2.", "I prefer tabs!"]);
  });

  it("ends no sentence at an abbreviation before a number, and still ends one at \"no.\" before words", () => {
    expect(splitSentences("Ring 01632 960 555 ext. 27 after lunch. Thanks.")).toEqual(["Ring 01632 960 555 ext. 27 after lunch.", "Thanks."]);
    expect(splitSentences("Unit no. 4 is ours. The answer was no. Then it changed.")).toEqual(["Unit no. 4 is ours.", "The answer was no.", "Then it changed."]);
  });

  it("splits an inline numbered list into its items", () => {
    expect(splitSentences("Two things: 1) the gate code → 4471 2) parking is round the back")).toEqual(["Two things:", "1) the gate code → 4471", "2) parking is round the back"]);
    // A number closing a bracket inside a remark is no list.
    expect(splitSentences("We need 3 (maybe 4) chairs")).toEqual(["We need 3 (maybe 4) chairs"]);
  });

  it("splits before an icon that opens another remark, not before a mark that strikes or ticks a value", () => {
    expect(splitSentences("emergency contact ➜ Soraya 🔕 no doorbell after 7 pm, the baby sleeps")).toEqual(["emergency contact ➜ Soraya", "🔕 no doorbell after 7 pm, the baby sleeps"]);
    expect(splitSentences("spending cap: ❌ £240 a month ✅ £150 a month")).toEqual(["spending cap: ❌ £240 a month ✅ £150 a month"]);
    expect(splitSentences("🔕 nothing before 9 on weekends")).toEqual(["🔕 nothing before 9 on weekends"]);
  });

  it("splits typed chat lines that run on without a stop", () => {
    expect(splitSentences("moved to Pier 4 (was Pier 2) Could you check the tide table")).toEqual(["moved to Pier 4 (was Pier 2)", "Could you check the tide table"]);
    expect(splitSentences("btw caterer is Fennel & Co now btw the venue is fine")).toEqual(["btw caterer is Fennel & Co now", "btw the venue is fine"]);
    expect(splitSentences("we said 40 chairs *45 chairs, not 40")).toEqual(["we said 40 chairs", "*45 chairs, not 40"]);
    expect(splitSentences("sure, it's Maelle I checked twice")).toEqual(["sure, it's Maelle", "I checked twice"]);
  });

  it("keeps a capital a sentence takes as a value, and 'I' after 'and'", () => {
    expect(splitSentences("The banner should read Thanks for coming")).toEqual(["The banner should read Thanks for coming"]);
    expect(splitSentences("Maelle and I will set up")).toEqual(["Maelle and I will set up"]);
    expect(splitSentences("We booked The Copper Pot")).toEqual(["We booked The Copper Pot"]);
  });
});

describe("splitSentences on a diff", () => {
  it("keeps a removed line and the added line after it together, and a bullet list apart", () => {
    expect(splitSentences("Diff against what I sent:\n-draught: 1.45 m\n+draught: 1.54 m")).toEqual(["Diff against what I sent:", "-draught: 1.45 m +draught: 1.54 m"]);
    expect(splitSentences("- budget: £2,400\n- deposit: £300")).toEqual(["- budget: £2,400", "- deposit: £300"]);
  });
});
