import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

/**
 * The mechanisms behind held-out-16's misses (values inside industry formats and accessibility encodings), each fixed as
 * a class and tested on sentences of its own (none taken from a held-out set or from a never-read split). The encodings
 * and escapes have their own files (pii-signal-encodings.test.ts, pii-code-escapes.test.ts).
 */
const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("subtitles, speech markup and a card's magnetic stripe", () => {
  it("reads a value split over two subtitle cues as one, and timecodes as no number", () => {
    const srt = "7\n00:00:04,000 --> 00:00:06,500\nMy card is 4111 1111\n\n8\n00:00:06,600 --> 00:00:08,000\n1111 1111";
    expect(normalisePiiText(srt)).toBe(" My card is 4111 1111 1111 1111");
    expect(kinds(srt)).toEqual(["payment_card"]);
    expect(kinds("WEBVTT\n\n00:01:02.000 --> 00:01:04.000\n<v Bo>Order 5531 is late\n\n00:01:04.100 --> 00:01:06.000\n<v Bo>Sorry!</v>")).toEqual([]);
  });

  it("reads SSML's markup as nothing said", () => {
    expect(normalisePiiText('<speak><say-as interpret-as="digits">41111111</say-as><break time="300ms"/><say-as interpret-as="digits">11111111</say-as></speak>')).toBe("4111111111111111");
  });

  it("reads a track 2 as a card number", () => {
    expect(kinds("what the reader got: ;4111111111111111=2812101000000000? end")).toEqual(["payment_card"]);
  });

  it("leaves a processor's published test card beside a word that calls it a test, and reads it as a card elsewhere", () => {
    expect(kinds("sandbox test: Visa 4242 4242 4242 4242 -> approved")).toEqual([]);
    expect(kinds("my card is 4242 4242 4242 4242, mail ann@example.com")).toEqual(["payment_card", "email"]);
  });
});

describe("ids, numerals and number words held-out-16 used", () => {
  it("reads an Argentine CUIL by its check digit, and a Finnish henkilötunnus with its century sign left out", () => {
    expect(kinds("CUIL del titular: 20-12345678-6")).toEqual(["national_id"]);
    expect(kinds("CUIL del titular: 20-12345678-5")).toEqual([]);
    expect(kinds("henkilötunnus 131052308T")).toEqual(["national_id"]);
  });

  it("reads a label that names one id as saying its length: a number of another length under it is something else", () => {
    expect(kinds("switch log: STAN 551200, RRN 312803377150")).toEqual([]);
    expect(kinds("RRN 960520-1149743")).toEqual(["national_id"]);
  });

  it("reads Chinese financial numerals across a slash, and Ukrainian number words with their apostrophe", () => {
    expect(normalisePiiText("rodné číslo 柒伍伍陆壹陆/贰叁壹伍")).toBe("rodné číslo 755616/2315");
    expect(normalisePiiText("РНОКПП п’ять дев’ять один нуль сім")).toBe("РНОКПП 59107");
  });

  it("reads Yoruba digit words in a chain", () => {
    expect(kinds("foonu mi: odo mẹjọ meji mẹta, meje mẹfa meji, mẹrin mẹsan ọkan odo")).toEqual(["phone"]);
    expect(normalisePiiText("ọkan mi dun")).toBe("ọkan mi dun");
  });
});
