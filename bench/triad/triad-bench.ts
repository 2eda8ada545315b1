import fs from "node:fs";
import path from "node:path";
import { renderTable } from "../../src/cli/table.ts";
import type { SwitchyardConfig } from "../../src/config/schema.ts";
import { writeTriadPicture, triadPlotInput } from "./triad-picture.ts";
import { triadRow, TRIAD_HEADERS, type TriadCell } from "./triad-report.ts";
import { runTriadStudy, type TriadGatewayFactory, type TriadStudyOptions, type TriadStudyResult } from "./triad-study.ts";

/** Same shape as bench/types.ts' BenchResult (src/ may not import bench/). */
export interface TriadBenchResult {
  name: string;
  figures: Array<{ metric: string; value: number; unit: string; goal?: number; baseline?: string; ratio?: number }>;
}

/** One run of the study: an emulator profile (bound into `open`), optionally drifting to another halfway. */
export interface TriadScenario {
  name: string;
  open: TriadGatewayFactory;
  /** Share of the policy requests after which `open`'s gateways switch to their drift profile. */
  driftAt?: number;
  /** Run the 48-cell factorial too (the plot needs it); default only for the first scenario. */
  factorial?: boolean;
}

export interface TriadBenchOptions {
  config: SwitchyardConfig;
  scenarios: TriadScenario[];
  repetitions?: number;
  policyRequests?: number;
  concurrency?: number;
  feedbackRate?: number;
  shadowRate?: number;
  policySeesGold?: boolean;
  /** Where triad.svg and triad.json go; default `.switchyard/bench`. */
  outDir?: string;
  log?: (line: string) => void;
}

export const TRIAD_VALID_GOAL = 0.99;
export const TRIAD_CORRECT_GAP_GOAL = 0.02;
export const TRIAD_DRIFT_LEAVE_GOAL = 50;

const points = (rate: number) => Number((rate * 100).toFixed(2));

/**
 * `switchyard bench triad` and `npm run bench -- triad`: runs the study per scenario (profile), prints the
 * tables, the signals each policy run used and the goal figures, and writes `triad.svg` and `triad.png` (first scenario's
 * factorial) and `triad.json` to `outDir`.
 */
export async function runTriadBench(options: TriadBenchOptions): Promise<TriadBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const repetitions = options.repetitions ?? 24;
  const policyRequests = options.policyRequests ?? 300;
  const figures: TriadBenchResult["figures"] = [];
  const results: Array<{ scenario: string; result: TriadStudyResult }> = [];
  for (const [index, scenario] of options.scenarios.entries()) {
    log(`\n=== scenario ${scenario.name}${scenario.driftAt === undefined ? "" : ` (drift after ${Math.round(scenario.driftAt * 100)}% of the requests)`}`);
    const study: TriadStudyOptions = {
      config: options.config,
      open: scenario.open,
      repetitions,
      policyRequests,
      concurrency: options.concurrency ?? 12,
      skipFactorial: !(scenario.factorial ?? index === 0),
      ...(scenario.driftAt === undefined ? {} : { driftAt: scenario.driftAt }),
      ...(options.feedbackRate === undefined ? {} : { feedbackRate: options.feedbackRate }),
      ...(options.shadowRate === undefined ? {} : { shadowRate: options.shadowRate }),
      ...(options.policySeesGold ? { policySeesGold: true } : {}),
      log,
    };
    const result = await runTriadStudy(study);
    results.push({ scenario: scenario.name, result });
    printScenario(result, repetitions, policyRequests, log);
    figures.push(...scenarioFigures(scenario.name, result));
  }
  const outDir = options.outDir ?? path.join(".switchyard", "bench");
  fs.mkdirSync(outDir, { recursive: true });
  const withCells = results.find(({ result }) => result.cells.length > 0);
  let svgPath = path.join(outDir, "triad.svg");
  if (withCells !== undefined) {
    // One panel per backend, marker per mode, Pareto front and the adaptive policy drawn; SVG and PNG.
    const title = `switchyard triad: ${withCells.result.cells.length} configurations x ${repetitions} requests (${withCells.scenario})`;
    svgPath = writeTriadPicture(triadPlotInput(withCells.result.cells, withCells.result.policies, title), outDir).svg;
  }
  const jsonPath = path.join(outDir, "triad.json");
  const bench: TriadBenchResult = { name: "triad", figures };
  const detail = results.map(({ scenario, result }) => ({ scenario, goals: result.goals, drift: result.drift, signals: result.signals, policies: result.policies, cells: result.cells }));
  fs.writeFileSync(jsonPath, `${JSON.stringify({ ...bench, scenarios: detail }, null, 2)}\n`);
  log(`\nwrote ${withCells === undefined ? "" : `${svgPath} and `}${jsonPath}`);
  return bench;
}

function printScenario(result: TriadStudyResult, repetitions: number, policyRequests: number, log: (line: string) => void): void {
  if (result.cells.length > 0) {
    log(`\nFactorial: ${result.cells.length} cells x ${repetitions} requests (scored on the first answered attempt)`);
    log(renderTable([...TRIAD_HEADERS], result.cells.map(triadRow)));
  }
  log(`\nPolicies on the same ${policyRequests} requests per backend (scored against gold after the fact, on what the caller got)`);
  log(renderTable(["policy", "backend", ...TRIAD_HEADERS.slice(1)], result.policies.map((cell) => [cell.policy, cell.backend, ...triadRow(cell).slice(1)])));
  log("\nSignals each policy run learned from (gold never reaches a policy; feedback is the study playing the user):");
  log(
    renderTable(
      ["policy", "validity", "feedback rate", "verdicts sent", "shadow rate", "shadow comparisons", "shadow cost µ$"],
      result.signals.map((signal) => [signal.policy, "yes", `${(signal.feedbackRate * 100).toFixed(0)}%`, signal.feedbackSent, `${(signal.shadowRate * 100).toFixed(0)}%`, signal.shadowsCompared, (signal.shadowCostUsd * 1e6).toFixed(1)]),
    ),
  );
  log("\nAdaptive policy's first-attempt choices per backend:");
  for (const [backend, shares] of Object.entries(result.adaptiveChoices)) {
    log(`  ${backend}: ${Object.entries(shares).map(([mode, share]) => `${mode} ${((share ?? 0) * 100).toFixed(0)}%`).join(", ")}`);
  }
  log("\nGoals: adaptive >= 99% valid on every backend; adaptive correct within 2 points of the best fixed mode on that backend");
  for (const goal of result.goals) {
    // Rates are shares of whole requests: compare in points to a hundredth, so 98.5 - 96.5 is 2, not 2.0000000000000018.
    const met = points(goal.adaptiveValid) >= points(TRIAD_VALID_GOAL) && points(goal.gap) <= points(TRIAD_CORRECT_GAP_GOAL);
    log(`  ${goal.backend}: adaptive valid ${points(goal.adaptiveValid)}%, correct ${points(goal.adaptiveCorrect)}% vs ${goal.bestFixed} ${points(goal.bestFixedCorrect)}% (gap ${points(goal.gap)} points) ${met ? "MET" : "NOT MET"}`);
  }
  for (const drift of result.drift) {
    log(
      `  drift on ${drift.backend}: ${drift.degradedMode} fell from ${points(drift.before)}% to ${points(drift.after)}% correct; adaptive used it for ${points(drift.adaptiveShareBefore)}% of first attempts before; left it after ${drift.requestsToLeave} requests ${drift.left && drift.requestsToLeave <= TRIAD_DRIFT_LEAVE_GOAL ? "MET" : "NOT MET"}`,
    );
  }
}

/** Per scenario: the goal figures first (per backend and the worst), then the drift figures, then every policy's rates. */
function scenarioFigures(scenario: string, result: TriadStudyResult): TriadBenchResult["figures"] {
  const figures: TriadBenchResult["figures"] = [];
  const tag = `[${scenario}]`;
  for (const goal of result.goals) {
    figures.push(
      { metric: `${tag} adaptive valid on ${goal.backend}`, value: points(goal.adaptiveValid), unit: "%", goal: TRIAD_VALID_GOAL * 100 },
      {
        metric: `${tag} adaptive correct on ${goal.backend}`,
        value: points(goal.adaptiveCorrect),
        unit: "%",
        baseline: `best fixed mode there (${goal.bestFixed}, ${points(goal.bestFixedCorrect)}%)`,
        ratio: goal.bestFixedCorrect > 0 ? goal.adaptiveCorrect / goal.bestFixedCorrect : 0,
      },
      { metric: `${tag} adaptive gap to best fixed (points) on ${goal.backend}`, value: points(goal.gap), unit: "points", goal: TRIAD_CORRECT_GAP_GOAL * 100, baseline: goal.bestFixed },
    );
  }
  const worst = result.goals.reduce<(typeof result.goals)[number] | undefined>((top, goal) => (top === undefined || goal.gap > top.gap ? goal : top), undefined);
  if (worst !== undefined) figures.push({ metric: `${tag} adaptive gap to best fixed (points), worst backend (${worst.backend})`, value: points(worst.gap), unit: "points", goal: TRIAD_CORRECT_GAP_GOAL * 100 });
  const minValid = Math.min(...result.goals.map((goal) => goal.adaptiveValid));
  figures.push({ metric: `${tag} adaptive valid, worst backend`, value: points(minValid), unit: "%", goal: TRIAD_VALID_GOAL * 100 });
  for (const drift of result.drift) {
    figures.push({
      metric: `${tag} requests until the policy leaves the degraded mode (${drift.degradedMode}) on ${drift.backend}`,
      value: drift.requestsToLeave,
      unit: "requests",
      goal: TRIAD_DRIFT_LEAVE_GOAL,
      baseline: `${drift.degradedMode} fixed: ${points(drift.before)}% -> ${points(drift.after)}% correct`,
    });
  }
  const cellFigures = (cell: TriadCell, prefix: string) => [
    { metric: `${prefix} valid`, value: points(cell.validRate), unit: "%" },
    { metric: `${prefix} correct`, value: points(cell.correctRate), unit: "%" },
  ];
  for (const cell of result.policies) figures.push(...cellFigures(cell, `${tag} policy ${cell.policy} on ${cell.backend}`));
  for (const cell of result.cells) figures.push(...cellFigures(cell, `${tag} ${cell.cell}`));
  return figures;
}
