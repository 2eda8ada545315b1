import fs from "node:fs";
import path from "node:path";
import { renderTable } from "../cli/table.ts";
import type { SwitchyardConfig } from "../config/schema.ts";
import { writeTriadPicture, triadPlotInput } from "./triad-picture.ts";
import { triadRow, TRIAD_HEADERS, type TriadCell } from "./triad-report.ts";
import { runTriadStudy, type TriadGatewayFactory, type TriadStudyResult } from "./triad-study.ts";

/** Same shape as bench/types.ts' BenchResult (src/ may not import bench/). */
export interface TriadBenchResult {
  name: string;
  figures: Array<{ metric: string; value: number; unit: string; goal?: number; baseline?: string; ratio?: number }>;
}

export interface TriadBenchOptions {
  config: SwitchyardConfig;
  open: TriadGatewayFactory;
  repetitions?: number;
  policyRequests?: number;
  concurrency?: number;
  /** Where triad.svg and triad.json go; default `.switchyard/bench`. */
  outDir?: string;
  log?: (line: string) => void;
}

export const TRIAD_VALID_GOAL = 0.99;
export const TRIAD_CORRECT_GAP_GOAL = 0.02;

/**
 * `switchyard bench triad` and `npm run bench -- triad`: runs the study, prints the per-cell table, the
 * policy comparison and the goal figures, and writes `triad.svg` and `triad.json` to `outDir`.
 */
export async function runTriadBench(options: TriadBenchOptions): Promise<TriadBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const repetitions = options.repetitions ?? 24;
  const policyRequests = options.policyRequests ?? 300;
  const result = await runTriadStudy({ config: options.config, open: options.open, repetitions, policyRequests, concurrency: options.concurrency ?? 12, log });
  log(`\nFactorial: ${result.cells.length} cells x ${repetitions} requests (scored on the first answered attempt)`);
  log(renderTable([...TRIAD_HEADERS], result.cells.map(triadRow)));
  log(`\nPolicies on the same ${policyRequests} requests per backend (scored on what the caller got, after retries)`);
  log(renderTable(["policy", "backend", ...TRIAD_HEADERS.slice(1)], result.policies.map((cell) => [cell.policy, cell.backend, ...triadRow(cell).slice(1)])));
  log("\nAdaptive policy's first-attempt choices per backend:");
  for (const [backend, shares] of Object.entries(result.adaptiveChoices)) {
    log(`  ${backend}: ${Object.entries(shares).map(([mode, share]) => `${mode} ${((share ?? 0) * 100).toFixed(0)}%`).join(", ")}`);
  }
  log("\nGoals: adaptive >= 99% valid on every backend; adaptive correct within 2 points of the best fixed mode on that backend");
  for (const goal of result.goals) {
    const met = goal.adaptiveValid >= TRIAD_VALID_GOAL && goal.gap <= TRIAD_CORRECT_GAP_GOAL;
    log(
      `  ${goal.backend}: adaptive valid ${(goal.adaptiveValid * 100).toFixed(1)}%, correct ${(goal.adaptiveCorrect * 100).toFixed(1)}% vs ${goal.bestFixed} ${(goal.bestFixedCorrect * 100).toFixed(1)}% (gap ${(goal.gap * 100).toFixed(1)} points) ${met ? "MET" : "NOT MET"}`,
    );
  }
  const figures = triadFigures(result);
  const outDir = options.outDir ?? path.join(".switchyard", "bench");
  fs.mkdirSync(outDir, { recursive: true });
  // One panel per backend, marker per mode, Pareto front and the adaptive policy drawn; SVG and PNG.
  const { svg: svgPath } = writeTriadPicture(triadPlotInput(result.cells, result.policies, `switchyard triad: ${result.cells.length} configurations x ${repetitions} requests`), outDir);
  const jsonPath = path.join(outDir, "triad.json");
  const bench: TriadBenchResult = { name: "triad", figures };
  fs.writeFileSync(jsonPath, `${JSON.stringify({ ...bench, cells: result.cells, policies: result.policies, goals: result.goals }, null, 2)}\n`);
  log(`\nwrote ${svgPath} and ${jsonPath}`);
  return bench;
}

/** The goal figures first (per backend), then every cell's valid and correct rate. */
function triadFigures(result: TriadStudyResult): TriadBenchResult["figures"] {
  const figures: TriadBenchResult["figures"] = [];
  for (const goal of result.goals) {
    figures.push(
      { metric: `adaptive valid on ${goal.backend}`, value: goal.adaptiveValid * 100, unit: "%", goal: TRIAD_VALID_GOAL * 100 },
      {
        metric: `adaptive correct on ${goal.backend}`,
        value: goal.adaptiveCorrect * 100,
        unit: "%",
        goal: (goal.bestFixedCorrect - TRIAD_CORRECT_GAP_GOAL) * 100,
        baseline: `best fixed mode there (${goal.bestFixed}, ${(goal.bestFixedCorrect * 100).toFixed(1)}%)`,
        ratio: goal.bestFixedCorrect > 0 ? goal.adaptiveCorrect / goal.bestFixedCorrect : 0,
      },
    );
  }
  const cellFigures = (cell: TriadCell, prefix: string) => [
    { metric: `${prefix} valid`, value: cell.validRate * 100, unit: "%" },
    { metric: `${prefix} correct`, value: cell.correctRate * 100, unit: "%" },
  ];
  for (const cell of result.policies) figures.push(...cellFigures(cell, `policy ${cell.policy} on ${cell.backend}`));
  for (const cell of result.cells) figures.push(...cellFigures(cell, cell.cell));
  return figures;
}
