import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { CopyrightIndex, outputBlockFindings, scrubPii, StreamTextChecker, type PiiScrubOptions, type StreamTextCheckerOptions } from "../../../src/verification/index.ts";
import type { CorpusItem } from "../../fixtures/pii/generate-corpus.ts";

const corpus = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii/corpus.json"), "utf8")) as CorpusItem[];

/** Streams `text` in chunks of the given sizes (cycled) and returns everything released. */
function streamed(text: string, sizes: readonly number[], options: StreamTextCheckerOptions): { text: string; blocked: boolean } {
  const checker = new StreamTextChecker(options);
  let released = "";
  let blocked = false;
  let offset = 0;
  for (let index = 0; offset < text.length; index += 1) {
    const size = sizes[index % sizes.length] ?? 1;
    const release = checker.push(text.slice(offset, offset + size));
    released += release.text;
    blocked ||= release.blocked !== undefined;
    offset += size;
  }
  const last = checker.finish();
  return { text: released + last.text, blocked: blocked || last.blocked !== undefined };
}

describe("StreamTextChecker", () => {
  const redact: PiiScrubOptions = { strategy: "redact" };

  it("releases exactly what the whole-text check would, for every corpus item and chunking (0 unchecked characters)", () => {
    const secrets = [
      "key sk-proj-abcdefghijklmnopqrstuvwx1234 rotate it",
      "AKIAIOSFODNN7EXAMPLE is the id",
      "password = hunter2hunter2, do not share",
      "my number is double seven oh nine double one two three four five six",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY----- done",
    ];
    const texts = [...corpus.map((item) => item.text), ...secrets].map((text) => `Thanks for waiting. ${text} Anything else?`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (index, sizes) => {
        const text = texts[index] as string;
        expect(streamed(text, sizes, { pii: redact }).text).toBe(scrubPii(text, redact).text);
      }),
      { numRuns: 600, seed: 16 },
    );
  });

  it("gives a table row the verdict of the whole text when its column's header is far behind", () => {
    const table = `imie,nazwisko,miasto,pesel\n${"Anna,Nowak,Kraków,-\n".repeat(40)}Jan,Kowalski,Gdańsk,58071905586\nkoniec`;
    const options: StreamTextCheckerOptions = { pii: { strategy: "redact" } };
    const whole = scrubPii(table, { strategy: "redact" }).text;
    expect(whole).not.toContain("58071905586");
    for (const sizes of [[1], [3, 7], [16]]) expect(streamed(table, sizes, options).text).toBe(whole);
  });

  it("redacts a card split over many chunks and never releases any of its digits", () => {
    const checker = new StreamTextChecker({ pii: redact });
    const released = ["Your card ", "4111 11", "11 1111 ", "1111 is on file."].map((chunk) => checker.push(chunk).text);
    expect(released.join("")).not.toMatch(/\d/);
    expect(released.join("") + checker.finish().text).toBe("Your card [REDACTED:payment_card] is on file.");
  });

  it("releases prose after one following word, so the first token is not held for a window", () => {
    const checker = new StreamTextChecker({ pii: redact });
    expect(checker.push("Sure").text).toBe("");
    expect(checker.push(", here").text).toBe("Sure, ");
  });

  it("holds a handle while an address may follow it ('ann' + ' at example dot com')", () => {
    const checker = new StreamTextChecker({ pii: redact });
    expect(checker.push("write to ann at exa").text).toBe("write to ");
    const rest = checker.push("mple dot com today").text + checker.finish().text;
    expect(rest).toBe("[REDACTED:email] today");
  });

  it("holds a handle and the short word after it while its provider's name may follow ('sam.k on' + ' gmail')", () => {
    for (const text of ["email me: sam.k on gmail thanks", "my handle @jess_runs, at gmail ok", "E-pos my by pieter.vdm by gmail punt com", "Ibgħatli fuq maria.borg fuq gmail dot com"]) {
      const whole = scrubPii(text, redact).text;
      expect(whole).toContain("[REDACTED:email]");
      for (const sizes of [[1], [2, 5], [4]]) expect(streamed(text, sizes, { pii: redact }).text).toBe(whole);
    }
  });

  it("holds a base64 run until it is whole, then redacts what it decodes to", () => {
    const text = "GET /optout?e=YW5uLmxlZUBleGFtcGxlLm9yZw==&src=mail 200 done";
    const whole = scrubPii(text, redact).text;
    expect(whole).toContain("[REDACTED:email]");
    for (const sizes of [[1], [3, 7], [5]]) expect(streamed(text, sizes, { pii: redact }).text).toBe(whole);
  });

  it("blocks with the block strategy before any personal data is released", () => {
    const result = streamed("Hello, my number is +44 20 7946 0958, call me.", [3], { pii: { strategy: "block" } });
    expect(result.blocked).toBe(true);
    expect(result.text).not.toMatch(/\d/);
  });

  it("runs blocking checks (copyright) before each release and stops the stream", () => {
    const protectedText = fs.readFileSync(path.resolve("test/fixtures/copyright/protected.txt"), "utf8").split(/\n\s*\n/)[0] as string;
    const text = { copyright: new CopyrightIndex([protectedText]) };
    const result = streamed(`Here is a story. ${protectedText}`, [7], { blockers: [(output) => outputBlockFindings(output, text)] });
    expect(result.blocked).toBe(true);
    expect(result.text.length).toBeLessThan(protectedText.length / 2);
  });

  it("redacts a spoken number with repeats streamed word by word", () => {
    const text = "sure, my number is double seven oh nine double one two three four five six, thanks";
    expect(streamed(text, [1, 3, 7], { pii: redact }).text).toBe(scrubPii(text, redact).text);
    expect(scrubPii(text, redact).text).toBe("sure, my number is [REDACTED:phone], thanks");
  });

  it("holds a private key block whole until its END line and redacts it", () => {
    const key = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nabcdefghijklmnop\nQRSTUVWXyzabcdef\n-----END PRIVATE KEY-----`;
    const result = streamed(`Here it is: ${key} keep it safe.`, [2, 5, 3], { pii: redact });
    expect(result.text).toBe("Here it is: [REDACTED:secret] keep it safe.");
  });

  it("bounds the hold-back: a live run longer than maxHoldBack is released once checked", () => {
    const checker = new StreamTextChecker({ pii: redact, maxHoldBack: 40 });
    const released = checker.push(`codes ${"7 ".repeat(60)}`).text;
    expect(released.length).toBeGreaterThan(0);
  });
});

describe("StreamTextChecker on the obfuscations the normaliser reads", () => {
  const redact: PiiScrubOptions = { strategy: "redact" };
  const texts = [
    "call zéro sept, douze, trente-quatre, cinquante-six, soixante-dix-huit tonight",
    "mój numer: siedemset dwadzieścia trzy, czterysta pięćdziesiąt jeden, osiemset dziewięć ok",
    "schrijf naar piet apenstaartje kpn punt nl graag",
    "mail marie point curie arobase sorbonne point fr merci",
    "pay with 5555 ▪️ 5555 ▪️ 5555 ▪️ 4444 now",
    "**4000** **0566** **5566** **5556** is it",
    "the card is 4000 0566\n5566 5556, thanks",
    "call 0️⃣6️⃣ 1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣ 7️⃣8️⃣ later",
    "card 4OOO O566 5566 5556 ok",
    "mailto:bob%40corp.io and bob&#64;corp.io",
    '{"mobile": "0612345678", "orderId": "0612345679"}',
    "auth eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhY21lIn0.c2lnbmF0dXJlLXZhbHVl ok",
    // Hesitations between spoken groups and spelling-alphabet letters are inside the value: a stream released the
    // groups before them until both were held back like digits.
    "my number is two one two, uh, five five five, um, one two three four thanks",
    "call me on oh seven seven, uh, zero zero nine, hmm, eight seven six five four later",
    "IBAN golf bravo 82 WEST 1234 5698 7654 32 ok",
    "the iban is delta echo 89 3704 0044 0532 0130 00 thanks",
  ];

  it.each(texts)("releases what the whole-text check would, in every chunk size: %s", (text) => {
    const whole = scrubPii(text, redact).text;
    expect(whole).not.toBe(text);
    for (let size = 1; size <= 9; size += 1) expect(streamed(text, [size], { pii: redact }).text).toBe(whole);
  });
});
