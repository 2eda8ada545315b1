import { defaultGuardianConfig } from "../../src/config/guardian-config.ts";
import type { SwitchyardConfig } from "../../src/config/schema.ts";
import type { GatewayStateValue } from "../../src/state/gateway-state.ts";
import { isCorrect, workloadTasks, type WorkloadTask } from "../../src/workload/index.ts";
import type { OutputContract } from "../../src/state/output-contract.ts";
import type { OutputMode } from "../../src/output-modes/protocol.ts";
import type { PolicyCell, TriadGatewayFactory } from "./triad-types.ts";
import type { FixedRunCache } from "./fixed-run-cache.ts";

export type { PolicyCell, TriadGateway, TriadGatewayFactory } from "./triad-types.ts";
import { aggregateTriad, type TriadCell, type TriadSample } from "./triad-report.ts";
import { driftFigures, type DriftFigure } from "./triad-drift.ts";
import { comparePolicies, pool, type PolicySignals, type PolicyTrace } from "./triad-policies.ts";

/** The four structuring modes of the design: emit split by how the schema travels. */
export const TRIAD_MODES: ReadonlyArray<{ name: string; mode: OutputMode; emitMethod?: "json_schema" | "tool" }> = [
  { name: "emit-json-schema", mode: "emit", emitMethod: "json_schema" },
  { name: "emit-tool", mode: "emit", emitMethod: "tool" },
  { name: "compressed", mode: "compressed" },
  { name: "reconstruct", mode: "reconstruct" },
];

/** One of the 48 configurations: backend x mode x schema constraint x transport compression. */
export interface TriadDesignCell {
  name: string;
  deployment: string;
  mode: OutputMode;
  contract: OutputContract;
}

/** The full factorial over the config's deployments (3 on the default config: 3 x 4 x 2 x 2 = 48). */
export function triadDesign(config: SwitchyardConfig): TriadDesignCell[] {
  return config.deployments.flatMap((deployment) =>
    TRIAD_MODES.flatMap((variant) =>
      [true, false].flatMap((schemaConstraint) =>
        [false, true].map((compact) => ({
          name: `${deployment.id} ${variant.name} schema:${schemaConstraint ? "on" : "off"} compress:${compact ? "on" : "off"}`,
          deployment: deployment.id,
          mode: variant.mode,
          contract: { ...(variant.emitMethod ? { emit_method: variant.emitMethod } : {}), schema_constraint: schemaConstraint, compact },
        })),
      ),
    ),
  );
}

export interface TriadStudyOptions {
  /** The deployments and defaults to study (the guardian runs, as in production, unless `guardian: false`). */
  config: SwitchyardConfig;
  open: TriadGatewayFactory;
  /** Requests per factorial cell (distinct workload tasks). */
  repetitions: number;
  /** Requests per backend and policy in the policy comparison. */
  policyRequests: number;
  concurrency: number;
  /** Share of answered requests the simulated user gives a (delayed) verdict on; default 0.15. */
  feedbackRate?: number;
  /** Later requests that finish before a verdict arrives; default 20. */
  feedbackDelay?: number;
  /** output_modes.shadow.rate for the adaptive run; default 0.05. */
  shadowRate?: number;
  /** Switch to the drift profile after this share of the policy requests (the factory must implement drift). */
  driftAt?: number;
  /** Also run an adaptive policy told every verdict at once (comparison only). */
  policySeesGold?: boolean;
  /** Skip the 48-cell factorial (the profile and drift variants need only the policy comparison). */
  skipFactorial?: boolean;
  /** Default true: the study runs with the guardian on, as production does. */
  guardian?: boolean;
  /** Seed of the simulated user's draws (which answers get a verdict); default 15. */
  userSeed?: number;
  /** Reuse fixed-mode runs (see {@link FixedRunCache}); `scenario` keys the profile(s). */
  fixedCache?: { cache: FixedRunCache; scenario: string };
  /** Default true: adaptive runs one request at a time, shadows settled after each (see comparePolicies). */
  repeatable?: boolean;
  log?: (line: string) => void;
}


export interface TriadStudyResult {
  cells: TriadCell[];
  policies: PolicyCell[];
  /** Per backend: the adaptive policy against the best fixed mode on that backend. */
  goals: Array<{ backend: string; adaptiveValid: number; adaptiveCorrect: number; bestFixed: string; bestFixedCorrect: number; gap: number }>;
  /** Share of adaptive choices per backend and mode (first attempts). */
  adaptiveChoices: Record<string, Partial<Record<OutputMode, number>>>;
  /** Which production signals each policy run used (no run gives the policy gold). */
  signals: PolicySignals[];
  /** Under drift: per backend, the degraded mode and how long the adaptive policy kept it. */
  drift: DriftFigure[];
  /** Every policy request, scored: for paired comparisons across policies (same request, same draws). */
  traces: PolicyTrace[];
}

/**
 * Runs the factorial (every cell pinned to its deployment, mode and contract; scored on the first answered
 * attempt, so the gateway's retries do not hide a weak cell) and then the policy comparison on one request
 * sequence per backend: each fixed mode, the per-provider defaults, and the adaptive policy (mode unpinned,
 * deployment pinned so every backend is scored), scored on what the caller finally got.
 */
export async function runTriadStudy(options: TriadStudyOptions): Promise<TriadStudyResult> {
  const log = options.log ?? (() => {});
  const tasks = workloadTasks();
  const taskAt = (index: number): WorkloadTask => tasks[index % tasks.length] as WorkloadTask;

  const config = withGuardian(options.config, options.guardian ?? true);
  const samples: TriadSample[] = [];
  const design = triadDesign(config);
  if (options.skipFactorial !== true) {
    const factorial = await options.open(config);
    try {
      const request = (cell: TriadDesignCell, task: WorkloadTask) =>
        ({ input: task.input, task_id: task.id, deployment: cell.deployment, mode: cell.mode, output_contract: cell.contract, max_attempts: 3 }) as const;
      // One unscored round first (on tasks the scored rounds do not use): the first calls per client pay for
      // model construction and JIT, which would otherwise land on whichever cells run first.
      const warmUp = tasks.at(-1) as WorkloadTask;
      await pool(design, options.concurrency, async (cell, index) => void (await factorial.invoke(request(cell, warmUp), { threadId: `triad-warm-${index}` })));
      const started = Date.now();
      // Repetition-major, so every cell meets the same mix of concurrent load.
      const jobs = Array.from({ length: options.repetitions }, (_, repetition) => design.map((cell) => ({ cell, task: taskAt(repetition) }))).flat();
      await pool(jobs, options.concurrency, async ({ cell, task }, index) => {
        const state = await factorial.invoke(request(cell, task), { threadId: `triad-cell-${index}` });
        samples.push(firstAnswered(cell.name, cell.deployment, state, task));
      });
      log(`factorial: ${jobs.length} requests over ${design.length} cells in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await factorial.close();
    }
  }
  const order = new Map(design.map((cell, index) => [cell.name, index]));
  const cells = aggregateTriad(samples).sort((left, right) => (order.get(left.cell) ?? 0) - (order.get(right.cell) ?? 0));

  const comparison = await comparePolicies({
    config,
    open: options.open,
    tasks,
    requests: options.policyRequests,
    concurrency: options.concurrency,
    feedbackRate: options.feedbackRate ?? 0.15,
    feedbackDelay: options.feedbackDelay ?? 20,
    shadowRate: options.shadowRate ?? 0.05,
    policySeesGold: options.policySeesGold ?? false,
    userSeed: options.userSeed ?? 15,
    includeDefaults: options.skipFactorial !== true,
    repeatable: options.repeatable ?? true,
    ...(options.driftAt === undefined ? {} : { driftAt: options.driftAt }),
    ...(options.fixedCache === undefined ? {} : { fixedCache: options.fixedCache }),
    log,
  });
  const policyCells = comparison.cells;
  const adaptiveChoices: TriadStudyResult["adaptiveChoices"] = {};
  for (const trace of comparison.traces) {
    if (trace.policy !== "adaptive" || trace.firstMode === undefined) continue;
    const counts = (adaptiveChoices[trace.backend] ??= {});
    counts[trace.firstMode] = (counts[trace.firstMode] ?? 0) + 1;
  }
  const goals = config.deployments.map(({ id }) => {
    const onBackend = policyCells.filter((cell) => cell.backend === id);
    const adaptive = onBackend.find((cell) => cell.policy === "adaptive");
    const fixed = onBackend.filter((cell) => cell.policy.startsWith("fixed "));
    const best = fixed.reduce<PolicyCell | undefined>((top, cell) => (top === undefined || cell.correctRate > top.correctRate ? cell : top), undefined);
    const adaptiveCorrect = adaptive?.correctRate ?? 0;
    const bestFixedCorrect = best?.correctRate ?? 0;
    return { backend: id, adaptiveValid: adaptive?.validRate ?? 0, adaptiveCorrect, bestFixed: best?.policy ?? "none", bestFixedCorrect, gap: bestFixedCorrect - adaptiveCorrect };
  });
  for (const counts of Object.values(adaptiveChoices)) {
    const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
    for (const mode of Object.keys(counts) as OutputMode[]) counts[mode] = (counts[mode] ?? 0) / Math.max(1, total);
  }
  const drift = comparison.driftIndex === undefined ? [] : driftFigures(comparison.traces, comparison.driftIndex, { feedbackRate: options.feedbackRate ?? 0.15, shadowRate: options.shadowRate ?? 0.05 });
  return { cells, policies: policyCells, goals, adaptiveChoices, signals: comparison.signals, drift, traces: comparison.traces };
}

function withGuardian(config: SwitchyardConfig, enabled: boolean): SwitchyardConfig {
  return { ...config, guardian: { ...defaultGuardianConfig(), ...config.guardian, enabled } };
}

/** The first attempt the backend answered: a transport error says nothing about the mode. */
function firstAnswered(cell: string, backend: string, state: GatewayStateValue, task: WorkloadTask): TriadSample {
  const attempt = state.attempts.find((candidate) => candidate.outcome !== "transport_error");
  if (attempt === undefined) return { cell, backend, valid: false, correct: false, latencyMs: 0, tokens: 0, costUsd: 0 };
  const valid = attempt.outcome === "ok";
  return {
    cell,
    backend,
    valid,
    // Scored against gold after the fact; the first answered attempt is the final one when it was valid.
    correct: valid && state.output?.valid === true && isCorrect(task.gold, state.output.structured),
    latencyMs: attempt.latency_ms,
    tokens: attempt.input_tokens + attempt.output_tokens,
    costUsd: attempt.cost_usd,
  };
}
