import type { StrategyName, SwitchyardConfig } from "../config/schema.ts";
import type { OutputMode } from "../output-modes/protocol.ts";
import { OUTPUT_MODES } from "../output-modes/protocol.ts";

/** What the guardian needs of the router: its shared state's cooldowns and its config. */
export interface CooldownRouter {
  readonly config: SwitchyardConfig;
  readonly state: { setCooldown(deploymentId: string, until: number, reason: string): Promise<unknown> };
}

/** What it needs of the adaptive output-mode policy. */
export interface ModeSwitchPolicy {
  blockMode(deployment: string, mode: OutputMode, blocked: boolean): void;
  setExploration(deployment: string, fraction: number | undefined): void;
}

/**
 * A group strategy override the planner consults. Until the planner reads it (see the guardian README
 * section), `routingRecoveryTarget` also writes the override onto the group's config entry, which is the
 * object the router selects with, and puts the configured strategy back when the override is lifted.
 */
export class StrategyOverrides {
  readonly #overrides = new Map<string, StrategyName>();

  get(group: string): StrategyName | undefined {
    return this.#overrides.get(group);
  }

  set(group: string, strategy: StrategyName | undefined): void {
    if (strategy === undefined) this.#overrides.delete(group);
    else this.#overrides.set(group, strategy);
  }

  entries(): Array<[string, StrategyName]> {
    return [...this.#overrides.entries()];
  }
}

const isMode = (mode: string): mode is OutputMode => (OUTPUT_MODES as readonly string[]).includes(mode);

/**
 * The guardian's recovery actions on the live routing policy: a quarantine is a router cooldown with the
 * guardian's reason, a mode switch blocks the mode in the adaptive policy, a strategy switch overrides the
 * group's strategy.
 */
export function routingRecoveryTarget(router: CooldownRouter, policy: ModeSwitchPolicy, overrides = new StrategyOverrides()) {
  const configured = new Map(router.config.model_groups.map((group) => [group.name, group.strategy]));
  return {
    overrides,
    quarantine: (deployment: string, until: number, reason: string) => router.state.setCooldown(deployment, until, reason),
    blockMode(deployment: string, mode: string, blocked: boolean) {
      if (isMode(mode)) policy.blockMode(deployment, mode, blocked);
    },
    setExploration: (deployment: string, fraction: number | undefined) => policy.setExploration(deployment, fraction),
    setStrategy(group: string, strategy: StrategyName | undefined) {
      overrides.set(group, strategy);
      const entry = router.config.model_groups.find((candidate) => candidate.name === group);
      const original = configured.get(group);
      if (entry !== undefined && original !== undefined) entry.strategy = strategy ?? original;
    },
    groupsOf: (deployment: string) => router.config.model_groups.filter((group) => group.deployments.includes(deployment)).map((group) => group.name),
  };
}
