import fs from "node:fs";
import path from "node:path";
import { detectPii, scrubPii, StreamTextChecker } from "../../../src/verification/index.ts";
import { printedCard, printedCardNetwork } from "../../../src/verification/pii-card-layout.ts";
import { luhnValid } from "../../../src/verification/pii-checksums.ts";
import { publishedTestCards } from "../../../src/verification/pii-specimens.ts";

/**
 * Issue #16, "a label is not a licence": a caller writes "order", "ref", "sample" or "ticket" before a live card, IBAN
 * or id as easily as before an order number. Values whose own form is strong (layout and check) are personal data
 * whatever the label; unbroken runs and weak checks are still judged by the words around them.
 */
const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);
const redact = { strategy: "redact" } as const;

const split = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii/hostile-labels.json"), "utf8")) as Array<{ category: "benign" | "plain" | "obfuscated"; kinds: string[]; text: string }>;

function streamed(text: string, size: number): string {
  const checker = new StreamTextChecker({ pii: redact });
  let out = "";
  for (let offset = 0; offset < text.length; offset += size) out += checker.push(text.slice(offset, offset + size)).text;
  return out + checker.finish().text;
}

describe("a card printed in its network's layout", () => {
  it("knows each network's grouping, range and length", () => {
    expect(printedCardNetwork("4539 1488 0343 6467")).toBe("Visa");
    expect(printedCardNetwork("5425-2334-3010-9903")).toBe("Mastercard");
    expect(printedCardNetwork("3782 822463 10005")).toBe("American Express");
    expect(printedCardNetwork("3056 930902 5904")).toBe("Diners Club");
    expect(printedCardNetwork("6250 6953 1731 8178 798")).toBe("UnionPay");
    // Copied in fours, the last group short, at a length the network issues: Amex's 15, a 13-digit Visa, Diners' 14.
    expect(printedCardNetwork("3782 8224 6310 005")).toBe("American Express");
    expect(printedCardNetwork("4929-8193-7684-5")).toBe("Visa");
    expect(printedCardNetwork("3056 9309 0259 04")).toBe("Diners Club");
    // In fours at a length the network does not issue (15-digit Visa, 17-digit Mastercard): no card by form.
    expect(printedCard("4539 1488 0343 649")).toBe(false);
    expect(printedCard("5425 2334 3010 9903 7")).toBe(false);
    // A Visa in Amex's grouping, a range no network has, Luhn failing: no card by form.
    expect(printedCard("4539 148803 436467")).toBe(false);
    expect(printedCard("9400 6344 7189 0742")).toBe(false);
    expect(printedCard("4539 1488 0343 6468")).toBe(false);
    expect(printedCard("4539148803436467")).toBe(false);
  });

  it("is a card whatever label stands before or after it, in any language", () => {
    expect(kinds("order 4539 1488 0343 6467")).toEqual(["payment_card"]);
    expect(kinds("test card 4539 1488 0343 6467")).toEqual(["payment_card"]);
    expect(kinds("dummy 4539 1488 0343 6467")).toEqual(["payment_card"]);
    expect(kinds("Bestellnummer: 4539-1488-0343-6467")).toEqual(["payment_card"]);
    expect(kinds("commande 3782 822463 10013")).toEqual(["payment_card"]);
    expect(kinds("4539 1488 0343 6467 (order number)")).toEqual(["payment_card"]);
  });

  it("lets the label decide for an unbroken run, a failing Luhn digit and a published test card in a test context", () => {
    expect(kinds("order 4539148803436467")).toEqual([]);
    expect(kinds("Ticket 4539148803436467 closed")).toEqual([]);
    expect(kinds("my card is 4539148803436467")).toEqual(["payment_card"]);
    expect(kinds("order 4539 1488 0343 6468")).toEqual([]);
    expect(kinds("test card 4111 1111 1111 1111")).toEqual([]);
    expect(kinds("Testkarte für die Sandbox: 5555 5555 5555 4444")).toEqual([]);
    // A published test card is charged to no one: its layout proves nothing, so the words decide as for a run.
    expect(kinds("order 4111 1111 1111 1111")).toEqual([]);
    expect(kinds("Ticket 3782 822463 10005 reopened")).toEqual([]);
    expect(kinds("card: 4111 1111 1111 1111")).toEqual(["payment_card"]);
    expect(kinds("Karte: 5500 0000 0000 0004")).toEqual(["payment_card"]);
    // A live number in the same layout is a card under any label.
    expect(kinds("Ticket 3782 822463 10013 reopened")).toEqual(["payment_card"]);
  });

  it("reads a card copied in fours whatever its network prints, under any label", () => {
    expect(kinds("order 3782 8224 6310 013")).toEqual(["payment_card"]);
    expect(kinds("ref 3766 0344 5802 009")).toEqual(["payment_card"]);
    expect(kinds("Ticket 4929 8193 7684 5 closed")).toEqual(["payment_card"]);
    // A published test card in fours is still judged by its words.
    expect(kinds("Bestellung 3714 4963 5398 431")).toEqual([]);
    expect(kinds("Auftrag 3020 4169 3226 43")).toEqual(["payment_card"]);
  });

  it("does not let a label naming another kind of personal data excuse a number that passes a card's checks", () => {
    expect(kinds("SSN 4539148803436467")).toEqual(["payment_card"]);
    expect(kinds("CPF: 4539148803436467")).toEqual(["payment_card"]);
    expect(kinds("Personalausweis 4539148803436467")).toEqual(["payment_card"]);
    expect(kinds("Tel. 4539148803436467")).toEqual(["payment_card"]);
    // The same run failing Luhn is no card, and an identifier's label still decides a passing one.
    expect(kinds("SSN 4539148803436468")).toEqual([]);
    expect(kinds("Customer no. 4539148803436467")).toEqual([]);
  });
});

describe("an IBAN in IBAN grouping", () => {
  it("is an IBAN whatever label stands before it, and not when mod 97 or its country's length fails", () => {
    expect(kinds("order DE44 5001 0517 5407 3249 31")).toEqual(["iban"]);
    expect(kinds("Ref: FR76 3000 6000 0112 3456 7890 189")).toEqual(["iban"]);
    expect(kinds("Rechnungsnummer DE44 5001 0517 5407 3249 31")).toEqual(["iban"]);
    expect(kinds("Ref DE44 5001 0517 5407 3249 32")).toEqual([]);
    expect(kinds("order DE44 5001 0517 5407 3249 3")).toEqual([]);
    expect(kinds("the example IBAN DE89 3704 0044 0532 0130 00")).toEqual([]);
  });
});

describe("a national id with a strong check, written in its own layout", () => {
  it("is an id whatever label stands before it; run together, the label decides", () => {
    expect(kinds("ref 756.9217.0769.85")).toEqual(["national_id"]);
    expect(kinds("order 11010519491231002X")).toEqual(["national_id"]);
    expect(kinds("ordine RSSMRA85T10A562S")).toEqual(["national_id"]);
    expect(kinds("order 7569217076985")).toEqual([]);
    expect(kinds("ordine RSSMRA85T10A562X")).toEqual([]);
  });

  it("leaves a weak check to its label (a Spanish DNI's letter: one random number in 23)", () => {
    expect(kinds("ref 12345678Z")).toEqual([]);
    expect(kinds("DNI 12345678Z")).toEqual(["national_id"]);
  });
});

describe("the split test/fixtures/pii/hostile-labels.json", () => {
  it("holds forty items or more: hostile labels before real-looking values, and look-alikes", () => {
    expect(split.length).toBeGreaterThanOrEqual(40);
    expect(split.some((item) => item.category === "benign")).toBe(true);
  });

  it("catches every value under a hostile label and flags no look-alike", () => {
    const missed = split.filter((item) => item.category !== "benign" && !item.kinds.every((kind) => kinds(item.text).includes(kind as never)));
    expect(missed.map((item) => item.text)).toEqual([]);
    expect(split.filter((item) => item.category === "benign" && detectPii(item.text).length > 0).map((item) => item.text)).toEqual([]);
  });

  it("gives the stream checker's verdict the whole-text check gives, at chunk sizes 1 to 9", () => {
    for (const item of split) {
      const text = `Noted. ${item.text} Anything else?`;
      const whole = scrubPii(text, redact).text;
      for (let size = 1; size <= 9; size += 1) expect(streamed(text, size), `${item.text} in chunks of ${size}`).toBe(whole);
    }
  });
});

describe("the published test cards", () => {
  it("are all Luhn-valid card numbers (a mistyped entry would excuse nothing and hide a typo)", () => {
    for (const number of publishedTestCards) expect(luhnValid(number), number).toBe(true);
  });
});
