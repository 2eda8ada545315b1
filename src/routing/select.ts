import type { DeploymentConfig, ModelGroupConfig } from "../config/schema.ts";
import { freshRuntime, usageWindowMs, type DeploymentRuntime } from "./state-store.ts";
import { strategies } from "./strategies/index.ts";
import type { ExpectedCorrectness, StrategyContext, TriadWeights } from "./strategies/strategy.ts";
import { strategyOptions } from "./strategy-options.ts";

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
let eligibleScratch = new Int32Array(64);
let unhealthyScratch = new Int32Array(64);
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
  const { deployments, request, now } = options;
  if (eligibleScratch.length < deployments.length) {
    eligibleScratch = new Int32Array(deployments.length * 2);
    unhealthyScratch = new Int32Array(deployments.length * 2);
  }
  const skipped: SkipCounts = { excluded: 0, cooling: 0, overLimit: 0, contextWindow: 0, unhealthy: 0 };
  const tokens = request.estimatedInputTokens + request.estimatedOutputTokens;
  let count = 0;
  let unhealthyCount = 0;
  let earliestRecoveryAt = Number.POSITIVE_INFINITY;
  for (let index = 0; index < deployments.length; index += 1) {
    const deployment = deployments[index] as DeploymentConfig;
    const runtime = options.runtimes?.[index] ?? fresh;
    if (request.exclude?.has(deployment.id)) {
      skipped.excluded += 1;
      continue;
    }
    if (tokens > deployment.context_window) {
      skipped.contextWindow += 1;
      continue;
    }
    if (runtime.cooldownUntil > now) {
      skipped.cooling += 1;
      earliestRecoveryAt = Math.min(earliestRecoveryAt, runtime.cooldownUntil);
      continue;
    }
    const overLimitUntil = limitRecovery(deployment, runtime, tokens, now);
    if (overLimitUntil !== null) {
      skipped.overLimit += 1;
      earliestRecoveryAt = Math.min(earliestRecoveryAt, overLimitUntil);
      continue;
    }
    if (options.isHealthy !== undefined && !options.isHealthy(deployment.id)) {
      unhealthyScratch[unhealthyCount] = index;
      unhealthyCount += 1;
      continue;
    }
    eligibleScratch[count] = index;
    count += 1;
  }
  skipped.unhealthy = unhealthyCount;
  let eligible = eligibleScratch;
  let healthNote = "";
  if (count === 0 && unhealthyCount > 0) {
    eligible = unhealthyScratch;
    count = unhealthyCount;
    healthNote = " (every remaining deployment failed its health probe; using them anyway)";
  }
  if (count === 0) {
    const recovery = Number.isFinite(earliestRecoveryAt) ? earliestRecoveryAt : null;
    return { deployment: null, reason: noneReason(options.group, skipped, recovery, now), candidates: [], skipped, earliestRecoveryAt: recovery };
  }
  const tuning = strategyOptions(options.group);
  const context: StrategyContext = {
    group: options.group,
    deployments,
    runtimes: options.runtimes ?? [],
    eligible,
    count,
    estimatedInputTokens: request.estimatedInputTokens,
    estimatedOutputTokens: request.estimatedOutputTokens,
    sessionKey: request.sessionKey,
    weights: request.weights ?? options.defaultWeights ?? neutralWeights,
    now,
    random: options.random,
    expectedCorrectness: options.expectedCorrectness,
    latencyBuffer: tuning.latencyBuffer,
    latencyTtlMs: tuning.latencyTtlMs,
  };
  const choice = strategies[options.group.strategy](context);
  // Candidate ids are listed on first read: the route trace wants them, the hot path does not.
  const chosenFrom = eligible.slice(0, count);
  let candidates: string[] | undefined;
  return {
    deployment: deployments[choice.index] ?? null,
    reason: `${choice.reason}${healthNote}${skippedNote(skipped)}`,
    get candidates(): string[] {
      candidates ??= Array.from(chosenFrom, (index) => (deployments[index] as DeploymentConfig).id);
      return candidates;
    },
    skipped,
    earliestRecoveryAt: null,
  };
}

/** When an over-limit deployment has room again, or null when it has room now. */
function limitRecovery(deployment: DeploymentConfig, runtime: DeploymentRuntime, tokens: number, now: number): number | null {
  const limits = deployment.limits;
  // A request larger than the whole tpm budget never fits: skip it with no recovery to wait for.
  if (limits.tpm !== undefined && tokens > limits.tpm) return Number.POSITIVE_INFINITY;
  const windowEnd = runtime.oldestInWindowAt === null ? now : runtime.oldestInWindowAt + usageWindowMs;
  if (limits.rpm !== undefined && runtime.requestsInWindow >= limits.rpm) return windowEnd;
  if (limits.tpm !== undefined && runtime.tokensInWindow + tokens > limits.tpm && runtime.tokensInWindow > 0) return windowEnd;
  // In-flight requests end at no known time; a short poll is the honest answer.
  if (limits.max_concurrent !== undefined && runtime.inFlight >= limits.max_concurrent) return now + 250;
  return null;
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
