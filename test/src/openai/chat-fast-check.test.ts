import { describe, expect, it } from "vitest";
import { fastChatRequest } from "../../../src/openai/chat-fast-check.ts";
import { chatRequestSchema } from "../../../src/openai/chat-request.ts";

const base = { model: "chat", messages: [{ role: "system", content: "You are terse." }, { role: "user", content: "My order ORD-1 never arrived" }], max_tokens: 64 };

/** The invariant: the fast check accepts only what zod accepts, and then returns exactly zod's value. */
function agrees(body: unknown): void {
  const fast = fastChatRequest(body);
  const parsed = chatRequestSchema.safeParse(body);
  if (fast !== undefined) {
    expect(parsed.success, JSON.stringify(body)).toBe(true);
    expect(fast).toStrictEqual(parsed.data);
  }
}

/** Seeded PRNG (mulberry32), so a failing mutation repeats. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const oddValues: unknown[] = [null, undefined, 0, -1, 1, 1.5, 2, 3, 257, Number.MAX_SAFE_INTEGER + 2, "", "x", "x".repeat(300), true, false, [], ["a"], ["a", "b", "c", "d", "e"], {}, { include_usage: "yes" }, { include_usage: true }, { role: "user", content: "hi" }];
const keys = ["model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p", "seed", "user", "n", "stop", "parallel_tool_calls", "tools", "logit_bias", "__proto__", "constructor"];
const messageKeys = ["role", "content", "name", "tool_call_id", "tool_calls", "refusal", "extra"];
const roles = ["system", "developer", "user", "assistant", "tool", "function", "", 1];

describe("fastChatRequest", () => {
  it("accepts the common body as it is", () => {
    expect(fastChatRequest(base)).toBe(base);
    expect(fastChatRequest({ ...base, stream: true, stream_options: { include_usage: true }, temperature: 0.2, top_p: 1, seed: 7, user: "u-1", n: 1, stop: ["\n"], parallel_tool_calls: false, max_completion_tokens: 10 })).toBeDefined();
    expect(fastChatRequest({ model: "m", messages: [{ role: "tool", content: "42", tool_call_id: "call_1" }, { role: "assistant", content: "ok", name: "bot" }] })).toBeDefined();
  });

  it.each([
    ["tools", { ...base, tools: [{ type: "function", function: { name: "f" } }] }],
    ["response_format", { ...base, response_format: { type: "json_object" } }],
    ["content parts", { ...base, messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] }],
    ["assistant tool calls", { ...base, messages: [{ role: "assistant", content: null, tool_calls: [] }] }],
    ["an unknown field", { ...base, logit_bias: {} }],
    ["a __proto__ key", JSON.parse('{"model":"m","messages":[{"role":"user","content":"x"}],"__proto__":{"polluted":true}}')],
    ["temperature out of range", { ...base, temperature: 2.5 }],
    ["a fractional max_tokens", { ...base, max_tokens: 1.5 }],
    ["an unsafe integer seed", { ...base, seed: 2 ** 60 }],
    ["no messages", { model: "m", messages: [] }],
    ["no model", { messages: base.messages }],
    ["an array body", [base]],
    ["a body with inherited fields", Object.assign(Object.create({ temperature: 9 }) as object, base)],
  ])("leaves %s to zod", (_what, body) => {
    expect(fastChatRequest(body)).toBeUndefined();
    agrees(body);
  });

  it("never accepts a body zod refuses, over 20,000 seeded mutations of valid bodies", () => {
    const random = prng(20);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let accepted = 0;
    for (let index = 0; index < 20_000; index++) {
      const body: Record<string, unknown> = structuredClone({ ...base, stream: false, temperature: 1, user: "u" });
      const messages = body.messages as Record<string, unknown>[];
      for (let change = 0; change < 1 + Math.floor(random() * 3); change++) {
        const where = random();
        if (where < 0.4) body[pick(keys)] = pick(oddValues);
        else if (where < 0.5) delete body[pick(keys)];
        else if (where < 0.8) (messages[Math.floor(random() * messages.length)] as Record<string, unknown>)[pick(messageKeys)] = random() < 0.5 ? pick(roles) : pick(oddValues);
        else messages.push({ role: pick(roles), content: random() < 0.7 ? "text" : pick(oddValues) });
      }
      if (fastChatRequest(body) !== undefined) accepted += 1;
      agrees(body);
    }
    // The corpus exercises both sides: some mutations keep the body valid, most do not.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(19_500);
  });
});
