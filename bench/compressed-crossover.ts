import { createGateway, type Gateway } from "../graphs/index.ts";
import { loadConfig } from "../src/config/load.ts";
import type { SwitchyardConfig } from "../src/config/schema.ts";
import { startEmulators } from "../src/emulators/start-emulators.ts";
import { quietProfile } from "../src/emulators/profile.ts";
import { workloadOracle } from "../src/emulators/oracle.ts";
import { estimateModeCosts, OUTPUT_MODES, toJsonSchema, type OutputMode } from "../src/output-modes/index.ts";
import { sameJson } from "../test/fixtures/output-modes/codec-pairs.ts";
import { crossoverShapes } from "./crossover-shapes.ts";

/** Mean per-request figures of one (shape, deployment, mode) cell, as the gateway recorded them. */
export interface CrossoverCell {
  shape: string;
  deployment: string;
  mode: OutputMode;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
  /** Share of requests whose answer equalled the document's (the emulators are fault-free here). */
  correct: number;
}

/** A shape's cheapest mode on a deployment, measured and as the cost model predicted it. */
export interface CrossoverPick {
  shape: string;
  deployment: string;
  measured: OutputMode;
  predicted: OutputMode | undefined;
}

const BENCH_KEY = "SWITCHYARD_CROSSOVER_KEY";

/**
 * Runs each shape's documents through the real gateway, pinned to each (deployment, mode), against emulators
 * with no faults that answer every document correctly (so only the encoding differs between modes). Token
 * counts are the emulators' usage figures (o200k_base of what each client put on the wire, offline); cost is
 * the deployment's list price.
 */
export async function runCrossover(casesPerShape = 6): Promise<{ cells: CrossoverCell[]; picks: CrossoverPick[] }> {
  const shapes = crossoverShapes(casesPerShape);
  const answers = new Map(shapes.flatMap((shape) => shape.cases.map((entry) => [entry.input, entry.answer] as const)));
  const emulators = await startEmulators({
    profile: quietProfile(),
    oracle: (prompt, schema) => {
      for (const [input, answer] of answers) if (prompt.includes(input)) return structuredClone(answer);
      return workloadOracle(prompt, schema);
    },
  });
  process.env[BENCH_KEY] ??= "emulator-key";
  const base = loadConfig().config;
  const urls: Record<string, string> = { openai: emulators.urls.openai, "google-genai": emulators.urls.gemini, ollama: emulators.urls.ollama };
  const config: SwitchyardConfig = {
    ...base,
    deployments: base.deployments.map((deployment) => ({ ...deployment, base_url: urls[deployment.provider] ?? deployment.base_url, api_key_env: deployment.provider === "ollama" ? deployment.api_key_env : BENCH_KEY })),
  };
  let gateway: Gateway | undefined;
  const cells: CrossoverCell[] = [];
  const picks: CrossoverPick[] = [];
  try {
    gateway = await createGateway({ config, checkpoints: ":memory:", seed: 11 });
    for (const shape of shapes) {
      if (shape.schemaId !== "ticket") gateway.engine.schemas.register({ id: shape.schemaId, name: shape.schemaId, schema: shape.schema });
      for (const deployment of config.deployments) {
        const row: CrossoverCell[] = [];
        for (const mode of OUTPUT_MODES) {
          const sums = { inputTokens: 0, outputTokens: 0, costUsd: 0, correct: 0 };
          for (const [index, entry] of shape.cases.entries()) {
            const result = await gateway.invoke(
              { input: entry.input, schema_id: shape.schemaId, deployment: deployment.id, mode, max_attempts: 1 },
              { threadId: `crossover-${shape.name}-${deployment.id}-${mode}-${index}` },
            );
            const attempt = result.attempts[0];
            sums.inputTokens += attempt?.input_tokens ?? 0;
            sums.outputTokens += attempt?.output_tokens ?? 0;
            sums.costUsd += attempt?.cost_usd ?? 0;
            if (result.status === "succeeded" && sameJson(result.output?.structured, entry.answer)) sums.correct += 1;
          }
          const count = shape.cases.length;
          const cell = { shape: shape.name, deployment: deployment.id, mode, inputTokens: sums.inputTokens / count, outputTokens: sums.outputTokens / count, totalTokens: (sums.inputTokens + sums.outputTokens) / count, costUsd: sums.costUsd / count, correct: sums.correct / count };
          row.push(cell);
          cells.push(cell);
        }
        const estimates = estimateModeCosts(toJsonSchema(shape.schema), deployment.provider, deployment.price);
        const measure = (cell: CrossoverCell) => (deployment.price.input_per_1m + deployment.price.output_per_1m > 0 ? cell.costUsd : cell.totalTokens);
        const measured = row.reduce((best, cell) => (measure(cell) < measure(best) ? cell : best)).mode;
        const predicted = OUTPUT_MODES.filter((mode) => estimates[mode] !== undefined).reduce<OutputMode | undefined>((best, mode) => {
          const value = (estimate: OutputMode) => (deployment.price.input_per_1m + deployment.price.output_per_1m > 0 ? estimates[estimate]?.costUsd : estimates[estimate]?.totalTokens) ?? Infinity;
          return best === undefined || value(mode) < value(best) ? mode : best;
        }, undefined);
        picks.push({ shape: shape.name, deployment: deployment.id, measured, predicted });
      }
    }
  } finally {
    await gateway?.close();
    await emulators.close();
  }
  return { cells, picks };
}
