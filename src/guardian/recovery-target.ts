import type { StrategyName } from "../config/schema.ts";

/**
 * The narrow surface the guardian acts on. The routing implementation (see routing-recovery-target.ts)
 * puts these onto the shared router state and adaptive mode policy; tests pass a recording fake.
 */
export interface RecoveryTarget {
  /** Cools a deployment down until `until` (epoch ms) with a reason the route trace shows. */
  quarantine(deployment: string, until: number, reason: string): void | Promise<unknown>;
  /** Keeps the adaptive policy from choosing `mode` on `deployment` (or lets it again). */
  blockMode(deployment: string, mode: string, blocked: boolean): void;
  /** Sends a share of a deployment's choices to a mode on probation (undefined stops); targets without it leave probation to chance. */
  probeMode?(deployment: string, mode: string, share: number | undefined): void;
  /** Overrides a deployment's exploration share; undefined returns it to the configured one. */
  setExploration(deployment: string, fraction: number | undefined): void;
  /** Overrides a group's strategy; undefined returns it to the configured one. */
  setStrategy(group: string, strategy: StrategyName | undefined): void;
  /** The groups a deployment serves in. */
  groupsOf(deployment: string): string[];
  /**
   * Why quarantining `deployment` now must be refused (it is the last one able to serve some group's chain),
   * or undefined when it may go. `failing` names deployments the guardian saw fail most of their recent calls:
   * not cooling down does not make them able to serve. Targets without it never refuse.
   */
  removalRefusal?(deployment: string, failing?: ReadonlySet<string>): Promise<string | undefined> | string | undefined;
}

/** A target that does nothing (the guardian still detects and logs). */
export const inertTarget: RecoveryTarget = {
  quarantine: () => {},
  blockMode: () => {},
  setExploration: () => {},
  setStrategy: () => {},
  groupsOf: () => [],
};
