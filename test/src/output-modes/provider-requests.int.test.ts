import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { prepareModeCall, type EmitMethod } from "../../../src/output-modes/prepare-mode-call.ts";
import { structureOutput } from "../../../src/output-modes/structure-output.ts";
import type { JsonSchema } from "../../../src/output-modes/json-schema.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";

/**
 * The bound request options, sent by the real provider clients to a loopback server, must have the shape
 * of the captured bodies in test/fixtures/wire-captures (copied from shared/wire-captures: what each client sends for withStructuredOutput).
 */
const gold = { category: "billing", priority: "urgent", sentiment: "negative", entities: [{ name: "Kim", type: "person" }], action: "refund", amount: 19.99 };
const goldText = JSON.stringify(gold);

type Body = Record<string, unknown>;
let server: Server;
let baseUrl = "";
const received: Array<{ url: string; body: Body }> = [];
let replyWithTool = false;

function capture(name: string): { url: string; body: Body } {
  return JSON.parse(readFileSync(new URL(`../../fixtures/wire-captures/${name}`, import.meta.url), "utf8")) as { url: string; body: Body };
}

function respond(url: string): { contentType: string; text: string } {
  if (url.startsWith("/v1/chat/completions")) {
    const message = replyWithTool
      ? { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "ticket", arguments: goldText } }] }
      : { role: "assistant", content: goldText };
    const completion = { id: "c1", object: "chat.completion", created: 0, model: "gpt-4o-mini", choices: [{ index: 0, message, finish_reason: "stop", logprobs: null }], usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 } };
    return { contentType: "application/json", text: JSON.stringify(completion) };
  }
  if (url.includes(":generateContent")) {
    const parts = replyWithTool ? [{ functionCall: { name: "ticket", args: gold } }] : [{ text: goldText }];
    return { contentType: "application/json", text: JSON.stringify({ candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 9, totalTokenCount: 14 } }) };
  }
  const base = { model: "llama3.1", created_at: "2025-01-01T00:00:00Z" };
  const message = replyWithTool ? { role: "assistant", content: "", tool_calls: [{ function: { name: "ticket", arguments: gold } }] } : { role: "assistant", content: goldText };
  const lines = [{ ...base, message, done: false }, { ...base, message: { role: "assistant", content: "" }, done: true, done_reason: "stop", prompt_eval_count: 5, eval_count: 9 }];
  return { contentType: "application/x-ndjson", text: lines.map((line) => JSON.stringify(line)).join("\n") + "\n" };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ url: request.url ?? "", body: JSON.parse(text) as Body });
      const reply = respond(request.url ?? "");
      response.writeHead(200, { "content-type": reply.contentType });
      response.end(reply.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  replyWithTool = false;
});

const models = {
  openai: () => new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-test", maxRetries: 0, configuration: { baseURL: `${baseUrl}/v1` } }),
  "google-genai": () => new ChatGoogleGenerativeAI({ model: "gemini-2.5-flash", apiKey: "test", maxRetries: 0, baseUrl }),
  ollama: () => new ChatOllama({ model: "llama3.1", maxRetries: 0, baseUrl }),
};

async function call(provider: keyof typeof models, emitMethod: EmitMethod, mode: "emit" | "compressed" = "emit") {
  const prepared = prepareModeCall({ model: models[provider](), provider, mode, schema: ticketExtractionSchema, schemaName: "ticket", emitMethod });
  const messages = prepared.systemPrompt === undefined ? [new HumanMessage("ticket text")] : [new SystemMessage(prepared.systemPrompt), new HumanMessage("ticket text")];
  const reply = await prepared.runnable.invoke(messages);
  expect(received).toHaveLength(1);
  const request = received[0] as { url: string; body: Body };
  return { request, result: structureOutput(reply, mode, ticketExtractionSchema, prepared.jsonSchema) };
}

const keysOf = (body: Body) => Object.keys(body).sort();

describe("bound request options match the wire captures", () => {
  it("openai jsonSchema: response_format json_schema strict, as in 008", async () => {
    const { request, result } = await call("openai", "jsonSchema");
    const expected = capture("008_openai_wso_jsonSchema.json");
    expect(request.url).toBe(expected.url);
    expect(keysOf(request.body)).toEqual(keysOf(expected.body));
    const format = request.body.response_format as { type: string; json_schema: { name: string; strict: boolean; schema: JsonSchema } };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema).toMatchObject({ name: "ticket", strict: true });
    expect(format.json_schema.schema).toMatchObject({ type: "object", additionalProperties: false });
    expect(result).toMatchObject({ ok: true, value: gold });
  });

  it("openai functionCalling: one tool and a forced tool_choice, as in 009", async () => {
    replyWithTool = true;
    const { request, result } = await call("openai", "functionCalling");
    const expected = capture("009_openai_wso_functionCalling.json");
    expect(keysOf(request.body)).toEqual(keysOf(expected.body));
    expect(request.body.tool_choice).toEqual({ type: "function", function: { name: "ticket" } });
    expect((request.body.tools as Array<{ function: { name: string } }>)[0]?.function.name).toBe("ticket");
    expect(result).toMatchObject({ ok: true, value: gold });
  });

  it("google-genai jsonSchema: generationConfig.responseSchema + responseMimeType, as in 027", async () => {
    const { request, result } = await call("google-genai", "jsonSchema");
    const expected = capture("027_gemini_wso_jsonSchema.json");
    expect(request.url).toBe(expected.url);
    expect(keysOf(request.body)).toEqual(keysOf(expected.body));
    const config = request.body.generationConfig as { responseMimeType: string; responseSchema: JsonSchema };
    expect(config.responseMimeType).toBe("application/json");
    expect(config.responseSchema.type).toBe("object");
    expect(JSON.stringify(config.responseSchema)).not.toMatch(/additionalProperties|\$schema/);
    expect(result).toMatchObject({ ok: true, value: gold });
  });

  it("google-genai functionCalling: functionDeclarations and toolConfig ANY, as in 028", async () => {
    replyWithTool = true;
    const { request, result } = await call("google-genai", "functionCalling");
    const expected = capture("028_gemini_wso_functionCalling.json");
    expect(keysOf(request.body)).toEqual(keysOf(expected.body));
    expect(request.body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["ticket"] } });
    expect(result).toMatchObject({ ok: true, value: gold });
  });

  it("ollama jsonSchema: format is the JSON schema, as in 019", async () => {
    const { request, result } = await call("ollama", "jsonSchema");
    const expected = capture("019_ollama_wso_jsonSchema.json");
    expect(request.url).toBe(expected.url);
    expect(keysOf(request.body)).toEqual(keysOf(expected.body));
    expect(request.body.format).toMatchObject({ type: "object", required: ["category", "priority", "sentiment", "entities", "action", "amount"] });
    expect(result).toMatchObject({ ok: true, value: gold });
  });

  it("ollama functionCalling: one tool, as in 020", async () => {
    replyWithTool = true;
    const { request, result } = await call("ollama", "functionCalling");
    const expected = capture("020_ollama_wso_functionCalling.json");
    expect(keysOf(request.body)).toEqual(keysOf(expected.body));
    expect(result).toMatchObject({ ok: true, value: gold });
  });

  it("compressed sends no structured-output options, only the system prompt", async () => {
    const { request } = await call("openai", "jsonSchema", "compressed");
    expect(keysOf(request.body)).toEqual(keysOf(capture("003_openai_invoke.json").body));
    expect(JSON.stringify(request.body.messages)).toContain("[switchyard:compressed]");
  });
});
