import { addStatistics, scaleStatistics, type ReplicaContribution } from "./policy-replicas.ts";
import type { OutputMode } from "./protocol.ts";
import { discountTo, emptyStatistics, statisticsKey, type DiscountConfig, type ModeStatistics } from "./mode-statistics.ts";

interface PeerReplica {
  savedAt: number;
  rows: Map<string, ModeStatistics>;
}

/**
 * What the other replicas of a gateway learned, as this replica last read it from the store. Each
 * replica's rows start decaying on this replica's own call clock from the moment they are first read, so a
 * replica that stopped saving (crashed, scaled down) fades like old local evidence instead of counting in
 * full at every refresh; a newer save of the same replica replaces its rows. A change this replica detects on
 * a mode also forgets the peers' history of that mode, as it does its own.
 *
 * @example
 * const peers = new PeerStatistics(discounting);
 * peers.absorb(contributions, (deployment) => steps.get(deployment) ?? 0);
 * peers.row("gpt", "emit", 40); // the peers' merged statistics, discounted to call 40 of "gpt"
 */
export class PeerStatistics {
  private readonly replicas = new Map<string, PeerReplica>();
  private merged = new Map<string, ModeStatistics>();

  constructor(private readonly discounting: DiscountConfig) {}

  /** Replaces the peers with `contributions` (the caller bounds and validates them), keeping unchanged ones' decay. */
  absorb(contributions: readonly ReplicaContribution[], stepOf: (deployment: string) => number): void {
    const next = new Map<string, PeerReplica>();
    for (const contribution of contributions) {
      const known = this.replicas.get(contribution.replica);
      if (known !== undefined && known.savedAt === contribution.savedAt) {
        next.set(contribution.replica, known);
        continue;
      }
      const rows = new Map<string, ModeStatistics>();
      for (const row of contribution.state.statistics) {
        // Their own clock's step means nothing here: from now on they decay with this replica's calls.
        rows.set(statisticsKey(row.deployment, row.mode), { ...row, latencyWindow: [...row.latencyWindow], detector: { ...row.detector }, step: stepOf(row.deployment) });
      }
      next.set(contribution.replica, { savedAt: contribution.savedAt, rows });
    }
    this.replicas.clear();
    for (const [replica, peer] of next) this.replicas.set(replica, peer);
    this.merged = new Map();
    for (const peer of this.replicas.values()) {
      for (const [key, row] of peer.rows) {
        const step = stepOf(row.deployment);
        discountTo(row, step, this.discounting);
        const into = this.merged.get(key) ?? emptyStatistics(row.deployment, row.mode, step);
        addStatistics(into, row);
        this.merged.set(key, into);
      }
    }
  }

  /** The peers' merged statistics of a (deployment, mode), discounted to `step`; undefined when no peer has any. */
  row(key: string, step: number): ModeStatistics | undefined {
    const row = this.merged.get(key);
    if (row !== undefined) discountTo(row, step, this.discounting);
    return row;
  }

  /** `own` (a replica's own statistics of the mode, or undefined) plus the peers', as a new row; `own` itself when no peer has any. */
  withPeers(own: ModeStatistics | undefined, deployment: string, mode: OutputMode, step: number): ModeStatistics | undefined {
    const peer = this.row(statisticsKey(deployment, mode), step);
    if (peer === undefined) return own;
    const view = own === undefined ? emptyStatistics(deployment, mode, step) : { ...own, latencyWindow: [...own.latencyWindow] };
    addStatistics(view, peer);
    return view;
  }

  /** This replica found a change on the mode: the peers' history of it is forgotten as its own is. */
  forget(key: string, factor: { calls: number; verdicts: number }): void {
    const merged = this.merged.get(key);
    if (merged !== undefined) scaleStatistics(merged, factor);
    for (const peer of this.replicas.values()) {
      const row = peer.rows.get(key);
      if (row !== undefined) scaleStatistics(row, factor);
    }
  }

  /** The replicas merged, newest save first. */
  replicaIds(): string[] {
    return [...this.replicas.entries()].sort(([, left], [, right]) => right.savedAt - left.savedAt).map(([replica]) => replica);
  }
}
