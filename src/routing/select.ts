import type { DeploymentConfig, ModelGroupConfig } from "../config/schema.ts";
import { RuntimeTable } from "./runtime-table.ts";
import type { CorrectnessMemo } from "./correctness-memo.ts";
import { filterDeployments, type SkipCounts } from "./filter-deployments.ts";
import type { DeploymentRuntime } from "./state-store.ts";
import { strategies } from "./strategies/index.ts";
import type { ExpectedCorrectness, StrategyContext, TriadWeights } from "./strategies/strategy.ts";
import { groupPlan } from "./strategies/group-plan.ts";
import { SwitchyardError } from "../errors.ts";

/** The request facts selection needs. */
export interface SelectRequest {
  estimatedInputTokens: number;
  estimatedOutputTokens: number;
  /** Affinity key for `consistent-hash` (thread id, user id). */
  sessionKey?: string;
  /** Triad weights of this request; the config's `requests.weights` otherwise. */
  weights?: TriadWeights;
  /** Deployments not to use for this request (already failed, 401/404). */
  exclude?: ReadonlySet<string>;
}

export interface SelectOptions {
  group: ModelGroupConfig;
  /** The group's deployments, resolved from ids. */
  deployments: readonly DeploymentConfig[];
  /**
   * Runtime state of each deployment, same order; missing entries count as fresh. A table (the memory store's
   * `runtimeTableSync`) is read as is; an array is copied into a reused table first.
   */
  runtimes?: readonly DeploymentRuntime[] | RuntimeTable;
  request: SelectRequest;
  now: number;
  random: () => number;
  isHealthy?: (deploymentId: string) => boolean;
  expectedCorrectness?: ExpectedCorrectness;
  /** Remembers `expectedCorrectness` per deployment until told it changed; without it the estimator is asked every time. */
  correctnessMemo?: CorrectnessMemo;
  defaultWeights?: TriadWeights;
}

export type { SkipCounts } from "./filter-deployments.ts";

export interface Selection {
  deployment: DeploymentConfig | null;
  reason: string;
  /** Ids of the deployments the strategy chose among. */
  candidates: string[];
  skipped: SkipCounts;
  /** With no deployment: when the first cooling or over-limit deployment is usable again (null: none will be). */
  earliestRecoveryAt: number | null;
  /** Calls in flight on the chosen deployment when it was chosen, this one included (the load a latency sample saw). */
  inFlight?: number;
}

const neutralWeights: TriadWeights = { correctness: 1, latency: 0.3, cost: 0.3 };
/**
 * Filters out excluded, cooling-down, over-limit, too-small and unhealthy deployments (unhealthy ones are used
 * when nothing else is left), then lets the group's strategy choose. One pass over the deployments plus the
 * strategy's pass: linear, no sorting, and no allocation that grows with the group.
 *
 * @example
 * const selection = select({ group, deployments, runtimes, request: { estimatedInputTokens: 900, estimatedOutputTokens: 200 }, now: Date.now(), random: Math.random });
 * if (selection.deployment === null) console.log(selection.reason, selection.earliestRecoveryAt);
 */
export function select(options: SelectOptions): Selection {
  const { deployments, request, now, group } = options;
  const size = deployments.length;
  const plan = groupPlan(group, deployments);
  const table = runtimeTable(options.runtimes, size);
  const exclude = request.exclude !== undefined && request.exclude.size > 0 ? request.exclude : undefined;
  const eligibility = filterDeployments({ deployments, plan, table, tokens: request.estimatedInputTokens + request.estimatedOutputTokens, exclude, isHealthy: options.isHealthy, now });
  const { eligible, count, eligibleWeight, skipped, earliestRecoveryAt, listed, listedAreCandidates, healthNote } = eligibility;
  if (count === 0) {
    const recovery = Number.isFinite(earliestRecoveryAt) ? earliestRecoveryAt : null;
    return { deployment: null, reason: noneReason(group, skipped, recovery, now), candidates: [], skipped, earliestRecoveryAt: recovery };
  }
  const context: StrategyContext = {
    group,
    deployments,
    table,
    plan,
    eligible,
    count,
    eligibleWeight,
    estimatedInputTokens: request.estimatedInputTokens,
    estimatedOutputTokens: request.estimatedOutputTokens,
    sessionKey: request.sessionKey,
    weights: request.weights ?? options.defaultWeights ?? neutralWeights,
    now,
    random: options.random,
    expectedCorrectness: options.expectedCorrectness,
    knownCorrectness: options.expectedCorrectness === undefined ? undefined : options.correctnessMemo?.valuesFor(deployments),
    latencyBuffer: plan.latencyBuffer,
    latencyTtlMs: plan.latencyTtlMs,
  };
  const choice = strategies[group.strategy](context);
  return new ChosenSelection(deployments, choice.index, `${choice.reason}${healthNote}${skippedNote(skipped)}`, skipped, listed, listedAreCandidates);
}

/** A selection that found a deployment; candidate ids are listed on first read (the route trace wants them, the hot path does not). */
class ChosenSelection implements Selection {
  readonly deployment: DeploymentConfig | null;
  readonly reason: string;
  readonly skipped: SkipCounts;
  readonly earliestRecoveryAt = null;
  inFlight: number | undefined = undefined;
  readonly #deployments: readonly DeploymentConfig[];
  readonly #listed: readonly number[];
  readonly #listedAreCandidates: boolean;
  #candidates: string[] | undefined;

  constructor(deployments: readonly DeploymentConfig[], index: number, reason: string, skipped: SkipCounts, listed: readonly number[], listedAreCandidates: boolean) {
    this.deployment = deployments[index] ?? null;
    this.reason = reason;
    this.skipped = skipped;
    this.#deployments = deployments;
    this.#listed = listed;
    this.#listedAreCandidates = listedAreCandidates;
  }

  get candidates(): string[] {
    if (this.#candidates === undefined) this.#candidates = candidateIds(this.#deployments, this.#listed, this.#listedAreCandidates);
    return this.#candidates;
  }
}

/** Ids of the listed deployments, or (listed in ascending order) of every deployment not listed. */
function candidateIds(deployments: readonly DeploymentConfig[], listed: readonly number[], listedAreCandidates: boolean): string[] {
  const ids: string[] = [];
  if (listedAreCandidates) {
    for (const index of listed) ids.push((deployments[index] as DeploymentConfig).id);
    return ids;
  }
  let next = 0;
  for (let index = 0; index < deployments.length; index += 1) {
    if (next < listed.length && listed[next] === index) next += 1;
    else ids.push((deployments[index] as DeploymentConfig).id);
  }
  return ids;
}

/** The table selection reads: the caller's, or the runtimes copied into a reused one (missing ones fresh). */
function runtimeTable(runtimes: readonly DeploymentRuntime[] | RuntimeTable | undefined, size: number): RuntimeTable {
  if (runtimes === undefined) return RuntimeTable.from([], size);
  if (!(runtimes instanceof RuntimeTable)) return RuntimeTable.from(runtimes, size);
  if (runtimes.rows < size) {
    throw new SwitchyardError("input_invalid", `select was given a runtime table of ${runtimes.rows} rows for ${size} deployments; build the table from the same deployment ids.`);
  }
  return runtimes;
}

function skippedNote(skipped: SkipCounts): string {
  const parts: string[] = [];
  if (skipped.excluded > 0) parts.push(`${skipped.excluded} excluded`);
  if (skipped.cooling > 0) parts.push(`${skipped.cooling} cooling down`);
  if (skipped.overLimit > 0) parts.push(`${skipped.overLimit} at a limit`);
  if (skipped.contextWindow > 0) parts.push(`${skipped.contextWindow} too small for the request`);
  return parts.length === 0 ? "" : `; skipped ${parts.join(", ")}`;
}

function noneReason(group: ModelGroupConfig, skipped: SkipCounts, recovery: number | null, now: number): string {
  const wait = recovery === null ? "none will recover by waiting" : `earliest recovery in ${Math.max(0, recovery - now)} ms`;
  return `no deployment of group ${group.name} is available${skippedNote(skipped).replace(";", ":")}; ${wait}`;
}
