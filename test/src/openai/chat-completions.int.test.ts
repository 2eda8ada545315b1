import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servedOpenAI, type ServedOpenAI } from "./served-openai.ts";

const ticket = "My order ORD-1 never arrived and I want a refund of $40";

describe("POST /v1/chat/completions through the official openai client", () => {
  let served: ServedOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    served = await servedOpenAI({ seed: 5 });
    client = served.client;
  });
  afterAll(() => served.close());

  it("lists model groups and deployment ids", async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(["extract", "openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"]);
  });

  it("answers a plain completion on a proxied OpenAI deployment with usage", async () => {
    const completion = await client.chat.completions.create({ model: "openai-gpt-4o-mini", messages: [{ role: "user", content: ticket }] });
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it("answers through Gemini and Ollama's LangChain clients", async () => {
    for (const model of ["gemini-2.5-flash", "ollama-llama3.1"]) {
      const completion = await client.chat.completions.create({ model, messages: [{ role: "system", content: "Extract." }, { role: "user", content: ticket }] });
      expect(completion.choices[0]?.message.content?.length, model).toBeGreaterThan(0);
      expect(completion.object).toBe("chat.completion");
    }
  });

  it("streams with the final usage chunk when include_usage is set", async () => {
    const stream = await client.chat.completions.create({ model: "extract", messages: [{ role: "user", content: ticket }], stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe("stop");
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it("returns validated JSON for response_format json_schema and the policy records it", async () => {
    const before = served.gateway.engine.policy.statisticsOf("openai-gpt-4o-mini", "emit")?.count ?? 0;
    const schema = { type: "object", properties: { category: { type: "string", enum: ["billing", "shipping", "technical", "account", "other"] }, order_id: { type: ["string", "null"] } }, required: ["category", "order_id"], additionalProperties: false };
    const completion = await client.chat.completions.create({ model: "openai-gpt-4o-mini", messages: [{ role: "user", content: ticket }], response_format: { type: "json_schema", json_schema: { name: "ticket_bits", schema, strict: true } } });
    const parsed: unknown = JSON.parse(completion.choices[0]?.message.content ?? "");
    expect(parsed).toMatchObject({ category: expect.any(String) });
    const modes = ["emit", "compressed", "reconstruct"] as const;
    const after = modes.reduce((sum, mode) => sum + (served.gateway.engine.policy.statisticsOf("openai-gpt-4o-mini", mode)?.count ?? 0), 0);
    expect(after).toBeGreaterThan(before);
  });

  it("answers response_format json_object with a JSON object", async () => {
    const completion = await client.chat.completions.create({ model: "extract", messages: [{ role: "user", content: `Extract the ticket as JSON: ${ticket}` }], response_format: { type: "json_object" } });
    const parsed: unknown = JSON.parse(completion.choices[0]?.message.content ?? "");
    expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)).toBe(true);
  });

  it("carries tools and tool_choice to OpenAI (proxied) and Gemini (LangChain client), answering tool calls", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: "function", function: { name: "lookup_order", description: "Find an order", parameters: { type: "object", properties: { order_id: { type: "string", description: "the order id" } }, required: ["order_id"] } } }];
    for (const model of ["openai-gpt-4o-mini", "gemini-2.5-flash"]) {
      const completion = await client.chat.completions.create({ model, messages: [{ role: "user", content: ticket }], tools, tool_choice: { type: "function", function: { name: "lookup_order" } } });
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(call?.type, model).toBe("function");
      expect(call?.type === "function" ? call.function.name : undefined, model).toBe("lookup_order");
      expect(completion.choices[0]?.finish_reason, model).toBe("tool_calls");
    }
  });

  it("refuses a tool schema keyword Gemini would drop, naming it", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: "function", function: { name: "lookup_order", parameters: { type: "object", properties: { order_id: { type: "string", pattern: "^ORD-" } } } } }];
    const error = await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: ticket }], tools }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("tools.0.function.parameters.properties.order_id.pattern");
  });

  it("answers errors in OpenAI's shape with the field in param", async () => {
    const error = await client.chat.completions.create({ model: "extract", messages: [{ role: "wizard", content: "x" } as never] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("messages.0.role");
    const unknown = await client.chat.completions.create({ model: "gpt-9", messages: [{ role: "user", content: "x" }] }).catch((thrown: unknown) => thrown);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.NotFoundError>).param).toBe("model");
  });
});
