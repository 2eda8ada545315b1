import type { DeploymentConfig, ModelGroupConfig } from "../config/schema.ts";
import { freshRuntime, usageWindowMs, type DeploymentRuntime } from "./state-store.ts";
import { strategies } from "./strategies/index.ts";
import type { ExpectedCorrectness, StrategyContext, TriadWeights } from "./strategies/strategy.ts";
import { groupPlan, type GroupPlan } from "./strategies/group-plan.ts";

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
  /** Runtime state of each deployment, same order; missing entries count as fresh. */
  runtimes?: readonly DeploymentRuntime[];
  request: SelectRequest;
  now: number;
  random: () => number;
  isHealthy?: (deploymentId: string) => boolean;
  expectedCorrectness?: ExpectedCorrectness;
  defaultWeights?: TriadWeights;
}

/** How many deployments each filter removed. */
export interface SkipCounts {
  excluded: number;
  cooling: number;
  overLimit: number;
  contextWindow: number;
  unhealthy: number;
}

export interface Selection {
  deployment: DeploymentConfig | null;
  reason: string;
  /** Ids of the deployments the strategy chose among. */
  candidates: string[];
  skipped: SkipCounts;
  /** With no deployment: when the first cooling or over-limit deployment is usable again (null: none will be). */
  earliestRecoveryAt: number | null;
}

const neutralWeights: TriadWeights = { correctness: 1, latency: 0.3, cost: 0.3 };
const fresh = freshRuntime();

/**
 * Filters out excluded, cooling-down, over-limit, too-small and unhealthy deployments (unhealthy ones are used
 * when nothing else is left), then lets the group's strategy choose. One pass over the deployments plus the
 * strategy's pass: linear, no sorting.
 *
 * @example
 * const selection = select({ group, deployments, runtimes, request: { estimatedInputTokens: 900, estimatedOutputTokens: 200 }, now: Date.now(), random: Math.random });
 * if (selection.deployment === null) console.log(selection.reason, selection.earliestRecoveryAt);
 */
export function select(options: SelectOptions): Selection {
  const { deployments, request, now, group } = options;
  const size = deployments.length;
  const plan = groupPlan(group, deployments);
  const limits = plan.limits;
  const given = options.runtimes ?? [];
  const runtimes = given.length >= size ? given : padded(given, size);
  const exclude = request.exclude !== undefined && request.exclude.size > 0 ? request.exclude : undefined;
  const isHealthy = options.isHealthy;
  // A fresh plain array per call: the selection keeps it for its candidate list, so no copy is needed.
  const eligible = new Array<number>(size);
  let unhealthy: number[] | undefined;
  let eligibleWeight = 0;
  const weights = plan.weight;
  const tokens = request.estimatedInputTokens + request.estimatedOutputTokens;
  // Most requests fit every deployment's window and tpm budget: then those two reads per deployment are skipped.
  const checkWindow = tokens > plan.smallestContextWindow;
  const checkTpm = tokens > plan.smallestTpm;
  let excluded = 0;
  let cooling = 0;
  let overLimit = 0;
  let tooSmall = 0;
  let count = 0;
  let unhealthyCount = 0;
  let earliestRecoveryAt = Number.POSITIVE_INFINITY;
  for (let index = 0; index < size; index += 1) {
    if (exclude !== undefined && exclude.has((deployments[index] as DeploymentConfig).id)) {
      excluded += 1;
      continue;
    }
    if (checkWindow && tokens > (limits[index * 4 + 3] as number)) {
      tooSmall += 1;
      continue;
    }
    const runtime = runtimes[index] as DeploymentRuntime;
    if (runtime.cooldownUntil > now) {
      cooling += 1;
      if (runtime.cooldownUntil < earliestRecoveryAt) earliestRecoveryAt = runtime.cooldownUntil;
      continue;
    }
    // Limits inline (numbers from the plan, +Infinity when unset): the common case is four comparisons.
    if (
      runtime.requestsInWindow >= (limits[index * 4] as number) ||
      runtime.inFlight >= (limits[index * 4 + 1] as number) ||
      ((runtime.tokensInWindow > 0 || checkTpm) && (runtime.tokensInWindow + tokens > (limits[index * 4 + 2] as number) || tokens > (limits[index * 4 + 2] as number)))
    ) {
      overLimit += 1;
      const until = limitRecovery(index, plan, runtime, tokens, now);
      if (until < earliestRecoveryAt) earliestRecoveryAt = until;
      continue;
    }
    if (isHealthy !== undefined && !isHealthy((deployments[index] as DeploymentConfig).id)) {
      unhealthy ??= [];
      unhealthy.push(index);
      unhealthyCount += 1;
      continue;
    }
    eligible[count] = index;
    eligibleWeight += weights[index] as number;
    count += 1;
  }
  const skipped: SkipCounts = { excluded, cooling, overLimit, contextWindow: tooSmall, unhealthy: unhealthyCount };
  let chosenFrom = eligible;
  let healthNote = "";
  if (count === 0 && unhealthy !== undefined) {
    chosenFrom = unhealthy;
    for (const index of unhealthy) eligibleWeight += weights[index] as number;
    count = unhealthyCount;
    healthNote = " (every remaining deployment failed its health probe; using them anyway)";
  }
  if (count === 0) {
    const recovery = Number.isFinite(earliestRecoveryAt) ? earliestRecoveryAt : null;
    return { deployment: null, reason: noneReason(group, skipped, recovery, now), candidates: [], skipped, earliestRecoveryAt: recovery };
  }
  const context: StrategyContext = {
    group,
    deployments,
    runtimes,
    knownRuntimes: given.length,
    plan,
    eligible: chosenFrom,
    count,
    eligibleWeight,
    estimatedInputTokens: request.estimatedInputTokens,
    estimatedOutputTokens: request.estimatedOutputTokens,
    sessionKey: request.sessionKey,
    weights: request.weights ?? options.defaultWeights ?? neutralWeights,
    now,
    random: options.random,
    expectedCorrectness: options.expectedCorrectness,
    latencyBuffer: plan.latencyBuffer,
    latencyTtlMs: plan.latencyTtlMs,
  };
  const choice = strategies[group.strategy](context);
  // Candidate ids are listed on first read: the route trace wants them, the hot path does not.
  let candidates: string[] | undefined;
  return {
    deployment: deployments[choice.index] ?? null,
    reason: `${choice.reason}${healthNote}${skippedNote(skipped)}`,
    get candidates(): string[] {
      if (candidates === undefined) {
        candidates = new Array<string>(count);
        for (let position = 0; position < count; position += 1) candidates[position] = (deployments[chosenFrom[position] as number] as DeploymentConfig).id;
      }
      return candidates;
    },
    skipped,
    earliestRecoveryAt: null,
  };
}

/** Missing runtimes count as fresh; only callers that pass none (or too few) pay for the copy. */
function padded(given: readonly DeploymentRuntime[], size: number): DeploymentRuntime[] {
  const runtimes = given.slice(0, size);
  while (runtimes.length < size) runtimes.push(fresh);
  return runtimes;
}

/** When an over-limit deployment has room again (+Infinity: never, the request is larger than the tpm budget). */
function limitRecovery(index: number, plan: GroupPlan, runtime: DeploymentRuntime, tokens: number, now: number): number {
  const tokenLimit = plan.tpm[index] as number;
  if (tokens > tokenLimit) return Number.POSITIVE_INFINITY;
  const windowEnd = runtime.oldestInWindowAt === null ? now : runtime.oldestInWindowAt + usageWindowMs;
  if (runtime.requestsInWindow >= (plan.rpm[index] as number)) return windowEnd;
  if (runtime.tokensInWindow + tokens > tokenLimit && runtime.tokensInWindow > 0) return windowEnd;
  // In-flight requests end at no known time; a short poll is the honest answer.
  return now + 250;
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
