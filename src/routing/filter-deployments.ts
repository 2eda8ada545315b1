import type { DeploymentConfig } from "../config/schema.ts";
import { CooldownPartition } from "./cooldown-partition.ts";
import type { RuntimeTable } from "./runtime-table.ts";
import { slotPollMs, usageWindowMs } from "./state-store.ts";
import type { GroupPlan } from "./strategies/group-plan.ts";

/** How many deployments each filter removed. */
export interface SkipCounts {
  excluded: number;
  cooling: number;
  overLimit: number;
  contextWindow: number;
  unhealthy: number;
}

export interface FilterInput {
  deployments: readonly DeploymentConfig[];
  plan: GroupPlan;
  table: RuntimeTable;
  tokens: number;
  exclude: ReadonlySet<string> | undefined;
  isHealthy: ((deploymentId: string) => boolean) | undefined;
  now: number;
}

/** What the filter leaves for the strategy, and what it left out. */
export interface Eligibility {
  /** Indexes of the deployments to choose among, in `eligible[0..count)`; read only. */
  eligible: Int32Array;
  count: number;
  eligibleWeight: number;
  skipped: SkipCounts;
  /** When the first cooling or over-limit deployment is usable again (+Infinity: none will be). */
  earliestRecoveryAt: number;
  /** Indexes kept for the candidate list: the candidates themselves, or (ascending) every deployment left out. */
  listed: readonly number[];
  listedAreCandidates: boolean;
  healthNote: string;
}

/** A cooldown-only filter result of a table: its split (patched as cooldowns change) and the answer built from it. */
interface CachedEligibility {
  plan: GroupPlan;
  partition: CooldownPartition;
  eligibility: Eligibility;
}

const noIndexes: readonly number[] = Object.freeze([]);
const cooldownOnlyResults = new WeakMap<RuntimeTable, CachedEligibility>();

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
 * Leaves out excluded, too-small, cooling-down, over-limit and unhealthy deployments (the unhealthy ones come
 * back when nothing else is left). Checks that no row can fail, by the table's bounds, are skipped for every
 * row. When only cooldowns can remove a deployment (the steady state: nothing excluded, no deployment near a
 * limit, everyone healthy) the answer changes only with a cooldown write or a cooldown ending, so it is kept
 * per table and reused, and patched for the deployments whose cooldown changed (`CooldownPartition`): selection
 * then costs the strategy's pass alone.
 */
export function filterDeployments(input: FilterInput): Eligibility {
  const { deployments, plan, table, tokens, exclude, isHealthy, now } = input;
  const size = deployments.length;
  const limits = plan.limits;
  const weights = plan.weight;
  // Most requests fit every deployment's window and tpm budget: then those two reads per deployment are skipped.
  const checkWindow = tokens > plan.smallestContextWindow;
  const checkTpm = tokens > plan.smallestTpm;
  // The table's bounds say which checks some row could fail; the others are skipped for every row.
  let checkCooldown = table.latestCooldownUntil > now;
  let checkLimits = !clearOfLimits(table, plan, tokens, checkTpm);
  if ((checkCooldown && !table.cooldownBoundExact) || (checkLimits && !table.limitBoundsExact)) {
    table.settleBounds(size);
    checkCooldown = table.latestCooldownUntil > now;
    checkLimits = !clearOfLimits(table, plan, tokens, checkTpm);
  }
  const cooldownOnly = exclude === undefined && !checkWindow && !checkLimits && isHealthy === undefined;
  const cached = cooldownOnly ? cooldownOnlyResults.get(table) : undefined;
  if (cached !== undefined && cached.plan === plan && cached.partition.eligible.length === size) {
    if (cached.partition.current(table, now)) return cached.eligibility;
    if (cached.partition.update(table, weights, plan.integerWeights, now)) {
      cached.eligibility = cooldownOnlyEligibility(cached.partition);
      return cached.eligibility;
    }
  }
  const { cooldownUntil, requestsInWindow, inFlight, tokensInWindow } = table;
  reserve(size);
  const eligible = eligibleScratch;
  const passedOver = passedOverScratch;
  const unhealthy = unhealthyScratch;
  let eligibleWeight = 0;
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
  if (!cooldownOnly) return { eligible, count, eligibleWeight, skipped, earliestRecoveryAt, listed, listedAreCandidates, healthNote };
  // Only cooldowns left deployments out, so `passedOver` is the cooling ones: kept, and patched from now on.
  const partition = cached !== undefined && cached.plan === plan && cached.partition.eligible.length === size ? cached.partition : new CooldownPartition(size);
  partition.fill(eligible, count, passedOver, left, eligibleWeight, earliestRecoveryAt, table.cooldownVersion, now);
  const eligibility: Eligibility = { eligible: partition.eligible, count, eligibleWeight, skipped: Object.freeze(skipped), earliestRecoveryAt, listed, listedAreCandidates, healthNote };
  cooldownOnlyResults.set(table, { plan, partition, eligibility });
  return eligibility;
}

/** The answer of a cooldown-only split (the same fields a full filter would give); counts frozen, selections share them. */
function cooldownOnlyEligibility(partition: CooldownPartition): Eligibility {
  const { eligible, count, cooling, coolingCount } = partition;
  const skipped: SkipCounts = Object.freeze({ excluded: 0, cooling: coolingCount, overLimit: 0, contextWindow: 0, unhealthy: 0 });
  const listedAreCandidates = count <= coolingCount;
  const listed = listedAreCandidates ? copied(eligible, count) : copied(cooling, coolingCount);
  return { eligible, count, eligibleWeight: partition.eligibleWeight, skipped, earliestRecoveryAt: partition.earliestRecoveryAt, listed, listedAreCandidates, healthNote: "" };
}

function copied(buffer: Int32Array, length: number): readonly number[] {
  if (length === 0) return noIndexes;
  const copy = new Array<number>(length);
  for (let position = 0; position < length; position += 1) copy[position] = buffer[position] as number;
  return copy;
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
  // In-flight requests end at no known time; a short poll is the honest answer (a release here wakes it sooner).
  return now + slotPollMs;
}
