import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText, scrubPii } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("spelled numbers", () => {
  it("reads hyphenated digit words", () => {
    expect(normalisePiiText("six-one-seven, two-two-two, four-three-three-one")).toBe("6172224331");
    expect(kinds("ring six-one-seven, two-two-two, four-three-three-one")).toEqual(["phone"]);
  });

  it("reads tens and teens in groups", () => {
    expect(normalisePiiText("zero seven, twelve, thirty-four, fifty-six, seventy-eight")).toBe("0712345678");
    expect(normalisePiiText("null sieben, zwölf, vierunddreißig, sechsundfünfzig, achtundsiebzig")).toBe("0712345678");
    expect(normalisePiiText("zéro sept, douze, trente-quatre, cinquante-six, soixante-dix-huit")).toBe("0712345678");
    expect(normalisePiiText("cero siete, doce, treinta y cuatro, cincuenta y seis, setenta y ocho")).toBe("0712345678");
    expect(normalisePiiText("zero sette, dodici, trentaquattro, cinquantasei, settantotto")).toBe("0712345678");
  });

  it("reads French sixties to nineties", () => {
    expect(normalisePiiText("zéro six, soixante-treize, quatre-vingts, quatre-vingt-dix-neuf, onze")).toBe("0673809911");
  });

  it("reads hundreds", () => {
    expect(normalisePiiText("five hundred twelve, three hundred forty, nine nine one two")).toBe("5123409912");
    expect(normalisePiiText("siedemset dwadzieścia trzy, czterysta pięćdziesiąt jeden, osiemset dziewięć")).toBe("723451809");
    expect(normalisePiiText("seiscientos doce, trescientos cuarenta y cinco, seiscientos setenta y ocho")).toBe("612345678");
  });

  it("reads Polish and Turkish digit words", () => {
    expect(kinds("mój numer: pięć jeden dwa, trzy cztery pięć, sześć siedem osiem")).toEqual(["phone"]);
    expect(kinds("numaram sıfır beş üç iki, yedi altı beş, dört üç, iki bir")).toEqual(["phone"]);
  });

  it("reads Turkish 'on' as ten only after another number word", () => {
    expect(normalisePiiText("numaram sıfır beş yüz kırk iki, altı yüz on, yirmi üç, seksen")).toBe("numaram 05426102380");
    expect(normalisePiiText("call me on five five five, one two three four")).toBe("call me on 5551234");
  });

  it("reads an IBAN's check digits said aloud after its country code", () => {
    expect(normalisePiiText("IE eight nine AIBK 0494")).toBe("IE 89 AIBK 0494");
    expect(normalisePiiText("we had eight nine people")).toBe("we had eight nine people");
    expect(kinds("my iban is IE eight nine AIBK 0494 5894 3258 88")).toEqual(["iban"]);
  });

  it("leaves years, ages and counts as prose", () => {
    expect(normalisePiiText("born in nineteen eighty-four, she was twenty-one")).toBe("born in nineteen eighty-four, she was twenty-one");
    expect(kinds("one hundred and twenty people came, then forty more")).toEqual([]);
    expect(kinds("ten, nine, eight, seven, six, lift-off")).toEqual([]);
  });

  it("redacts the words a number was read from", () => {
    expect(scrubPii("call zéro sept, douze, trente-quatre, cinquante-six, soixante-dix-huit tonight", { strategy: "redact" }).text).toBe("call [REDACTED:phone] tonight");
  });
});

describe("two groups with a dash or slash read aloud between them", () => {
  it("joins them as dictated, in more languages", () => {
    expect(normalisePiiText("kennitalan er 120174 bandstrik 3399")).toBe("kennitalan er 120174-3399");
    expect(normalisePiiText("rodné číslo 780606 lomeno 2121")).toBe("rodné číslo 780606-2121");
  });

  it("leaves two short groups alone: a score or a date is not a dictated id", () => {
    expect(normalisePiiText("it ended 3 dash 2")).toBe("it ended 3 dash 2");
  });
});
