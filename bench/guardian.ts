/**
 * The per-request guardian update (observe the request's attempt, evaluate what it touched) on a warmed
 * guardian with 9 (deployment, mode) keys, against the adaptive output-mode policy's own per-request work
 * (choose + record), measured in the same run.
 */
import { performance } from "node:perf_hooks";
import { defaultGuardianConfig } from "../src/config/guardian-config.ts";
import { createGuardianRuntime, type ObservedAttempt } from "../src/guardian/index.ts";
import { parseConfigValue } from "../src/config/index.ts";
import { defaultConfigInput } from "../src/config/default-config.ts";
import { AdaptivePolicy } from "../src/output-modes/adaptive-policy.ts";
import { OUTPUT_MODES } from "../src/output-modes/protocol.ts";
import { seededRandom } from "../src/workload/seeded-random.ts";
import type { BenchResult } from "./types.ts";

const iterations = Number(process.env.GUARDIAN_BENCH_ITERATIONS ?? 50_000);
const deployments = ["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"];

function attempts(count: number): Array<ObservedAttempt & { correct: boolean }> {
  const random = seededRandom(9);
  return Array.from({ length: count }, (_, index) => ({
    deployment: deployments[index % 3]!,
    mode: OUTPUT_MODES[Math.floor(index / 3) % 3]!,
    outcome: random.next() < 0.02 ? "invalid_output" : "ok",
    latency_ms: 40 * Math.exp((random.next() - 0.5) * 0.4),
    input_tokens: 250,
    output_tokens: 60,
    cost_usd: 0.0001 * (0.9 + random.next() * 0.2),
    correct: random.next() < 0.97,
  }));
}

/** Mean milliseconds per call of `work(index)` over `count` calls, after a warm-up of the same. */
function timePerCall(count: number, work: (index: number) => void): number {
  for (let index = 0; index < count; index += 1) work(index);
  const started = performance.now();
  for (let index = 0; index < count; index += 1) work(index);
  return (performance.now() - started) / count;
}

export async function run(): Promise<BenchResult> {
  const config = parseConfigValue({ ...defaultConfigInput(), guardian: { log: "none" } }, "bench/guardian.ts");
  const samples = attempts(iterations);
  let clock = 0;
  const runtime = createGuardianRuntime({ config: { ...config, guardian: defaultGuardianConfig({ log: "none" }) }, now: () => (clock += 50), sleep: async () => {}, stateFile: ":memory:" });
  let actions = 0;
  const guardianMs = timePerCall(iterations, (index) => {
    const sample = samples[index]!;
    actions += runtime.afterRequest({ attempts: [{ ...sample, group: "extract", started_at: 0, reason: "" }], correct: sample.correct }).length;
  });
  await runtime.close();

  const policy = new AdaptivePolicy({ providerOf: () => "openai" });
  const random = seededRandom(4);
  const weights = { correctness: 1, latency: 0.3, cost: 0.3 };
  const policyMs = timePerCall(iterations, (index) => {
    const sample = samples[index]!;
    const { mode } = policy.choose({ deployment: sample.deployment, modes: OUTPUT_MODES, weights, random: () => random.next() });
    policy.record({ deployment: sample.deployment, mode, valid: sample.correct, latencyMs: sample.latency_ms, tokens: 310, costUsd: sample.cost_usd });
  });
  return {
    name: "guardian",
    figures: [
      { metric: "per-request guardian update (observe + evaluate)", value: guardianMs, unit: "ms", goal: 0.05, baseline: "adaptive policy choose+record", ratio: guardianMs / policyMs },
      { metric: "adaptive policy choose+record (baseline)", value: policyMs, unit: "ms" },
      { metric: "actions taken under plain noise", value: actions, unit: "count", goal: 0 },
    ],
  };
}
