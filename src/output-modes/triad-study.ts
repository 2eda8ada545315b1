import { defaultGuardianConfig } from "../config/guardian-config.ts";
import type { SwitchyardConfig } from "../config/schema.ts";
import { attemptSpend } from "../state/attempt-spend.ts";
import type { GatewayRequestInput, GatewayStateValue } from "../state/gateway-state.ts";
import { workloadTasks, type WorkloadTask } from "../workload/index.ts";
import type { OutputContract } from "./output-contract.ts";
import { OUTPUT_MODES, type OutputMode } from "./protocol.ts";
import { aggregateTriad, type TriadCell, type TriadSample } from "./triad-report.ts";

/** What the study needs of a gateway: `createGateway`'s result fits. Injected, so src/ never imports graphs/. */
export interface TriadGateway {
  invoke(request: GatewayRequestInput, options: { threadId: string }): Promise<GatewayStateValue>;
  close(): Promise<void>;
}

/** Opens a fresh gateway (fresh emulators, fresh policy) on the given config. */
export type TriadGatewayFactory = (config: SwitchyardConfig) => Promise<TriadGateway>;

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
  /** The deployments and defaults to study (the guardian is switched off for the study). */
  config: SwitchyardConfig;
  open: TriadGatewayFactory;
  /** Requests per factorial cell (distinct workload tasks). */
  repetitions: number;
  /** Requests per backend and policy in the policy comparison. */
  policyRequests: number;
  concurrency: number;
  log?: (line: string) => void;
}

/** A policy's figures on one backend. `cell` is the policy's name. */
export type PolicyCell = TriadCell & { policy: string };

export interface TriadStudyResult {
  cells: TriadCell[];
  policies: PolicyCell[];
  /** Per backend: the adaptive policy against the best fixed mode on that backend. */
  goals: Array<{ backend: string; adaptiveValid: number; adaptiveCorrect: number; bestFixed: string; bestFixedCorrect: number; gap: number }>;
  /** Share of adaptive choices per backend and mode (first attempts). */
  adaptiveChoices: Record<string, Partial<Record<OutputMode, number>>>;
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

  // The guardian would react to the load the study itself puts on the host (and block or quarantine what
  // is being measured), so every gateway of the study runs without it.
  const config = withoutGuardian(options.config);
  const factorial = await options.open(config);
  const design = triadDesign(config);
  const samples: TriadSample[] = [];
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
      samples.push(firstAnswered(cell.name, cell.deployment, state));
    });
    log(`factorial: ${jobs.length} requests over ${design.length} cells in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await factorial.close();
  }
  const order = new Map(design.map((cell, index) => [cell.name, index]));
  const cells = aggregateTriad(samples).sort((left, right) => (order.get(left.cell) ?? 0) - (order.get(right.cell) ?? 0));

  const fixedConfig: SwitchyardConfig = { ...config, output_modes: { ...config.output_modes, policy: "fixed" } };
  const adaptiveConfig: SwitchyardConfig = { ...config, output_modes: { ...config.output_modes, policy: "adaptive" } };
  const policies: Array<{ policy: string; config: SwitchyardConfig; mode?: OutputMode }> = [
    ...OUTPUT_MODES.map((mode) => ({ policy: `fixed ${mode}`, config: adaptiveConfig, mode })),
    { policy: "per-backend defaults", config: fixedConfig },
    { policy: "adaptive", config: adaptiveConfig },
  ];
  const policyCells: PolicyCell[] = [];
  const adaptiveChoices: TriadStudyResult["adaptiveChoices"] = {};
  for (const { policy, config: policyConfig, mode } of policies) {
    const gateway = await options.open(policyConfig);
    const policySamples: TriadSample[] = [];
    try {
      const started = Date.now();
      // Backends interleaved, each in task order, so every policy sees the same sequence per backend.
      const jobs = Array.from({ length: options.policyRequests }, (_, index) => config.deployments.map((deployment) => ({ deployment: deployment.id, task: taskAt(index) }))).flat();
      await pool(jobs, options.concurrency, async ({ deployment, task }, index) => {
        const state = await gateway.invoke(
          { input: task.input, task_id: task.id, deployment, ...(mode ? { mode } : {}) },
          { threadId: `triad-policy-${index}` },
        );
        policySamples.push(finalOutcome(policy, deployment, state));
        const first = state.attempts[0];
        if (policy === "adaptive" && first !== undefined) {
          const counts = (adaptiveChoices[deployment] ??= {});
          counts[first.mode] = (counts[first.mode] ?? 0) + 1;
        }
      });
      log(`policy ${policy}: ${jobs.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await gateway.close();
    }
    for (const cell of aggregateTriad(policySamples.map((sample) => ({ ...sample, cell: `${policy}\u0000${sample.backend}` })))) {
      policyCells.push({ ...cell, cell: policy, policy });
    }
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
  return { cells, policies: policyCells, goals, adaptiveChoices };
}

function withoutGuardian(config: SwitchyardConfig): SwitchyardConfig {
  return { ...config, guardian: { ...defaultGuardianConfig(), ...config.guardian, enabled: false } };
}

/** The first attempt the backend answered: a transport error says nothing about the mode. */
function firstAnswered(cell: string, backend: string, state: GatewayStateValue): TriadSample {
  const attempt = state.attempts.find((candidate) => candidate.outcome !== "transport_error");
  if (attempt === undefined) return { cell, backend, valid: false, correct: false, latencyMs: 0, tokens: 0, costUsd: 0 };
  const valid = attempt.outcome === "ok";
  return {
    cell,
    backend,
    valid,
    correct: valid && state.output?.correct === true,
    latencyMs: attempt.latency_ms,
    tokens: attempt.input_tokens + attempt.output_tokens,
    costUsd: attempt.cost_usd,
  };
}

/** What the caller got, after the gateway's retries and mode fallbacks; latency and spend over all attempts. */
function finalOutcome(cell: string, backend: string, state: GatewayStateValue): TriadSample {
  return {
    cell,
    backend,
    valid: state.output?.valid === true,
    correct: state.output?.correct === true,
    latencyMs: state.attempts.reduce((sum, attempt) => sum + attemptSpend(attempt).latencyMs, 0),
    tokens: state.attempts.reduce((sum, attempt) => sum + attemptSpend(attempt).tokens, 0),
    costUsd: state.attempts.reduce((sum, attempt) => sum + attemptSpend(attempt).costUsd, 0),
  };
}

/** Runs jobs with at most `concurrency` in flight; the index is the job's position. */
async function pool<T>(jobs: readonly T[], concurrency: number, work: (job: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      await work(jobs[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
