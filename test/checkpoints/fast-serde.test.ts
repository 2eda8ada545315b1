import { describe, it, expect } from "vitest";
import { JsonPlusSerializer } from "@langchain/langgraph-checkpoint";
import { FastSerde } from "../../checkpoints/fast-serde.ts";

const serde = new JsonPlusSerializer();
const fast = new FastSerde(serde);

const values: Array<[string, unknown]> = [
  ["plain tree", { a: [1, "two", { three: null, four: true }], b: -1.5, "": "empty key", unicode: "é ☃ \n" }],
  ["undefined inside", { a: undefined, b: [undefined] }],
  ["Set, Map, Date, Error", { set: new Set([1]), map: new Map([["k", 1]]), date: new Date(0), error: new Error("boom") }],
  ["NaN", { n: Number.NaN }],
  ["an lc-shaped plain object", { lc: 2, type: "undefined" }],
  ["bytes", new Uint8Array([1, 2, 3])],
  ["text with a unicode escape", { text: "\u0001" }],
];

describe("FastSerde matches JsonPlusSerializer", () => {
  it.each(values)("writes the same bytes and reads back the same value: %s", async (_label, value) => {
    const [fastType, fastBytes] = await fast.dumpsTyped(value);
    const [slowType, slowBytes] = await serde.dumpsTyped(value);
    expect(fastType).toBe(slowType);
    expect(Buffer.from(fastBytes).equals(Buffer.from(slowBytes))).toBe(true);
    expect(await fast.loadsTyped(fastType, fastBytes)).toEqual(await serde.loadsTyped(slowType, slowBytes));
  });

  it("parsePlain answers only for text the reviver would leave alone, and never for a custom serde", () => {
    expect(fast.parsePlain("json", Buffer.from('{"a":[1]}'))).toEqual({ value: { a: [1] } });
    expect(fast.parsePlain("json", Buffer.from('{"lc":2,"type":"undefined"}'))).toBeUndefined();
    expect(fast.parsePlain("json", Buffer.from('{"\\u006cc":1}'))).toBeUndefined();
    expect(fast.parsePlain("bytes", new Uint8Array([1]))).toBeUndefined();
    class Custom extends JsonPlusSerializer {}
    expect(new FastSerde(new Custom()).parsePlain("json", Buffer.from("{}"))).toBeUndefined();
  });

  it("a custom serde is used as is", async () => {
    class Shouting extends JsonPlusSerializer {
      override async dumpsTyped(): Promise<[string, Uint8Array]> {
        return ["shout", new Uint8Array([33])];
      }
    }
    expect(await new FastSerde(new Shouting()).dumpsTyped({ a: 1 })).toEqual(["shout", new Uint8Array([33])]);
  });
});
