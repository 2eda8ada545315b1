import { describe, expect, it } from "vitest";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { StructuredTargets } from "../../../src/openai/structured-target.ts";
import { SchemaRegistry } from "../../../src/runtime/schema-registry.ts";
import { chatRequestSchema, type ChatRequest } from "../../../src/openai/chat-request.ts";
import { OpenAIRequestError } from "../../../src/openai/openai-error.ts";
import { assertCarriable, assertStructuredCarriable } from "../../../src/openai/provider-carriage.ts";

const base = { model: "extract", messages: [{ role: "user", content: "hi" }] };
const request = (extra: Record<string, unknown>): ChatRequest => chatRequestSchema.parse({ ...base, ...extra });
const tool = (parameters: Record<string, unknown>) => ({ tools: [{ type: "function", function: { name: "lookup", parameters } }] });

function paramOfRefusal(run: () => void): string | null | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAIRequestError);
    expect((error as OpenAIRequestError).status).toBe(400);
    return (error as OpenAIRequestError).param;
  }
}

/** Every case where a provider's client would drop part of the request: each must be a 400 naming the part. */
const dropCases: Array<{ provider: "google-genai" | "ollama"; extra: Record<string, unknown>; param: string }> = [
  { provider: "google-genai", extra: { temperature: 0.2 }, param: "temperature" },
  { provider: "google-genai", extra: { max_tokens: 50 }, param: "max_tokens" },
  { provider: "google-genai", extra: { seed: 7 }, param: "seed" },
  { provider: "google-genai", extra: { stop: ["END"] }, param: "stop" },
  { provider: "google-genai", extra: { top_p: 0.9 }, param: "top_p" },
  { provider: "google-genai", extra: { parallel_tool_calls: false }, param: "parallel_tool_calls" },
  { provider: "google-genai", extra: tool({ type: "object", properties: { id: { type: "string", pattern: "^A" } } }), param: "tools.0.function.parameters.properties.id.pattern" },
  { provider: "google-genai", extra: tool({ type: "object", properties: { id: { type: "string", minLength: 2 } } }), param: "tools.0.function.parameters.properties.id.minLength" },
  { provider: "google-genai", extra: tool({ type: "object", properties: { id: { type: "string" } }, additionalProperties: false }), param: "tools.0.function.parameters.additionalProperties" },
  { provider: "google-genai", extra: tool({ type: "object", properties: { tags: { type: "array", items: { type: "string" }, uniqueItems: true } } }), param: "tools.0.function.parameters.properties.tags.uniqueItems" },
  { provider: "ollama", extra: { temperature: 0.2 }, param: "temperature" },
  { provider: "ollama", extra: { max_completion_tokens: 50 }, param: "max_completion_tokens" },
  { provider: "ollama", extra: { seed: 1 }, param: "seed" },
  { provider: "ollama", extra: { tool_choice: "required", ...tool({ type: "object" }) }, param: "tool_choice" },
  { provider: "ollama", extra: tool({ type: "object", properties: { n: { type: "integer", minimum: 1 } } }), param: "tools.0.function.parameters.properties.n.minimum" },
  { provider: "ollama", extra: tool({ type: "object", properties: { id: { type: "string", pattern: "^A" } } }), param: "tools.0.function.parameters.properties.id.pattern" },
  { provider: "ollama", extra: tool({ type: "object", properties: { id: { type: "string" } }, additionalProperties: false }), param: "tools.0.function.parameters.additionalProperties" },
  { provider: "ollama", extra: tool({ type: "object", properties: { v: { anyOf: [{ type: "string" }, { type: "number" }] } } }), param: "tools.0.function.parameters.properties.v.anyOf" },
];

describe("translation without silent drops", () => {
  it.each(dropCases)("$provider refuses $param", ({ provider, extra, param }) => {
    expect(paramOfRefusal(() => assertCarriable(provider, request(extra)))).toBe(param);
  });

  it("carries what each client takes per call", () => {
    const carried = tool({ type: "object", properties: { id: { type: "string", description: "order id", enum: ["A", "B"] } }, required: ["id"], title: "Lookup" });
    expect(paramOfRefusal(() => assertCarriable("google-genai", request({ ...carried, tool_choice: "required", user: "u1" })))).toBeUndefined();
    expect(paramOfRefusal(() => assertCarriable("ollama", request({ ...carried, stop: ["END"], tool_choice: "auto" })))).toBeUndefined();
    expect(paramOfRefusal(() => assertCarriable("openai", request({ temperature: 0.3, seed: 4, stop: "x", max_tokens: 9, ...tool({ type: "object", properties: { id: { type: "string", pattern: "^A" } } }) })))).toBeUndefined();
  });

  it("refuses sampling fields and tools beside response_format, for every provider", () => {
    const format = { response_format: { type: "json_object" } };
    for (const provider of ["openai", "google-genai", "ollama"] as const) {
      expect(paramOfRefusal(() => assertStructuredCarriable(provider, request({ ...format, temperature: 0 })))).toBe("temperature");
      expect(paramOfRefusal(() => assertStructuredCarriable(provider, request({ ...format, ...tool({ type: "object" }) })))).toBe("tools");
    }
  });

  it("refuses unknown request fields at the edge instead of ignoring them", () => {
    const parsed = chatRequestSchema.safeParse({ ...base, logit_bias: { "1": 2 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
});

describe("caller schemas held by the engine", () => {
  it("stay bounded: the oldest leaves the engine's registry too", () => {
    const registry = new SchemaRegistry();
    const config = parseConfigValue(defaultConfigInput(), "test");
    const targets = new StructuredTargets(registry, config);
    const ids = Array.from({ length: 513 }, (_, index) => targets.of({ type: "json_schema", json_schema: { name: "s", schema: { type: "object", properties: { [`f${index}`]: { type: "string" } }, required: [`f${index}`], additionalProperties: false } } }, config.deployments)?.schemaId ?? "");
    expect(() => registry.get(ids[0]!)).toThrow(/is not registered/);
    expect(registry.get(ids[512]!).name).toBe("s");
  });
});
