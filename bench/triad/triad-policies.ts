import type { SwitchyardConfig } from "../../src/config/schema.ts";
import { attemptSpend } from "../../src/state/attempt-spend.ts";
import type { GatewayStateValue } from "../../src/state/gateway-state.ts";
import { isCorrect, type WorkloadTask } from "../../src/workload/index.ts";
import { OUTPUT_MODES, type OutputMode } from "../../src/output-modes/protocol.ts";
import { fixedRunKey, type FixedRunCache } from "./fixed-run-cache.ts";
import { SimulatedUser } from "./simulated-user.ts";
import { aggregateTriad, type TriadSample } from "./triad-report.ts";
import type { PolicyCell, TriadGateway, TriadGatewayFactory } from "./triad-types.ts";

/** The production signals a policy run had (never gold: feedback is the study playing the user). */
export interface PolicySignals {
  policy: string;
  validity: true;
  feedbackRate: number;
  feedbackSent: number;
  shadowRate: number;
  shadowsCompared: number;
  /** Billed shadow calls (shadows started plus arbitration calls), against the answers of the run. */
  shadowCalls: number;
  shadowCostUsd: number;
}

/** One request of a policy run, in job order, for the drift figures. */
export interface PolicyTrace {
  policy: string;
  backend: string;
  index: number;
  /** The mode of the first attempt the backend answered (transport failures skipped). */
  firstMode: OutputMode | undefined;
  /** Attempts the request took (1: the first mode answered it). */
  attempts: number;
  /** That choice explored (a mode that was not its current best), from the route trace's reason. */
  explored: boolean;
  correct: boolean;
  /** The first answered attempt was schema-valid (what the policy sees at once). Absent when no attempt was answered, and in caches written before it. */
  firstValid?: boolean;
}

export interface PolicyComparisonOptions {
  config: SwitchyardConfig;
  open: TriadGatewayFactory;
  tasks: readonly WorkloadTask[];
  requests: number;
  concurrency: number;
  feedbackRate: number;
  feedbackDelay: number;
  shadowRate: number;
  /** Switch the emulators to the drift profile after this share of the requests (undefined: no drift). */
  driftAt?: number;
  /** Also run an adaptive policy told every gold verdict at once (comparison only; never the default). */
  policySeesGold: boolean;
  /** Seed of the simulated user's draws. */
  userSeed: number;
  /** Also run the per-provider default modes (fixed policy); off in the quick profile variants. */
  includeDefaults: boolean;
  /** Reuse fixed-mode runs of the same scenario, seed and size (they do not depend on the policy); `scenario` is its key. */
  fixedCache?: { cache: FixedRunCache; scenario: string };
  /**
   * Repeatable: the adaptive runs serve one request at a time and settle its shadow calls before the next, so
   * the order in which the policy learns is the seed's alone (with the emulated latency of the factory, one
   * seed gives one figure). False: `concurrency` requests in flight, shadows racing them, as in production.
   */
  repeatable: boolean;
  log: (line: string) => void;
}

export interface PolicyComparison {
  cells: PolicyCell[];
  signals: PolicySignals[];
  traces: PolicyTrace[];
  /** The request index (per backend) at which the drift was switched on. */
  driftIndex: number | undefined;
}

/**
 * Each fixed mode, the per-provider defaults and the adaptive policy on the same request sequence per backend
 * (deployment pinned so every backend is scored, mode left to the policy), scored afterwards against gold on
 * what the caller finally got.
 */
export async function comparePolicies(options: PolicyComparisonOptions): Promise<PolicyComparison> {
  const { config } = options;
  const shadow = { rate: options.shadowRate, max_concurrent: 2, weight: 0.5, arbitrate: true };
  const fixedConfig: SwitchyardConfig = { ...config, output_modes: { ...config.output_modes, policy: "fixed" } };
  const adaptiveConfig: SwitchyardConfig = { ...config, output_modes: { ...config.output_modes, policy: "adaptive", shadow } };
  const runs: Array<{ policy: string; config: SwitchyardConfig; mode?: OutputMode; feedbackRate: number; feedbackDelay: number }> = [
    ...OUTPUT_MODES.map((mode) => ({ policy: `fixed ${mode}`, config: fixedConfig, mode, feedbackRate: 0, feedbackDelay: 0 })),
    ...(options.includeDefaults ? [{ policy: "per-backend defaults", config: fixedConfig, feedbackRate: 0, feedbackDelay: 0 }] : []),
    { policy: "adaptive", config: adaptiveConfig, feedbackRate: options.feedbackRate, feedbackDelay: options.feedbackDelay },
    ...(options.policySeesGold ? [{ policy: "adaptive (sees gold)", config: adaptiveConfig, feedbackRate: 1, feedbackDelay: 0 }] : []),
  ];
  const cells: PolicyCell[] = [];
  const signals: PolicySignals[] = [];
  const traces: PolicyTrace[] = [];
  const driftIndex = options.driftAt === undefined ? undefined : Math.floor(options.requests * options.driftAt);
  for (const run of runs) {
    const cacheKey = run.mode === undefined || options.fixedCache === undefined ? undefined : fixedRunKey({ scenario: options.fixedCache.scenario, seed: config.emulators.seed, requests: options.requests, driftAt: options.driftAt, mode: run.mode });
    const cached = cacheKey === undefined ? undefined : options.fixedCache?.cache.read(cacheKey);
    if (cached !== undefined) {
      options.log(`policy ${run.policy}: ${cached.traces.length} requests reused from the fixed-run cache`);
      traces.push(...cached.traces);
      signals.push({ policy: run.policy, validity: true, feedbackRate: 0, feedbackSent: 0, shadowRate: 0, shadowsCompared: 0, shadowCalls: 0, shadowCostUsd: 0 });
      for (const cell of aggregateTriad(cached.samples.map((sample) => ({ ...sample, cell: `${run.policy}\u0000${sample.backend}` })))) cells.push({ ...cell, cell: run.policy, policy: run.policy });
      continue;
    }
    const runTraces: PolicyTrace[] = [];
    const gateway = await options.open(run.config);
    const samples: TriadSample[] = [];
    const user = new SimulatedUser({ rate: run.feedbackRate, delay: run.feedbackDelay, seed: options.userSeed, send: (body) => gateway.feedback(body) });
    let shadowStats: ReturnType<NonNullable<TriadGateway["shadowStats"]>> = { compared: 0, costUsd: 0 };
    try {
      const started = Date.now();
      const backends = config.deployments.map((deployment) => deployment.id);
      // Backends interleaved, each in task order, so every policy sees the same sequence per backend.
      const jobs = Array.from({ length: options.requests }, (_, index) => backends.map((deployment) => ({ deployment, index, task: options.tasks[index % options.tasks.length] as WorkloadTask }))).flat();
      let drifted = false;
      const sequential = options.repeatable && run.policy.startsWith("adaptive");
      await pool(jobs, sequential ? 1 : options.concurrency, async ({ deployment, index, task }, jobIndex) => {
        if (driftIndex !== undefined && !drifted && index >= driftIndex) {
          drifted = true;
          gateway.drift?.();
          options.log(`policy ${run.policy}: drift profile switched on at request ${index} per backend`);
        }
        const state = await gateway.invoke({ input: task.input, task_id: task.id, deployment, ...(run.mode ? { mode: run.mode } : {}) }, { threadId: `triad-policy-${jobIndex}` });
        if (sequential) await gateway.settle?.();
        // Scored here, after the fact: the gateway never saw the gold label.
        const correct = state.output?.valid === true && isCorrect(task.gold, state.output.structured);
        samples.push(finalOutcome(run.policy, deployment, state, correct));
        // The first attempt the backend answered: a rate limit or server error says nothing about the mode, and
        // the retry may be in another one (the policy chooses again), which then gave the answer being scored.
        const first = state.attempts.find((attempt) => attempt.outcome !== "transport_error") ?? state.attempts[0];
        runTraces.push({ policy: run.policy, backend: deployment, index, firstMode: first?.mode, attempts: state.attempts.length, explored: first?.reason.includes("explore:") ?? false, correct, ...(first === undefined || first.outcome === "transport_error" ? {} : { firstValid: first.outcome === "ok" }) });
        await user.answered(state.output?.request_id, correct);
      });
      await user.flush();
      shadowStats = gateway.shadowStats?.() ?? shadowStats;
      options.log(`policy ${run.policy}: ${jobs.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ${user.sent} feedback verdicts, ${shadowStats.compared} shadow comparisons${shadowStats.deferral === undefined || shadowStats.deferral.deferred === 0 ? "" : ` (deferred for a cooling partner ${shadowStats.deferral.deferred}, resumed ${shadowStats.deferral.resumed}, expired ${shadowStats.deferral.expired}, evicted ${shadowStats.deferral.evicted}, partner down ${shadowStats.deferral.abandoned})`}`);
    } finally {
      await gateway.close();
    }
    traces.push(...runTraces);
    if (cacheKey !== undefined) options.fixedCache?.cache.write(cacheKey, { samples, traces: runTraces });
    signals.push({
      policy: run.policy,
      validity: true,
      feedbackRate: run.feedbackRate,
      feedbackSent: user.sent,
      shadowRate: run.policy.startsWith("adaptive") ? options.shadowRate : 0,
      shadowsCompared: shadowStats.compared,
      shadowCalls: (shadowStats.started ?? 0) + (shadowStats.arbiterCalls ?? 0),
      shadowCostUsd: shadowStats.costUsd,
    });
    for (const cell of aggregateTriad(samples.map((sample) => ({ ...sample, cell: `${run.policy}\u0000${sample.backend}` })))) {
      cells.push({ ...cell, cell: run.policy, policy: run.policy });
    }
  }
  return { cells, signals, traces, driftIndex };
}

/** What the caller got, after the gateway's retries and mode fallbacks; latency and spend over all attempts. */
function finalOutcome(cell: string, backend: string, state: GatewayStateValue, correct: boolean): TriadSample {
  const spend = state.attempts.map(attemptSpend);
  return {
    cell,
    backend,
    valid: state.output?.valid === true,
    correct,
    latencyMs: spend.reduce((sum, item) => sum + item.latencyMs, 0),
    tokens: spend.reduce((sum, item) => sum + item.tokens, 0),
    costUsd: spend.reduce((sum, item) => sum + item.costUsd, 0),
  };
}

/** Runs jobs with at most `concurrency` in flight; the index is the job's position. */
export async function pool<T>(jobs: readonly T[], concurrency: number, work: (job: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      await work(jobs[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
