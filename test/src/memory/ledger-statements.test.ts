import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { addStatements } from "../../../src/memory/fact-ledger.ts";
import { statementsOf } from "../../../src/memory/ledger-statements.ts";

const texts = (messages: Parameters<typeof statementsOf>[0]) => statementsOf(messages).map((statement) => statement.text);

describe("statementsOf with the assistant's words", () => {
  it("takes the values an assistant stated when the user's next turn confirms them, a checking question as a statement", () => {
    expect(texts([new AIMessage("I've booked the surveyor for Tuesday 4 February at 10am. Your claim reference is CLM-2027-044812, is that right?"), new HumanMessage("Yes, that's right. Thanks!")])).toEqual([
      "I've booked the surveyor for Tuesday 4 February at 10am.",
      "Your claim reference is CLM-2027-044812.",
    ]);
  });

  it("ignores them otherwise: an assistant's own sentences are the summary's, and \"Right, and …\" confirms nothing", () => {
    expect(texts([new AIMessage("Your claim reference is CLM-2027-044812."), new HumanMessage("Right, and what happens with the login screen after that?")])).toEqual([]);
    expect(texts([new AIMessage("Your claim reference is CLM-2027-044812."), new HumanMessage("No drilling before 9am, the neighbours complained.")])).toEqual(["No drilling before 9am, the neighbours complained."]);
  });

  it("adopts the assistant's closing proposal when the reply lets it stand, however it agrees", () => {
    expect(texts([new AIMessage("That is a common situation. The earliest install slot is the 14th, shall I hold it?"), new HumanMessage("Fine by me.")])).toEqual(["The earliest install slot is the 14th."]);
    expect(texts([new AIMessage("Good question. Quentin will be the technician on your car."), new HumanMessage("Okay, good to know.")])).toEqual(["Quentin will be the technician on your car."]);
    // An offer without a typed value is still one: the question asks for agreement.
    expect(texts([new AIMessage("Most customers go for three monthly instalments; shall I set that up?"), new HumanMessage("The login screen keeps logging me out. That suits me.")])).toEqual(["Most customers go for three monthly instalments."]);
  });

  it("adopts nothing the reply rejects, asks about, or that only advises", () => {
    expect(texts([new AIMessage("The earliest install slot is the 14th, shall I hold it?"), new HumanMessage("Not that week, sorry.")])).toEqual([]);
    expect(texts([new AIMessage("The earliest install slot is the 14th, shall I hold it?"), new HumanMessage("What about the 15th?")])).toEqual([]);
    expect(texts([new AIMessage("Prices for the Lisbon tram vary a lot by season."), new HumanMessage("Thanks, that helps a bit.")])).toEqual([]);
    expect(texts([new AIMessage("What time suits you?"), new HumanMessage("Thanks.")])).toEqual([]);
  });

  it("keeps a statement that presents itself as a change, even with no typed value", () => {
    expect(texts([new HumanMessage("Thanks, that helps a bit. It's a call to the landline now.")])).toEqual(["It's a call to the landline now."]);
    expect(texts([new HumanMessage("Actually make that weekday mornings.")])).toEqual(["Actually make that weekday mornings."]);
    expect(texts([new HumanMessage("Thanks, that helps a bit. What is it now?")])).toEqual([]);
    // "Now" narrating ("and now the … complains") presents no value in place of another.
    expect(texts([new HumanMessage("I refactored the lint step yesterday and now the retry loop complains.")])).toEqual([]);
  });

  it("reads a rejecting reply's value with the sentence it rejects, so the line names both", () => {
    expect(texts([new AIMessage("So the visit is on Tuesday 4 February?"), new HumanMessage("No, Thursday 6 February.")])).toEqual(["So the visit is on Tuesday 4 February. No, Thursday 6 February."]);
  });

  it("lets a later correction supersede a confirmed fact", () => {
    let ledger = addStatements([], statementsOf([new AIMessage("The loss adjuster assigned is Marisol Okafor."), new HumanMessage("Yes, correct.")]), 0);
    ledger = addStatements(ledger, statementsOf([new HumanMessage("The loss adjuster changed, it's Oonagh Byrne now.")]), 1);
    expect(ledger.map((entry) => entry.text)).toEqual(["The loss adjuster changed, it's Oonagh Byrne now."]);
  });

  it("reads at most 240 sentences of one message, its first and last", () => {
    const statements = statementsOf([new HumanMessage(Array.from({ length: 5_000 }, (_, index) => `Room ${index} is ${index + 7} metres long.`).join(" "))]);
    expect(statements.length).toBeLessThanOrEqual(240);
    expect(statements[0]?.text).toBe("Room 0 is 7 metres long.");
    expect(statements.at(-1)?.text).toBe("Room 4999 is 5006 metres long.");
  });
});

describe("a sentence denying two values after the one saying what holds", () => {
  it("joins that sentence, so no line names only the old values", () => {
    const said = statementsOf([new HumanMessage("Changed again, sorry: the second contact is Oisín. Neither Ngozi nor Anwen.")]);
    expect(said.map((statement) => statement.text)).toEqual(["Changed again, sorry: the second contact is Oisín. Neither Ngozi nor Anwen."]);
    // More than a denial ("… works for me") leads into what follows, and stays its own sentence.
    expect(statementsOf([new HumanMessage("The second contact is Oisín. Neither Tuesday nor Friday works for me at all.")]).map((statement) => statement.text)).not.toContain("The second contact is Oisín. Neither Tuesday nor Friday works for me at all.");
  });
});
