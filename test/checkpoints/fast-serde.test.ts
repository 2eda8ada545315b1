import { describe, it, expect } from "vitest";
import { JsonPlusSerializer } from "@langchain/langgraph-checkpoint";
import { AIMessage, AIMessageChunk, HumanMessage, RemoveMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
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
  // Lists of messages take their own fast lane (each message's toJSON); each case must still match exactly.
  [
    "a conversation",
    [
      new SystemMessage("be brief"),
      new HumanMessage({ content: "My order ORD-1 never arrived \u2603", id: "h1", response_metadata: { token_counts: { length: 30, estimate: 8 } } }),
      new AIMessage({ content: '{"a":1}', name: "openai-gpt-4o-mini", id: "a1", usage_metadata: { input_tokens: 10, output_tokens: 3, total_tokens: 13 } }),
    ],
  ],
  ["tool calls and a tool reply", [new AIMessage({ content: "", tool_calls: [{ id: "c1", name: "lookup", args: { order: "ORD-1", n: [1, 2] } }] }), new ToolMessage({ content: "shipped", tool_call_id: "c1" })]],
  ["a message with undefined and NaN inside", [new HumanMessage({ content: "x", additional_kwargs: { gone: undefined, n: Number.NaN } })]],
  ["a message holding a Map", [new HumanMessage({ content: "x", response_metadata: { seen: new Map([["k", 1]]) } })]],
  ["a chunk and a removal", [new AIMessageChunk({ content: "part", id: "c" }), new RemoveMessage({ id: "h1" })]],
  ["content blocks", [new HumanMessage({ content: [{ type: "text", text: "look" }, { type: "image_url", image_url: { url: "data:," } }] })]],
  ["a message beside a plain object", [new HumanMessage("x"), { role: "user", content: "y" }]],
];

describe("FastSerde matches JsonPlusSerializer", () => {
  it.each(values)("writes the same bytes and reads back the same value: %s", async (_label, value) => {
    const [fastType, fastBytes] = await fast.dumpsTyped(value);
    const [slowType, slowBytes] = await serde.dumpsTyped(value);
    expect(fastType).toBe(slowType);
    expect(Buffer.from(fastBytes).equals(Buffer.from(slowBytes))).toBe(true);
    expect(await fast.loadsTyped(fastType, fastBytes)).toEqual(await serde.loadsTyped(slowType, slowBytes));
  });

  it("a list of messages is written without the serializer's own path when each message's JSON is plain", () => {
    const lane = (label: string) => fast.plainText(values.find(([name]) => name === label)![1]);
    expect(lane("a conversation")).toBeDefined();
    expect(lane("tool calls and a tool reply")).toBeDefined();
    expect(lane("a message with undefined and NaN inside")).toBeUndefined();
    // toJSON already turned the Map into a plain object, as the serializer writes it.
    expect(lane("a message holding a Map")).toBeDefined();
    expect(lane("a message beside a plain object")).toBeUndefined();
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
