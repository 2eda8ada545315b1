import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { LATENCY_WINDOW, type ModeStatistics } from "./mode-statistics.ts";
import { parsePolicyState, type SerialisedAdaptivePolicy } from "./policy-state.ts";

/** A replica id: what one gateway process saves its learned contribution under. */
const REPLICA_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Rows one contribution may carry: 3 modes for 1,000 deployments is far past any real config. */
export const MAX_CONTRIBUTION_ROWS = 3_000;
/** Longest deployment id a contribution may name (config ids are short; this only stops a flood). */
const MAX_DEPLOYMENT_ID = 256;

/** A replica id or a stored contribution the policy refuses to merge; says which, what was wrong and the fix. */
export class PolicyContributionError extends SwitchyardError {
  constructor(
    readonly replica: string,
    readonly problem: string,
  ) {
    super(
      "output_mode_state_invalid",
      `adaptive output-mode policy: replica ${JSON.stringify(replica.slice(0, 140))} ${problem}. Fix: a replica id is 1-128 letters, digits, ".", "_", ":" or "-" starting with a letter or digit; a stored contribution that cannot be read is skipped (delete it, or let the replica that owns it save again).`,
    );
  }
}

/** Refuses a replica id a store key should not carry (empty, too long, control characters, slashes). */
export function assertReplicaId(replica: string): string {
  if (typeof replica !== "string" || !REPLICA_ID.test(replica)) throw new PolicyContributionError(String(replica), "is not a valid replica id");
  return replica;
}

/** What one replica saves: its own statistics only (never what it merged from others), and when. */
export interface ReplicaContribution {
  replica: string;
  savedAt: number;
  state: SerialisedAdaptivePolicy;
}

const envelope = z.strictObject({ version: z.literal(1), replica: z.string(), savedAt: z.number().int().nonnegative(), state: z.unknown() });

/** The stored form of a contribution (version 1). */
export function contributionValue(contribution: ReplicaContribution): Record<string, unknown> {
  return { version: 1, replica: contribution.replica, savedAt: contribution.savedAt, state: contribution.state };
}

/**
 * Reads one stored contribution, refusing anything that could poison the merge: a key and body that name
 * different replicas, non-finite or impossible figures (a discounted sum past what the discount allows, more
 * valid answers than calls, more right verdicts than verdicts), duplicate rows, oversized bodies.
 *
 * @example
 * const contribution = parseContribution("replica-b", item.value, { calls: 200, verdicts: 1333 });
 */
export function parseContribution(key: string, value: unknown, bounds: { calls: number; verdicts: number }): ReplicaContribution {
  const replica = assertReplicaId(key);
  const parsed = envelope.safeParse(value);
  if (!parsed.success) throw new PolicyContributionError(replica, `wrote a contribution that is not version-1 state (${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ")})`);
  if (parsed.data.replica !== replica) throw new PolicyContributionError(replica, `holds a contribution signed by replica ${JSON.stringify(parsed.data.replica.slice(0, 140))}`);
  let state: SerialisedAdaptivePolicy;
  try {
    state = parsePolicyState(parsed.data.state);
  } catch (error) {
    throw new PolicyContributionError(replica, `wrote unreadable statistics (${error instanceof Error ? error.message : String(error)})`);
  }
  if (state.statistics.length > MAX_CONTRIBUTION_ROWS) throw new PolicyContributionError(replica, `wrote ${state.statistics.length} rows, over ${MAX_CONTRIBUTION_ROWS}`);
  const seen = new Set<string>();
  for (const row of state.statistics) {
    const where = `row ${JSON.stringify(row.deployment.slice(0, 60))}/${row.mode}`;
    const id = `${row.deployment}\u0000${row.mode}`;
    if (seen.has(id)) throw new PolicyContributionError(replica, `wrote ${where} twice`);
    seen.add(id);
    const problem = rowProblem(row, bounds);
    if (row.deployment.length === 0 || row.deployment.length > MAX_DEPLOYMENT_ID) throw new PolicyContributionError(replica, `wrote a deployment id of ${row.deployment.length} characters`);
    if (problem !== undefined) throw new PolicyContributionError(replica, `wrote ${where} with ${problem}`);
  }
  return { replica, savedAt: parsed.data.savedAt, state };
}

function rowProblem(row: ModeStatistics, bounds: { calls: number; verdicts: number }): string | undefined {
  const figures: Array<[string, number]> = [
    ["count", row.count],
    ["weight", row.weight],
    ["valid", row.valid],
    ["evidence", row.evidence],
    ["evidenceScore", row.evidenceScore],
    ["latencyEwma", row.latencyEwma],
    ["tokensEwma", row.tokensEwma],
    ["costEwma", row.costEwma],
    ...row.latencyWindow.map((value, index): [string, number] => [`latencyWindow[${index}]`, value]),
  ];
  const bad = figures.find(([, value]) => !Number.isFinite(value) || value < 0);
  if (bad !== undefined) return `${bad[0]} = ${bad[1]} (figures are finite and not negative)`;
  const slack = 1e-6;
  if (row.weight > bounds.calls + slack) return `weight ${row.weight} over the ${bounds.calls.toFixed(1)} a discounted call count can reach`;
  if (row.evidence > bounds.verdicts + slack) return `evidence ${row.evidence} over the ${bounds.verdicts.toFixed(1)} discounted verdicts can reach`;
  if (row.valid > row.weight + slack) return `valid ${row.valid} over its weight ${row.weight}`;
  if (row.evidenceScore > row.evidence + slack) return `evidenceScore ${row.evidenceScore} over its evidence ${row.evidence}`;
  if (row.weight > row.count + slack) return `weight ${row.weight} over its call count ${row.count}`;
  if (row.latencyWindow.length > LATENCY_WINDOW) return `${row.latencyWindow.length} latencies, over ${LATENCY_WINDOW}`;
  return undefined;
}

/**
 * Adds `peer` into `into` (both rows of the same deployment and mode): counts and discounted sums add, the
 * moving averages blend by discounted weight, the latency windows share their places by weight, and the
 * change detector, step and alarms stay `into`'s (they are the owning replica's own clock).
 */
export function addStatistics(into: ModeStatistics, peer: Readonly<ModeStatistics>): void {
  const total = into.weight + peer.weight;
  // With no discounted weight left on either side, fall back to raw counts, then to an even blend.
  const share = total > 0 ? peer.weight / total : into.count + peer.count > 0 ? peer.count / (into.count + peer.count) : 0.5;
  const blend = (mine: number, theirs: number) => (into.count === 0 ? theirs : peer.count === 0 ? mine : mine + share * (theirs - mine));
  into.latencyEwma = blend(into.latencyEwma, peer.latencyEwma);
  into.tokensEwma = blend(into.tokensEwma, peer.tokensEwma);
  into.costEwma = blend(into.costEwma, peer.costEwma);
  const fromPeer = Math.min(peer.latencyWindow.length, Math.round(LATENCY_WINDOW * share));
  const fromMine = Math.min(into.latencyWindow.length, LATENCY_WINDOW - fromPeer);
  into.latencyWindow = [...into.latencyWindow.slice(into.latencyWindow.length - fromMine), ...peer.latencyWindow.slice(peer.latencyWindow.length - Math.min(peer.latencyWindow.length, LATENCY_WINDOW - fromMine))];
  into.count += peer.count;
  into.weight += peer.weight;
  into.valid += peer.valid;
  into.evidence += peer.evidence;
  into.evidenceScore += peer.evidenceScore;
  into.feedbackCount += peer.feedbackCount;
  into.shadowCount += peer.shadowCount;
}

/** Scales a row's discounted sums (its evidence and its forgetting), leaving its counts and averages alone. */
export function scaleStatistics(row: ModeStatistics, factor: { calls: number; verdicts: number }): void {
  row.weight *= factor.calls;
  row.valid *= factor.calls;
  row.evidence *= factor.verdicts;
  row.evidenceScore *= factor.verdicts;
}
