import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);
const morse = (value: string) => [...value].map((char) => ({ "0": "-----", "1": ".----", "2": "..---", "3": "...--", "4": "....-", "5": ".....", "6": "-....", "7": "--...", "8": "---..", "9": "----.", "+": ".-.-." })[char]).join(" ");
const tags = (value: string) => [...value].map((char) => String.fromCodePoint(0xe0000 + (char.codePointAt(0) ?? 0))).join("");

describe("values in signalling and accessibility encodings", () => {
  it("reads Morse code as its letters and digits, and a rule of dashes or a row of dots as nothing", () => {
    expect(normalisePiiText(`QSO log: my mobile ${morse("+447700900461")} K`)).toBe("QSO log: my mobile +447700900461 K");
    expect(kinds(`QSO log: my mobile ${morse("+447700900461")} K`)).toEqual(["phone"]);
    expect(normalisePiiText("----- ----- ----- ----- -----")).toBe("----- ----- ----- ----- -----");
    expect(kinds(`beacon ${".... ...- -.-. -.- .--"}`)).toEqual([]);
  });

  it("reads Braille digits after the number sign", () => {
    expect(normalisePiiText("Tel ⠒ +⠼⠁ ⠼⠙⠁⠑ ⠼⠑⠑⠑ ⠼⠚⠁⠓⠛")).toBe("Tel : +1 415 555 0187");
    expect(kinds("card ⠒ ⠼⠙⠁⠁⠁ ⠼⠁⠁⠁⠁ ⠼⠁⠁⠁⠁ ⠼⠁⠁⠁⠁")).toEqual(["payment_card"]);
    expect(kinds("Braille page ⠼⠁⠃ of ⠼⠉⠙")).toEqual([]);
  });

  it("reads hex bytes of ASCII only in a text that says it shows bytes, and only when every byte is printable", () => {
    const hex = (value: string) => [...value].map((char) => char.charCodeAt(0).toString(16)).join(" ");
    expect(kinds(`packet payload: ${hex("ann.lee@proton.me")}`)).toEqual(["email"]);
    expect(kinds(`the notes say ${hex("ann.lee@proton.me")}`)).toEqual([]);
    expect(normalisePiiText("hexdump: 89 50 4e 47 0d 0a 1a 0a")).toBe("hexdump: 89 50 4e 47 0d 0a 1a 0a");
  });

  it("reads invisible tag characters apart from the visible text before them", () => {
    expect(normalisePiiText(`Hello!${tags("ann@proton.me")}`)).toBe("Hello! ann@proton.me ");
    expect(kinds(`Hello!${tags("ann@proton.me")}`)).toEqual(["email"]);
    // A subdivision flag (England) is tag letters too: they read as letters and nothing more.
    expect(kinds("go 🏴󠁧󠁢󠁥󠁮󠁧󠁿!")).toEqual([]);
  });

  it("reads regional-indicator letters, spaced so they draw no flag, as a word", () => {
    expect(normalisePiiText("mail 🇦 🇳 🇳 . 🇱 🇪 🇪@🇵 🇷 🇴 🇹 🇴 🇳.🇲 🇪")).toBe("mail ann.lee@proton.me");
    expect(kinds("flags 🇩🇪 🇫🇷 🇯🇵")).toEqual([]);
  });

  it("reads what a right-to-left override governs in the order it is displayed", () => {
    expect(normalisePiiText("call \u202E3210 555 212 1+\u202C now")).toBe("call +1 212 555 0123 now");
    expect(kinds("call \u202E3210 555 212 1+\u202C now")).toEqual(["phone"]);
    expect(kinds("invoice\u202Efdp.exe")).toEqual([]);
  });
});
