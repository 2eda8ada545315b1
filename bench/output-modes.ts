import { performance } from "node:perf_hooks";
import { AIMessage } from "@langchain/core/messages";
import { encodePositional, structureOutput, toJsonSchema, type OutputMode } from "../src/output-modes/index.ts";
import { tokenSavings } from "./triad/token-savings.ts";
import { ticketExtractionSchema, workloadTasks } from "../src/workload/index.ts";
import { renderTable } from "../src/cli/table.ts";
import { codecTrials } from "./codec-trials.ts";
import { runCrossover, type CrossoverCell } from "./compressed-crossover.ts";
import { crossoverShapes } from "./crossover-shapes.ts";
import { countTokens } from "../src/emulators/token-count.ts";
import { shapeLines } from "../src/output-modes/shape-notation.ts";
import type { BenchResult } from "./types.ts";

// Enough that every mode round-trips at least 10,000 pairs it does not refuse (about a third are refused).
const CODEC_PAIRS = 17_000;

/**
 * Output-mode figures: the compressed crossover (per schema shape, backend and mode, the input/output tokens
 * and cost of a request through the gateway, and where compressed wins), the codecs' round trip on 10,000
 * generated (schema, value) pairs per mode, the compressed output-token ratio on the workload's gold answers
 * (o200k_base), and the local cost of structuring one answer per mode against a bare JSON.parse + zod parse.
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
  figures.push(...(await crossoverFigures()), ...codecFigures());
  return { name: "output-modes", figures };
}

async function crossoverFigures(): Promise<BenchResult["figures"]> {
  const { cells, picks } = await runCrossover();
  const emitOf = (cell: CrossoverCell) => cells.find((other) => other.shape === cell.shape && other.deployment === cell.deployment && other.mode === "emit");
  console.log("\ncompressed crossover: mean per request through the gateway (fault-free emulators; tokens o200k_base, offline)");
  console.log(
    renderTable(
      ["shape", "deployment", "mode", "input tok", "output tok", "total tok", "vs emit", "cost µUSD", "correct"],
      cells.map((cell) => {
        const emit = emitOf(cell);
        const round = (value: number) => Number(value.toFixed(1));
        return [cell.shape, cell.deployment, cell.mode, round(cell.inputTokens), round(cell.outputTokens), round(cell.totalTokens), emit === undefined ? "" : `${(((cell.totalTokens - emit.totalTokens) / emit.totalTokens) * 100).toFixed(1)} %`, Number((cell.costUsd * 1e6).toFixed(2)), cell.correct];
      }),
    ),
  );
  console.log(renderTable(["shape", "deployment", "cheapest (measured)", "cheapest (cost model)"], picks.map((pick) => [pick.shape, pick.deployment, pick.measured, pick.predicted ?? ""])));
  const figures: BenchResult["figures"] = [];
  for (const cell of cells) {
    const emit = emitOf(cell);
    figures.push({ metric: `${cell.shape} · ${cell.deployment} · ${cell.mode}: total tokens`, value: cell.totalTokens, unit: "tokens", ...(emit && cell.mode !== "emit" ? { baseline: `emit (${emit.totalTokens})`, ratio: cell.totalTokens / emit.totalTokens } : {}) });
    figures.push({ metric: `${cell.shape} · ${cell.deployment} · ${cell.mode}: cost`, value: cell.costUsd * 1e6, unit: "µUSD", ...(emit && cell.mode !== "emit" && emit.costUsd > 0 ? { baseline: `emit (${(emit.costUsd * 1e6).toFixed(2)})`, ratio: cell.costUsd / emit.costUsd } : {}) });
  }
  for (const cell of cells.filter((candidate) => candidate.mode === "compressed")) {
    const emit = emitOf(cell);
    if (emit === undefined) continue;
    if (cell.shape.startsWith("flat ticket")) {
      figures.push({ metric: `goal: ticket, compressed total tokens / emit · ${cell.deployment}`, value: cell.totalTokens / emit.totalTokens, unit: "ratio", goal: 1, baseline: `emit ${emit.totalTokens} tokens`, ratio: cell.totalTokens / emit.totalTokens });
    }
    if (cell.shape.includes("20 line items")) {
      const fewer = ((emit.totalTokens - cell.totalTokens) / emit.totalTokens) * 100;
      figures.push({ metric: `goal: 20 line items, compressed fewer total tokens than emit · ${cell.deployment}`, value: fewer, unit: "%", goal: 30, baseline: `emit ${emit.totalTokens} tokens` });
      // What no encoding can go below: the document itself, the schema in its shortest notation and the
      // answer's values in positional JSON, with no instruction at all.
      const floor = compressedFloor(cell.shape);
      figures.push({ metric: `20 line items, floor (document ${floor.document} + schema notation ${floor.schema} + positional values ${floor.values} tokens, no instructions) fewer than emit · ${cell.deployment}`, value: ((emit.totalTokens - floor.total) / emit.totalTokens) * 100, unit: "%", goal: 30, baseline: `emit ${emit.totalTokens} tokens` });
    }
  }
  const agreeing = picks.filter((pick) => pick.predicted === pick.measured).length;
  figures.push({ metric: "cost model names the measured cheapest mode", value: agreeing, unit: `of ${picks.length}`, ratio: agreeing / picks.length });
  return figures;
}

/** Mean tokens per document of a shape: the document, the schema's shape notation, the positional answer. */
function compressedFloor(shapeName: string): { document: number; schema: number; values: number; total: number } {
  const shape = crossoverShapes(6).find((candidate) => candidate.name === shapeName);
  if (shape === undefined) return { document: 0, schema: 0, values: 0, total: 0 };
  const jsonSchema = toJsonSchema(shape.schema);
  const mean = (measure: (entry: { input: string; answer: unknown }) => number) => shape.cases.reduce((sum, entry) => sum + measure(entry), 0) / shape.cases.length;
  const document = mean((entry) => countTokens(entry.input));
  const schema = countTokens(shapeLines(jsonSchema).join("\n"));
  const values = mean((entry) => countTokens(JSON.stringify(encodePositional(jsonSchema, entry.answer))));
  const round = (value: number) => Number(value.toFixed(1));
  return { document: round(document), schema, values: round(values), total: document + schema + values };
}

function codecFigures(): BenchResult["figures"] {
  const tally = codecTrials(CODEC_PAIRS);
  const figures: BenchResult["figures"] = [];
  for (const [mode, row] of Object.entries(tally)) {
    if (row.example !== undefined) console.log(`codec ${mode}: first non-exact pair: ${row.example}`);
    figures.push({ metric: `codec silent corruptions · ${mode}`, value: row.corrupted, unit: `of ${row.pairs} pairs`, goal: 0 });
    figures.push({ metric: `codec refused up front · ${mode}`, value: row.refused, unit: `of ${row.pairs} pairs` });
    figures.push({ metric: `codec loud failures · ${mode}`, value: row.failed, unit: `of ${row.pairs} pairs` });
    figures.push({ metric: `codec exact round trips · ${mode}`, value: row.exact, unit: `of ${row.pairs} pairs`, ratio: row.exact / Math.max(1, row.pairs - row.refused) });
  }
  return figures;
}
