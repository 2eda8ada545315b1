import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { toWireJson } from "../../../src/server/wire-json.ts";

describe("toWireJson", () => {
  it("sends messages anywhere in a value as their dicts with a type, and leaves the rest as JSON has it", () => {
    const human = new HumanMessage({ content: "My order never arrived", id: "m1" });
    const ai = new AIMessage({ content: '{"category":"shipping"}', id: "m2", response_metadata: { tokens: 3 } });
    const state = { messages: [human, ai], output: { structured: { category: "shipping" }, at: new Date(0) }, nested: [[{ last: ai }]], skipped: undefined };
    const wire = JSON.parse(toWireJson(state)) as Record<string, unknown>;
    expect(wire.messages).toEqual([
      { ...human.toDict().data, type: "human" },
      { ...ai.toDict().data, type: "ai" },
    ]);
    expect(wire.nested).toEqual([[{ last: { ...ai.toDict().data, type: "ai" } }]]);
    expect(wire.output).toEqual({ structured: { category: "shipping" }, at: "1970-01-01T00:00:00.000Z" });
    expect("skipped" in wire).toBe(false);
    // The value itself is not changed by the conversion.
    expect(state.messages[0]).toBe(human);
  });

  it("handles a message at the top, plain values, and objects that serialise themselves", () => {
    expect(JSON.parse(toWireJson(new HumanMessage({ content: "hi", id: "x" })))).toMatchObject({ content: "hi", type: "human" });
    expect(toWireJson(null)).toBe("null");
    expect(toWireJson({ a: [1, "b", true] })).toBe('{"a":[1,"b",true]}');
    const custom = { toJSON: () => ({ inner: new HumanMessage({ content: "deep", id: "y" }) }) };
    expect(JSON.parse(toWireJson({ custom }))).toMatchObject({ custom: { inner: { content: "deep", type: "human" } } });
  });
});
