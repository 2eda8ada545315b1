import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servedOpenAI, type ServedOpenAI } from "./served-openai.ts";

const ticket = "My order ORD-1 never arrived and I want a refund of $40";

describe("POST /v1/responses through openai's client.responses.create", () => {
  let served: ServedOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    served = await servedOpenAI({ seed: 7 });
    client = served.client;
  });
  afterAll(() => served.close());

  it("answers instructions + input with output_text and usage", async () => {
    const response = await client.responses.create({ model: "openai-gpt-4o-mini", instructions: "Be brief.", input: ticket });
    expect(response.object).toBe("response");
    expect(response.status).toBe("completed");
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("returns schema-valid JSON for text.format json_schema", async () => {
    const schema = { type: "object", properties: { category: { type: "string" }, amount: { type: ["number", "null"] } }, required: ["category", "amount"], additionalProperties: false };
    const response = await client.responses.create({ model: "extract", input: [{ role: "user", content: ticket }], text: { format: { type: "json_schema", name: "bits", schema, strict: true } } });
    const parsed = JSON.parse(response.output_text) as { category: unknown; amount: unknown };
    expect(typeof parsed.category).toBe("string");
    expect(parsed.amount === null || typeof parsed.amount === "number").toBe(true);
  });

  it("answers tools with function_call items", async () => {
    const response = await client.responses.create({ model: "openai-gpt-4o-mini", input: ticket, tools: [{ type: "function", name: "lookup_order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] }, strict: false }], tool_choice: { type: "function", name: "lookup_order" } });
    const call = response.output.find((item) => item.type === "function_call");
    expect(call?.type === "function_call" ? call.name : undefined).toBe("lookup_order");
  });

  it("streams response.created, output_text deltas and response.completed", async () => {
    const stream = await client.responses.create({ model: "openai-gpt-4o-mini", input: ticket, stream: true });
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    expect(types[0]).toBe("response.created");
    expect(types).toContain("response.output_text.delta");
    expect(types.at(-1)).toBe("response.completed");
    expect(text.length).toBeGreaterThan(0);
  });

  it("refuses store: true and unknown fields with the field in param", async () => {
    const stored = await client.responses.create({ model: "extract", input: ticket, store: true }).catch((thrown: unknown) => thrown);
    expect(stored).toBeInstanceOf(OpenAI.BadRequestError);
    expect((stored as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("store");
  });
});
