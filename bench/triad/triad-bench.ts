import fs from "node:fs";
import path from "node:path";
import { renderTable } from "../../src/cli/table.ts";
import type { SwitchyardConfig } from "../../src/config/schema.ts";
import { writeTriadPicture, triadPlotInput } from "./triad-picture.ts";
import { triadRow, TRIAD_HEADERS, type TriadCell } from "./triad-report.ts";
import { poolSeeds, type PooledGoal } from "./seed-pooling.ts";
import type { DetectionBound } from "./detection-bound.ts";
import type { DriftFigure } from "./triad-drift.ts";
import { FixedRunCache } from "./fixed-run-cache.ts";
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
  /** The scenario's profiles as a key for the fixed-run cache (`profileKey`); no key, no reuse. */
  cacheKey?: string;
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
  /**
   * One full study per seed (emulator draws, the policy's randomness, the simulated user); the goals pool
   * them. Default [7, 8, 9].
   */
  seeds?: number[];
  /** Where triad.svg and triad.json go; default `.switchyard/bench`. */
  outDir?: string;
  /** Directory of reused fixed-mode runs (`--reuse-fixed`): a policy change is then measured on the same fixed answers. */
  fixedCacheDir?: string;
  /** Default true: one seed gives one figure (adaptive runs sequential, shadows settled; see comparePolicies). */
  repeatable?: boolean;
  log?: (line: string) => void;
}

export const TRIAD_VALID_GOAL = 0.99;
export const TRIAD_CORRECT_GAP_GOAL = 0.02;
export const TRIAD_DRIFT_LEAVE_GOAL = 50;
/**
 * Requests per backend and policy by default: one pass over the 264-task workload, so within a seed every
 * request's first attempt in a mode meets the same emulator draws in the fixed and the adaptive run (the
 * draws are keyed by prompt and its occurrence; a second pass would key repeats by how often each mode was
 * asked before, which differs between the runs).
 */
export const TRIAD_POLICY_REQUESTS = 264;

const points = (rate: number) => Number((rate * 100).toFixed(2));

/**
 * `switchyard bench triad` and `npm run bench -- triad`: runs the study per scenario (profile), prints the
 * tables, the signals each policy run used and the goal figures, and writes `triad.svg` and `triad.png` (first scenario's
 * factorial) and `triad.json` to `outDir`.
 */
export async function runTriadBench(options: TriadBenchOptions): Promise<TriadBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const repetitions = options.repetitions ?? 24;
  const policyRequests = options.policyRequests ?? TRIAD_POLICY_REQUESTS;
  const seeds = options.seeds ?? [7, 8, 9];
  const figures: TriadBenchResult["figures"] = [];
  const results: Array<{ scenario: string; seed: number; result: TriadStudyResult }> = [];
  const pooled: Array<{ scenario: string; goals: PooledGoal[]; drift: DriftFigure[] }> = [];
  for (const [index, scenario] of options.scenarios.entries()) {
    log(`\n=== scenario ${scenario.name}${scenario.driftAt === undefined ? "" : ` (drift after ${Math.round(scenario.driftAt * 100)}% of the requests)`}, seeds ${seeds.join(", ")}`);
    const runs: TriadStudyResult[] = [];
    for (const [seedIndex, seed] of seeds.entries()) {
      const study: TriadStudyOptions = {
        config: { ...options.config, emulators: { ...options.config.emulators, seed } },
        open: scenario.open,
        repetitions,
        policyRequests,
        concurrency: options.concurrency ?? 12,
        // The factorial (for the picture) once per scenario, on the first seed.
        skipFactorial: seedIndex > 0 || !(scenario.factorial ?? index === 0),
        userSeed: seed,
        ...(scenario.driftAt === undefined ? {} : { driftAt: scenario.driftAt }),
        ...(options.feedbackRate === undefined ? {} : { feedbackRate: options.feedbackRate }),
        ...(options.shadowRate === undefined ? {} : { shadowRate: options.shadowRate }),
        ...(options.policySeesGold ? { policySeesGold: true } : {}),
        ...(options.repeatable === undefined ? {} : { repeatable: options.repeatable }),
        ...(options.fixedCacheDir === undefined || scenario.cacheKey === undefined ? {} : { fixedCache: { cache: new FixedRunCache(options.fixedCacheDir), scenario: scenario.cacheKey } }),
        log,
      };
      log(`\n--- seed ${seed}`);
      const result = await runTriadStudy(study);
      runs.push(result);
      results.push({ scenario: scenario.name, seed, result });
      printScenario(result, repetitions, policyRequests, log);
    }
    const goals = poolSeeds(runs);
    const drift = runs.flatMap((run) => run.drift);
    printPooled(goals, log);
    pooled.push({ scenario: scenario.name, goals, drift });
    figures.push(...scenarioFigures(scenario.name, goals, drift, runs));
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
  const detail = results.map(({ scenario, seed, result }) => ({ scenario, seed, goals: result.goals, drift: result.drift, signals: result.signals, policies: result.policies, cells: result.cells }));
  fs.writeFileSync(jsonPath, `${JSON.stringify({ ...bench, pooled, scenarios: detail }, null, 2)}\n`);
  log(`\nwrote ${withCells === undefined ? "" : `${svgPath} and `}${jsonPath}`);
  return bench;
}

function printPooled(goals: readonly PooledGoal[], log: (line: string) => void): void {
  log(`\nPooled over ${goals[0]?.seeds ?? 0} seeds x ${goals[0]?.requestsPerSeed ?? 0} requests per backend (best fixed = highest pooled correct rate; paired differences per request):`);
  log(
    renderTable(
      ["backend", "adaptive valid", "adaptive correct", "best fixed", "gap (points)", "± paired s.e.", "2nd-half gap ± s.e.", "per-seed gaps", "seed mean ± sd", "per-seed gaps vs own best", "same draws", "goal <= 2"],
      goals.map((goal) => [
        goal.backend,
        `${points(goal.adaptiveValid)}%`,
        `${points(goal.adaptiveCorrect)}%`,
        `${goal.bestFixed} ${points(goal.bestFixedCorrect)}%`,
        points(goal.gap),
        points(goal.pairedStandardError),
        `${points(goal.lateGap)} ± ${points(goal.lateStandardError)}`,
        goal.perSeedGap.map(points).join(" / "),
        `${points(goal.seedMean)} ± ${points(goal.seedSd)}`,
        goal.perSeedGapOwnBest.map(points).join(" / "),
        `${points(goal.pairedAgreement)}%`,
        points(goal.adaptiveValid) >= points(TRIAD_VALID_GOAL) && points(goal.gap) <= points(TRIAD_CORRECT_GAP_GOAL) ? "MET" : "NOT MET",
      ]),
    ),
  );
  log("\nWhere the gap comes from (points; paired per request against the best fixed mode's answer):");
  log(
    renderTable(
      ["backend", "exploration", "settled on another mode", "residual", "explored requests", "other-mode requests", "other-mode, 2nd half"],
      goals.map(({ backend, decomposition: parts }) => [
        backend,
        points(parts.exploration),
        points(parts.convergence),
        points(parts.residual),
        `${points(parts.explorationShare)}%`,
        `${points(parts.otherModeShare)}%`,
        `${points(parts.otherModeShareLate)}%`,
      ]),
    ),
  );
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
      ["policy", "validity", "feedback rate", "verdicts sent", "shadow rate (settled)", "shadow calls", "shadow comparisons", "shadow cost µ$"],
      result.signals.map((signal) => [signal.policy, "yes", `${(signal.feedbackRate * 100).toFixed(0)}%`, signal.feedbackSent, `${(signal.shadowRate * 100).toFixed(0)}%`, signal.shadowCalls, signal.shadowsCompared, (signal.shadowCostUsd * 1e6).toFixed(1)]),
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
      `  drift on ${drift.backend}: ${drift.degradedMode} fell from ${points(drift.before)}% to ${points(drift.after)}% correct; adaptive used it for ${points(drift.adaptiveShareBefore)}% of first attempts before; left it after ${drift.requestsToLeave} requests ${!drift.tested ? "NOT TESTED (the policy had not settled on that mode before the drift)" : drift.left && drift.requestsToLeave <= TRIAD_DRIFT_LEAVE_GOAL ? "MET" : "NOT MET"}`,
    );
    if (drift.bound !== undefined) log(`    ${boundLine(drift.bound)}`);
  }
}

/** What any detector could have done on that drift (detection-bound.ts), in words. */
function boundLine(bound: DetectionBound): string {
  const spacing = bound.falseAlarmEveryForGoal;
  return `evidence ${bound.informationPerRequest.toFixed(4)} nats per request (validity ${bound.visibleInformation.toFixed(4)}): any detector needs >= ${Math.ceil(bound.requestsAtFalseAlarmEvery)} requests on average at one false alarm per ${bound.falseAlarmEvery}; leaving within ${bound.goal} is possible only with a false alarm every ${spacing < 1e6 ? Math.round(spacing) : spacing.toExponential(1)} requests or more often`;
}

/** Per scenario: the pooled goal figures first (per backend and the worst), then the drift figures, then every policy's rates per seed. */
function scenarioFigures(scenario: string, goals: readonly PooledGoal[], drift: readonly DriftFigure[], runs: readonly TriadStudyResult[]): TriadBenchResult["figures"] {
  const figures: TriadBenchResult["figures"] = [];
  const tag = `[${scenario}]`;
  for (const goal of goals) {
    figures.push(
      { metric: `${tag} adaptive valid on ${goal.backend}`, value: points(goal.adaptiveValid), unit: "%", goal: TRIAD_VALID_GOAL * 100 },
      {
        metric: `${tag} adaptive correct on ${goal.backend}`,
        value: points(goal.adaptiveCorrect),
        unit: "%",
        baseline: `best fixed mode there (${goal.bestFixed}, ${points(goal.bestFixedCorrect)}%)`,
        ratio: goal.bestFixedCorrect > 0 ? goal.adaptiveCorrect / goal.bestFixedCorrect : 0,
      },
      { metric: `${tag} adaptive gap to best fixed (points) on ${goal.backend}`, value: points(goal.gap), unit: "points", goal: TRIAD_CORRECT_GAP_GOAL * 100, baseline: `${goal.bestFixed}; ${goal.seeds} seeds x ${goal.requestsPerSeed} requests` },
      { metric: `${tag} adaptive first-attempt answers equal to the fixed run's on the same request (common random numbers) on ${goal.backend}`, value: points(goal.pairedAgreement), unit: "%" },
      { metric: `${tag} paired standard error of that gap (points) on ${goal.backend}`, value: points(goal.pairedStandardError), unit: "points" },
      { metric: `${tag} per-seed gap mean (points) on ${goal.backend}`, value: points(goal.seedMean), unit: "points", baseline: `sd ${points(goal.seedSd)} over ${goal.seeds} seeds` },
      { metric: `${tag} gap from exploration (points) on ${goal.backend}`, value: points(goal.decomposition.exploration), unit: "points", baseline: `${points(goal.decomposition.explorationShare)}% of requests explored` },
      { metric: `${tag} gap from settling on another mode than the best fixed one (points) on ${goal.backend}`, value: points(goal.decomposition.convergence), unit: "points", baseline: `${points(goal.decomposition.otherModeShare)}% of requests; ${points(goal.decomposition.otherModeShareLate)}% in the second half` },
      { metric: `${tag} gap in the second half of each seed's requests (points) on ${goal.backend}`, value: points(goal.lateGap), unit: "points", baseline: `paired s.e. ${points(goal.lateStandardError)}; whole run ${points(goal.gap)}` },
      { metric: `${tag} per-seed gap spread (max - min, points) on ${goal.backend}`, value: points(Math.max(...goal.perSeedGap) - Math.min(...goal.perSeedGap)), unit: "points", baseline: goal.perSeedGap.map(points).join(" / ") },
    );
  }
  const worst = goals.reduce<PooledGoal | undefined>((top, goal) => (top === undefined || goal.gap > top.gap ? goal : top), undefined);
  if (worst !== undefined) figures.push({ metric: `${tag} adaptive gap to best fixed (points), worst backend (${worst.backend})`, value: points(worst.gap), unit: "points", goal: TRIAD_CORRECT_GAP_GOAL * 100 });
  const minValid = Math.min(...goals.map((goal) => goal.adaptiveValid));
  figures.push({ metric: `${tag} adaptive valid, worst backend`, value: points(minValid), unit: "%", goal: TRIAD_VALID_GOAL * 100 });
  for (const backend of [...new Set(drift.map((figure) => figure.backend))]) {
    const onBackend = drift.filter((figure) => figure.backend === backend);
    // Seeds on which the policy had not settled on the degraded mode do not test leaving it: no goal for them.
    const tested = onBackend.filter((figure) => figure.tested);
    const slowest = (tested.length > 0 ? tested : onBackend).reduce((top, figure) => (figure.requestsToLeave > top.requestsToLeave ? figure : top));
    const perSeed = onBackend.map((figure) => `${figure.requestsToLeave}${figure.tested ? "" : ` (not tested: ${points(figure.adaptiveShareBefore)}% in it before)`}`).join(" / ");
    figures.push({
      metric: `${tag} requests until the policy leaves the degraded mode (${slowest.degradedMode}) on ${backend}, slowest tested seed`,
      value: slowest.requestsToLeave,
      unit: "requests",
      ...(tested.length > 0 ? { goal: TRIAD_DRIFT_LEAVE_GOAL } : {}),
      baseline: `per seed ${perSeed}; ${slowest.degradedMode} fixed: ${points(slowest.before)}% -> ${points(slowest.after)}% correct`,
    });
    if (slowest.bound !== undefined) {
      figures.push({
        metric: `${tag} fewest requests any detector needs to leave it on ${backend} at one false alarm per ${slowest.bound.falseAlarmEvery} requests (Lorden bound, same seed)`,
        value: Math.ceil(slowest.bound.requestsAtFalseAlarmEvery),
        unit: "requests",
        baseline: `${slowest.bound.informationPerRequest.toFixed(4)} nats per request, ${slowest.bound.visibleInformation.toFixed(4)} from validity; within ${slowest.bound.goal} needs a false alarm every ${Math.round(Math.min(slowest.bound.falseAlarmEveryForGoal, 1e9))} requests`,
      });
    }
  }
  const cellFigures = (cell: TriadCell, prefix: string) => [
    { metric: `${prefix} valid`, value: points(cell.validRate), unit: "%" },
    { metric: `${prefix} correct`, value: points(cell.correctRate), unit: "%" },
  ];
  for (const [index, run] of runs.entries()) {
    for (const cell of run.policies) figures.push(...cellFigures(cell, `${tag} seed #${index + 1} policy ${cell.policy} on ${cell.backend}`));
    for (const cell of run.cells) figures.push(...cellFigures(cell, `${tag} ${cell.cell}`));
  }
  return figures;
}
