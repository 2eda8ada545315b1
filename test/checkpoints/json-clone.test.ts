import { describe, it, expect } from "vitest";
import { cloneJson } from "../../checkpoints/json-clone.ts";

describe("cloneJson", () => {
  const texts = ['{"a":[1,"two",{"three":null,"four":true}],"b":-1.5,"":"empty key"}', "[[],{},0,\"\"]", '"plain"', "null"];

  it.each(texts)("equals a fresh parse of %s and shares no object with its source", (text) => {
    const source = JSON.parse(text) as unknown;
    const copy = cloneJson(source);
    expect(copy).toEqual(JSON.parse(text));
    if (typeof source === "object" && source !== null) {
      expect(copy).not.toBe(source);
      (source as Record<string, unknown>).added = "after the copy";
      expect(copy).toEqual(JSON.parse(text));
    }
  });

  it("keeps a __proto__ key as an own property, as JSON.parse does, without touching the prototype", () => {
    const copy = cloneJson(JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
