import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

/** Number words, numerals and spoken "@"/"." of the languages added with the national-id table; sentences of their own. */
const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("digit words in more languages and scripts", () => {
  it.each([
    ["cs", "telefon: nula sedm sedm jedna dva tři čtyři pět šest", "077123456"],
    ["hu", "nulla hat kettő nulla három négy öt hat hét", "062034567"],
    ["el", "μηδέν έξι εννιά τρία τέσσερα πέντε έξι επτά", "06934567"],
    ["hi", "नौ आठ सात छह पाँच चार", "987654"],
    ["th", "ศูนย์ แปด หนึ่ง สอง", "0812"],
    ["he", "אפס חמש ארבע שלוש", "0543"],
    ["ar", "صفر خمسة خمسة واحد", "0551"],
    ["id", "nol delapan satu dua tiga", "08123"],
    ["vi", "không chín một hai ba", "09123"],
  ])("%s", (_, text, digits) => {
    expect(normalisePiiText(text).replace(/\D/g, "")).toBe(digits);
  });

  it("reads a weak digit word only in a chain with a strong one", () => {
    expect(normalisePiiText("ba hai năm một")).toBe("ba hai năm một");
    expect(normalisePiiText("ba hai chín một")).toBe("3291");
    expect(normalisePiiText("I bought a hat")).toBe("I bought a hat");
  });

  it("reads Chinese read-out and financial numerals and Korean digit syllables", () => {
    expect(normalisePiiText("幺三八 幺二三四 五六七八")).toBe("138 1234 5678");
    expect(normalisePiiText("壹叁捌零零壹叁捌捌捌捌")).toBe("13800138888");
    expect(normalisePiiText("휴대폰 공일공-구팔칠육-오사삼이")).toBe("휴대폰 010-9876-5432");
    expect(kinds("휴대폰 공일공-구팔칠육-오사삼이")).toEqual(["phone"]);
  });

  it("leaves Korean words made of digit syllables alone", () => {
    expect(normalisePiiText("이사 간 집 사이 오이")).toBe("이사 간 집 사이 오이");
  });
});

describe("spoken @ and . as a table of languages", () => {
  it.each([
    ["cs", "napiš na eva.kral zavináč centrum tečka cz"],
    ["hu", "címem: nagy.bela kukac citromail pont hu"],
    ["el", "στείλε στο dimitra.k παπάκι otenet τελεία gr"],
    ["ja", "メール suzuki.k アットマーク ezweb ドット ne ドット jp"],
    ["ko", "메일은 hana.choi 골뱅이 nate 점 com"],
    ["tr", "e-posta: ali.demir et yandex nokta com"],
    ["ro", "scrie-mi la maria.ionescu arond gmail punct com"],
  ])("%s", (_, text) => {
    expect(kinds(text)).toEqual(["email"]);
  });

  it("does not read the same words in prose as an address", () => {
    expect(kinds("Jean et Claire point de vue")).toEqual([]);
    expect(kinds("Bu akşam et yiyeceğiz, nokta.")).toEqual([]);
    expect(kinds("Ez pont jó, a kukac a kertben van.")).toEqual([]);
  });
});

describe("more obfuscations", () => {
  it("reads a spoken dash between dictated groups", () => {
    expect(normalisePiiText("SSN: four two seven dash six one dash three three nine zero")).toBe("SSN: 427-61-3390");
    expect(kinds("my SSN is 5 2 3 dash 4 1 dash 8 8 0 2")).toEqual(["national_id"]);
    expect(normalisePiiText("pages 1 2 dash 5")).toBe("pages 1 2 dash 5");
  });

  it("reads inline HTML tags as invisible, but not links or bracketed connectors", () => {
    expect(kinds("contact: <span>anna.berg</span>@<b>example.se</b>")).toEqual(["email"]);
    expect(normalisePiiText('<a href="mailto:ann%40example.org">mail</a>')).toContain("mailto:ann@example.org");
    expect(normalisePiiText("tom<at>fastmail<dot>fm")).toBe("tom<at>fastmail<dot>fm");
  });

  it("closes up an IPv6 address spaced around its colons, and leaves times no address", () => {
    expect(kinds("my ipv6 is 2001 : db8 : 85a3 :: 8a2e : 370 : 7334")).toEqual(["ip_address"]);
    expect(kinds("meet at 12 : 30 : 45 : 10")).toEqual([]);
  });

  it("finds grouped AWS keys, passwords in guillemets and Maestro cards", () => {
    expect(kinds("AWS key: AKIA 2B7Q ZX4M 8RTA LQ3K")).toEqual(["secret"]);
    expect(kinds("mon mot de passe : « Chaton-Bleu-77 »")).toEqual(["secret"]);
    expect(kinds("card 5018 0000 0000 0009")).toEqual(["payment_card"]);
  });
});
