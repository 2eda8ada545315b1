import { performance } from "node:perf_hooks";
import { AIMessage } from "@langchain/core/messages";
import { encodePositional, structureOutput, toJsonSchema, tokenSavings, type OutputMode } from "../src/output-modes/index.ts";
import { ticketExtractionSchema, workloadTasks } from "../src/workload/index.ts";
import type { BenchResult } from "./types.ts";

/**
 * Output-mode figures on the bundled workload's gold answers: the compressed mode's output-token ratio
 * against plain JSON (o200k_base), and the local cost of structuring one answer per mode against a bare
 * JSON.parse + zod parse measured in the same run.
 */
export async function run(): Promise<BenchResult> {
  const jsonSchema = toJsonSchema(ticketExtractionSchema);
  const golds = workloadTasks().map((task) => task.gold);
  const savings = tokenSavings(jsonSchema, golds);
  const replies: Record<OutputMode, AIMessage[]> = {
    emit: golds.map((gold) => new AIMessage(JSON.stringify(gold))),
    compressed: golds.map((gold) => new AIMessage(JSON.stringify(encodePositional(jsonSchema, gold)))),
    reconstruct: golds.map((gold) => new AIMessage(Object.entries(gold).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join("\n"))),
  };
  const rounds = 20;
  const time = (work: () => void): number => {
    work();
    const started = performance.now();
    for (let round = 0; round < rounds; round += 1) work();
    return ((performance.now() - started) * 1000) / (rounds * golds.length);
  };
  const baseline = time(() => {
    for (const gold of golds) ticketExtractionSchema.parse(JSON.parse(JSON.stringify(gold)));
  });
  const figures: BenchResult["figures"] = [
    { metric: "compressed output tokens vs JSON", value: savings.compressedTokens, unit: "tokens", baseline: `JSON answers (${savings.jsonTokens} tokens)`, ratio: savings.ratio },
    { metric: "JSON.parse + zod parse per answer", value: baseline, unit: "µs" },
  ];
  for (const mode of ["emit", "compressed", "reconstruct"] as const) {
    let failures = 0;
    const perAnswer = time(() => {
      for (const reply of replies[mode]) if (!structureOutput(reply, mode, ticketExtractionSchema, jsonSchema).ok) failures += 1;
    });
    if (failures > 0) throw new Error(`${mode}: ${failures} gold answers failed to structure`);
    figures.push({ metric: `structureOutput ${mode} per answer`, value: perAnswer, unit: "µs", baseline: "JSON.parse + zod parse", ratio: perAnswer / baseline });
  }
  return { name: "output-modes", figures };
}
