/**
 * Issue #14 item 1 as a bench: the primary group all 500 (openai) and refusing connections (gemini), the
 * fallback group healthy; 100 requests, 4 at a time, on the real gateway graph and the emulators. Baseline,
 * in the same run: the same requests with a healthy primary group. Figures: success rate, p50/p99 latency
 * (ratio to the baseline), attempts per request, the worst time past a deadline. Run by `npm run bench -- fallback-chain`.
 */
import { createGateway } from "../graphs/index.ts";
import { defaultConfigInput, parseConfigValue } from "../src/config/index.ts";
import { quietProfile, emulatorLauncher } from "../src/emulators/index.ts";
import type { GatewayStateValue } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const requests = 100;
const concurrency = 4;

interface Outcome {
  state: GatewayStateValue;
  ms: number;
  late: number;
}

async function fleet(primaryDown: boolean, count = requests): Promise<Outcome[]> {
  process.env.SWITCHYARD_DEAD_KEY = "sk-dead";
  const base = defaultConfigInput();
  const deployments = base.deployments.map((deployment) =>
    primaryDown && deployment.provider === "google-genai" ? { ...deployment, base_url: "http://127.0.0.1:9", api_key_env: "SWITCHYARD_DEAD_KEY" } : deployment,
  );
  const config = parseConfigValue(
    { ...base, deployments, model_groups: [{ name: "primary", deployments: ["openai-gpt-4o-mini", "gemini-2.5-flash"], fallbacks: ["backup"] }, { name: "backup", deployments: ["ollama-llama3.1"] }], requests: { model_group: "primary", deadline_ms: 10_000 } },
    "bench",
  );
  const profile = quietProfile();
  for (const backend of ["openai", "gemini", "ollama"] as const) profile.backends[backend].latency = { ttftMs: 30, tokensPerSecond: 2_000, jitterMs: 5 };
  if (primaryDown) profile.backends.openai.errors.serverError = 1;
  const gateway = await createGateway({ config, emulators: emulatorLauncher({ profile: profile }), checkpoints: ":memory:", seed: 5 });
  const tasks = workloadTasks();
  const outcomes: Outcome[] = [];
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const index = next++;
          const task = tasks[index % tasks.length]!;
          const startedAt = Date.now();
          const state = await gateway.invoke({ input: task.input, task_id: task.id }, { threadId: `chain-${primaryDown}-${index}` });
          outcomes.push({ state, ms: Date.now() - startedAt, late: Date.now() - (state.deadline_at ?? Date.now()) });
        }
      }),
    );
  } finally {
    await gateway.close();
  }
  return outcomes;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;

export async function run(): Promise<BenchResult> {
  // Clients and tokenizers start once per process, blocking the event loop: not part of either figure.
  await fleet(false, 8);
  const healthy = await fleet(false);
  const down = await fleet(true);
  for (const [name, outcomes] of [["healthy primary", healthy], ["primary down", down]] as const) {
    // A miss names its first failures, so a figure below 1 can be read back.
    for (const outcome of outcomes.filter((item) => item.state.status !== "succeeded").slice(0, 3)) {
      console.log(`${name}: ${outcome.state.error?.code}: ${outcome.state.error?.message?.slice(0, 300)}`);
    }
    const slowest = outcomes.reduce((worst, outcome) => (outcome.ms > worst.ms ? outcome : worst));
    console.log(`${name}: slowest ${slowest.ms} ms: ${slowest.state.attempts.map((attempt) => `${attempt.deployment}/${attempt.mode} ${attempt.error_class ?? attempt.outcome} ${attempt.latency_ms} ms`).join(", ")}`);
  }
  const rate = (outcomes: Outcome[]) => outcomes.filter((outcome) => outcome.state.status === "succeeded").length / outcomes.length;
  const attempts = (outcomes: Outcome[]) => outcomes.reduce((sum, outcome) => sum + outcome.state.attempts.length, 0) / outcomes.length;
  const figures: BenchFigure[] = [
    { metric: "success rate, primary group down", value: rate(down), unit: "ratio", goal: 0.999, baseline: `healthy primary: ${rate(healthy)}`, ratio: rate(down) / Math.max(rate(healthy), 1e-9) },
    { metric: "requests served by the fallback group", value: down.filter((outcome) => outcome.state.attempts.at(-1)?.group === "backup").length, unit: "requests" },
    { metric: "attempts per request, primary down", value: attempts(down), unit: "attempts", baseline: `healthy primary: ${attempts(healthy)}`, ratio: attempts(down) / attempts(healthy) },
  ];
  for (const q of [0.5, 0.99]) {
    const value = quantile(down.map((outcome) => outcome.ms), q);
    const baseline = quantile(healthy.map((outcome) => outcome.ms), q);
    figures.push({ metric: `p${q * 100} latency, primary down`, value, unit: "ms", baseline: `healthy primary: ${baseline} ms`, ratio: value / Math.max(baseline, 1) });
  }
  figures.push({ metric: "worst time past a deadline", value: Math.max(0, ...down.map((outcome) => outcome.late)), unit: "ms", goal: 1_000 });
  return { name: "fallback-chain", figures };
}
