import { AIMessageChunk } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { joinChunks } from "../../../src/runtime/join-chunks.ts";

/** What the call node did before: fold the chunks pairwise with AIMessageChunk.concat. */
const concatenated = (chunks: AIMessageChunk[]) => chunks.reduce((joined, chunk) => joined.concat(chunk));

const fieldsOf = (message: AIMessageChunk | undefined) => ({
  content: message?.content,
  additional_kwargs: message?.additional_kwargs,
  response_metadata: message?.response_metadata,
  tool_call_chunks: message?.tool_call_chunks,
  tool_calls: message?.tool_calls,
  invalid_tool_calls: message?.invalid_tool_calls,
  usage_metadata: message?.usage_metadata,
  id: message?.id,
});

const usage = { input_tokens: 300, output_tokens: 60, total_tokens: 360 };

describe("joinChunks", () => {
  it("joins a streamed text reply exactly as concat does, usage and metadata included", () => {
    const text = JSON.stringify({ category: "billing", entities: ["ORD-1", "Visa"], amount: { value: 49.99 } });
    const make = () => [
      ...(text.match(/.{1,4}/g) ?? []).map((piece, index) => new AIMessageChunk({ content: piece, id: index === 0 ? "chatcmpl-1" : undefined, response_metadata: { model_provider: "openai" } })),
      new AIMessageChunk({ content: "", usage_metadata: usage, response_metadata: { finish_reason: "stop", model_name: "gpt-4o-mini" } }),
    ];
    const joined = joinChunks(make());
    expect(joined?.content).toBe(text);
    expect(fieldsOf(joined)).toEqual(fieldsOf(concatenated(make())));
  });

  it("joins tool call argument fragments by index, broken arguments kept as concat keeps them", () => {
    const make = (args: string[]) => [
      new AIMessageChunk({ content: "", tool_call_chunks: [{ name: "structured", id: "call_1", index: 0, args: "", type: "tool_call_chunk" }] }),
      ...args.map((piece) => new AIMessageChunk({ content: "", tool_call_chunks: [{ index: 0, args: piece, type: "tool_call_chunk" }] })),
      new AIMessageChunk({ content: "", usage_metadata: usage }),
    ];
    const valid = ['{"cat', 'egory":', ' "billing"}'];
    expect(joinChunks(make(valid))?.tool_calls).toEqual([{ name: "structured", id: "call_1", args: { category: "billing" }, type: "tool_call" }]);
    expect(fieldsOf(joinChunks(make(valid)))).toEqual(fieldsOf(concatenated(make(valid))));
    const broken = ['{"cat', 'egory": "bill'];
    expect(fieldsOf(joinChunks(make(broken))).tool_call_chunks?.[0]?.args).toBe('{"category": "bill');
    expect(fieldsOf(joinChunks(make(broken)))).toEqual(fieldsOf(concatenated(make(broken))));
  });

  it("joins content blocks as concat does, and passes one chunk or none through", () => {
    const make = () => [new AIMessageChunk({ content: [{ type: "text", text: "{\"a\":", index: 0 }] }), new AIMessageChunk({ content: [{ type: "text", text: "1}", index: 0 }] })];
    expect(fieldsOf(joinChunks(make()))).toEqual(fieldsOf(concatenated(make())));
    const one = new AIMessageChunk("x");
    expect(joinChunks([one])).toBe(one);
    expect(joinChunks([])).toBeUndefined();
  });
});
