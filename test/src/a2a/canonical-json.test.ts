import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/a2a/index.ts";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys by UTF-16 code units and drops whitespace (the RFC's sorting example)", () => {
    const value = { "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis" };
    const keys = Object.keys(JSON.parse(canonicalJson(value)) as object);
    expect(canonicalJson(value).startsWith('{"\\r":"Carriage Return","1":"One"')).toBe(true);
    expect(keys).toHaveLength(7);
    expect(canonicalJson(value).indexOf("\ud83d\ude00")).toBeLessThan(canonicalJson(value).indexOf("\ufb33"));
  });

  it("serialises numbers as ECMAScript does and nests", () => {
    expect(canonicalJson({ b: [1e21, 0.000001, -0, 1.5], a: { d: null, c: true } })).toBe('{"a":{"c":true,"d":null},"b":[1e+21,0.000001,0,1.5]}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});
