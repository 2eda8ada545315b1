import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("separators of any kind between the groups of a number", () => {
  it("reads emoji, bullets, pipes and markdown marks between digits as one separator", () => {
    expect(normalisePiiText("4111🌟1111🌟1111🌟1111")).toBe("4111 1111 1111 1111");
    expect(kinds("pay with 5555 ▪️ 5555 ▪️ 5555 ▪️ 4444")).toEqual(["payment_card"]);
    expect(kinds("**4000** **0566** **5566** **5556**")).toEqual(["payment_card"]);
    expect(kinds("| card | 3782 | 822463 | 10005 |")).toEqual(["payment_card"]);
    expect(kinds("Rufnummer: 030 ‧ 1234 ‧ 5678")).toEqual(["phone"]);
  });

  it("joins a number broken over lines, and keeps two numbers on two lines apart", () => {
    expect(kinds("the card is 4000 0566\n5566 5556, thanks")).toEqual(["payment_card"]);
    const two = detectPii("+44 7700 900123\n+44 7700 900456");
    expect(two.map((finding) => finding.text)).toEqual(["+44 7700 900123", "+44 7700 900456"]);
    expect(detectPii("call 0612 345 678\n0698 765 432").map((finding) => finding.kind)).toEqual(["phone", "phone"]);
  });

  it("keeps ordinary prose with numbers on separate lines clean", () => {
    expect(kinds("Rows:\n1 2 3\n4 5 6\n7 8 9")).toEqual([]);
    expect(kinds("Steps 1 | 2 | 3 are done")).toEqual([]);
  });

  it("reads keycap digits and variation selectors", () => {
    expect(normalisePiiText("4️⃣1️⃣")).toBe("41");
    expect(kinds("call 0️⃣6️⃣ 1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣ 7️⃣8️⃣")).toEqual(["phone"]);
  });
});

describe("look-alike characters", () => {
  it("reads O, o, l and I as digits inside digit groups next to other digits", () => {
    expect(normalisePiiText("4l11 llll 1111 1111")).toBe("4l11 llll 1111 1111");
    expect(normalisePiiText("4l11 1ll1 1111 1111")).toBe("4111 1111 1111 1111");
    expect(kinds("card 4OOO O566 5566 5556")).toEqual(["payment_card"]);
    expect(kinds("ssn 5l2-44-9O12")).toEqual(["national_id"]);
  });

  it("leaves words with those letters alone", () => {
    expect(normalisePiiText("Hello 2 Old friends, 10 lol")).toBe("Hello 2 Old friends, 10 lol");
  });

  it("reads Cyrillic and Greek look-alikes as Latin inside a word that mixes scripts, and leaves Russian alone", () => {
    expect(normalisePiiText("pаypal")).toBe("paypal");
    expect(normalisePiiText("Привет, мир")).toBe("Привет, мир");
    expect(kinds("mail jоhn.smith@exаmple.com")).toEqual(["email"]);
  });

  it("decodes character references and URL escapes that hide an @ or a dot", () => {
    expect(normalisePiiText("bob&#64;corp.io")).toBe("bob@corp.io");
    expect(normalisePiiText("bob&#x40;corp&period;io")).toBe("bob@corp.io");
    expect(kinds("mailto:bob%40corp.io")).toEqual(["email"]);
    expect(kinds("50%40 of them")).toEqual([]);
  });

  it("closes up addresses spelled one character at a time", () => {
    expect(normalisePiiText("j o e . b l o g g s @ f o o . o r g")).toBe("joe.bloggs@foo.org");
    expect(kinds("mail: j o e . b l o g g s @ f o o . o r g")).toEqual(["email"]);
  });

  it("maps every finding back to the characters as written", () => {
    const text = "card: 4OOO O566 5566 5556!";
    const [finding] = detectPii(text);
    expect(finding?.text).toBe("4OOO O566 5566 5556");
  });
});

describe("numerals and escapes of other writing systems", () => {
  it("reads Chinese and Japanese numerals written digit by digit in a long number", () => {
    expect(normalisePiiText("携帯は〇八〇の九八七六の五四三二です")).toBe("携帯は080-9876-5432です");
    expect(kinds("携帯は〇八〇の九八七六の五四三二です")).toEqual(["phone"]);
    expect(normalisePiiText("一緒に三人で行きます")).toBe("一緒に三人で行きます");
  });

  it("decodes JSON unicode escapes", () => {
    expect(kinds('{"contact": "lena\\u0040firma.de"}')).toEqual(["email"]);
  });
});
