import type { DeploymentConfig, ModelGroupConfig } from "../config/schema.ts";
import { RuntimeTable } from "./runtime-table.ts";
import { usageWindowMs, type DeploymentRuntime } from "./state-store.ts";
import { strategies } from "./strategies/index.ts";
import type { ExpectedCorrectness, StrategyContext, TriadWeights } from "./strategies/strategy.ts";
import { groupPlan, type GroupPlan } from "./strategies/group-plan.ts";
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
const noIndexes: readonly number[] = Object.freeze([]);

/**
 * Reused index buffers (selection is synchronous, so one set serves every call): a selection at 1,000
 * deployments allocated an 8 KB candidate array per call, and the young-generation collections that followed
 * were what set its p99. `passedOver` lists, in order, every deployment the filter left out.
 */
let eligibleScratch = new Int32Array(64);
let passedOverScratch = new Int32Array(64);
let unhealthyScratch = new Int32Array(64);

function reserve(size: number): void {
  if (eligibleScratch.length >= size) return;
  eligibleScratch = new Int32Array(size * 2);
  passedOverScratch = new Int32Array(size * 2);
  unhealthyScratch = new Int32Array(size * 2);
}

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
  const limits = plan.limits;
  const table = runtimeTable(options.runtimes, size);
  const exclude = request.exclude !== undefined && request.exclude.size > 0 ? request.exclude : undefined;
  const isHealthy = options.isHealthy;
  reserve(size);
  const eligible = eligibleScratch;
  const passedOver = passedOverScratch;
  const unhealthy = unhealthyScratch;
  let eligibleWeight = 0;
  const weights = plan.weight;
  const tokens = request.estimatedInputTokens + request.estimatedOutputTokens;
  // Most requests fit every deployment's window and tpm budget: then those two reads per deployment are skipped.
  const checkWindow = tokens > plan.smallestContextWindow;
  const checkTpm = tokens > plan.smallestTpm;
  // The table's bounds say which checks some row could fail; the others are skipped for every row.
  let checkCooldown = table.latestCooldownUntil > now;
  let checkLimits = !clearOfLimits(table, plan, tokens, checkTpm);
  if ((checkCooldown || checkLimits) && !table.boundsExact) {
    table.settleBounds(size);
    checkCooldown = table.latestCooldownUntil > now;
    checkLimits = !clearOfLimits(table, plan, tokens, checkTpm);
  }
  const { cooldownUntil, requestsInWindow, inFlight, tokensInWindow } = table;
  let excluded = 0;
  let cooling = 0;
  let overLimit = 0;
  let tooSmall = 0;
  let count = 0;
  let left = 0;
  let unhealthyCount = 0;
  let earliestRecoveryAt = Number.POSITIVE_INFINITY;
  for (let index = 0; index < size; index += 1) {
    if (exclude !== undefined && exclude.has((deployments[index] as DeploymentConfig).id)) {
      excluded += 1;
      passedOver[left++] = index;
      continue;
    }
    if (checkWindow && tokens > (limits[index * 4 + 3] as number)) {
      tooSmall += 1;
      passedOver[left++] = index;
      continue;
    }
    if (checkCooldown) {
      const until = cooldownUntil[index] as number;
      if (until > now) {
        cooling += 1;
        passedOver[left++] = index;
        if (until < earliestRecoveryAt) earliestRecoveryAt = until;
        continue;
      }
    }
    if (checkLimits) {
      // Limits inline (numbers from the plan, +Infinity when unset): four comparisons.
      const used = tokensInWindow[index] as number;
      if (
        (requestsInWindow[index] as number) >= (limits[index * 4] as number) ||
        (inFlight[index] as number) >= (limits[index * 4 + 1] as number) ||
        ((used > 0 || checkTpm) && (used + tokens > (limits[index * 4 + 2] as number) || tokens > (limits[index * 4 + 2] as number)))
      ) {
        overLimit += 1;
        passedOver[left++] = index;
        const until = limitRecovery(index, plan, table, tokens, now);
        if (until < earliestRecoveryAt) earliestRecoveryAt = until;
        continue;
      }
    }
    if (isHealthy !== undefined && !isHealthy((deployments[index] as DeploymentConfig).id)) {
      unhealthy[unhealthyCount++] = index;
      passedOver[left++] = index;
      continue;
    }
    eligible[count++] = index;
    eligibleWeight += weights[index] as number;
  }
  const skipped: SkipCounts = { excluded, cooling, overLimit, contextWindow: tooSmall, unhealthy: unhealthyCount };
  let healthNote = "";
  // The candidate list outlives these buffers: keep the shorter of "these" and "all but these".
  let listed: readonly number[];
  let listedAreCandidates: boolean;
  if (count === 0 && unhealthyCount > 0) {
    for (let position = 0; position < unhealthyCount; position += 1) {
      const index = unhealthy[position] as number;
      eligible[position] = index;
      eligibleWeight += weights[index] as number;
    }
    count = unhealthyCount;
    listed = copied(unhealthy, unhealthyCount);
    listedAreCandidates = true;
    healthNote = " (every remaining deployment failed its health probe; using them anyway)";
  } else if (count <= left) {
    listed = copied(eligible, count);
    listedAreCandidates = true;
  } else {
    listed = copied(passedOver, left);
    listedAreCandidates = false;
  }
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

function copied(buffer: Int32Array, length: number): readonly number[] {
  if (length === 0) return noIndexes;
  const copy = new Array<number>(length);
  for (let position = 0; position < length; position += 1) copy[position] = buffer[position] as number;
  return copy;
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

/**
 * True when no row can be at a limit: the busiest row's counts (upper bounds) are under the group's smallest
 * rpm, max_concurrent and tpm limits, so the per-deployment limit checks would all pass.
 */
function clearOfLimits(table: RuntimeTable, plan: GroupPlan, tokens: number, checkTpm: boolean): boolean {
  return (
    table.mostRequestsInWindow < plan.smallestRpm &&
    table.mostInFlight < plan.smallestMaxConcurrent &&
    (table.mostTokensInWindow + tokens <= plan.smallestTpm || (table.mostTokensInWindow <= 0 && !checkTpm))
  );
}

/** When an over-limit deployment has room again (+Infinity: never, the request is larger than the tpm budget). */
function limitRecovery(index: number, plan: GroupPlan, table: RuntimeTable, tokens: number, now: number): number {
  const tokenLimit = plan.tpm[index] as number;
  if (tokens > tokenLimit) return Number.POSITIVE_INFINITY;
  const oldestInWindowAt = table.oldestInWindowAt[index] as number;
  const tokensInWindow = table.tokensInWindow[index] as number;
  const windowEnd = Number.isNaN(oldestInWindowAt) ? now : oldestInWindowAt + usageWindowMs;
  if ((table.requestsInWindow[index] as number) >= (plan.rpm[index] as number)) return windowEnd;
  if (tokensInWindow + tokens > tokenLimit && tokensInWindow > 0) return windowEnd;
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
