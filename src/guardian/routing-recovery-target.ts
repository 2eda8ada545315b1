import type { StrategyName, SwitchyardConfig } from "../config/schema.ts";
import type { OutputMode } from "../output-modes/protocol.ts";
import { OUTPUT_MODES } from "../output-modes/protocol.ts";
import { removalRefusal } from "./last-deployment-guard.ts";

/** What the guardian needs of the router: its shared state's cooldowns, its config and strategy overrides. */
export interface CooldownRouter {
  readonly config: SwitchyardConfig;
  readonly state: { setCooldown(deploymentId: string, until: number, reason: string): Promise<unknown> };
  setStrategyOverride(group: string, strategy: StrategyName | undefined): void;
  /** Every deployment's cooldown and health now; with it (and fallbackChain) a quarantine never removes the last one able to serve. */
  status?(): Promise<Array<{ id: string; coolingDown: boolean; healthy: boolean }>>;
  fallbackChain?(group: string): string[];
}

/** What it needs of the adaptive output-mode policy. */
export interface ModeSwitchPolicy {
  blockMode(deployment: string, mode: OutputMode, blocked: boolean): void;
  setExploration(deployment: string, fraction: number | undefined): void;
  probeMode?(deployment: string, mode: OutputMode, share: number | undefined): void;
}

/** The strategy overrides the guardian has applied, for its summaries (the router holds the live ones). */
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
  return {
    overrides,
    quarantine: (deployment: string, until: number, reason: string) => router.state.setCooldown(deployment, until, reason),
    blockMode(deployment: string, mode: string, blocked: boolean) {
      if (isMode(mode)) policy.blockMode(deployment, mode, blocked);
    },
    probeMode(deployment: string, mode: string, share: number | undefined) {
      if (isMode(mode)) policy.probeMode?.(deployment, mode, share);
    },
    setExploration: (deployment: string, fraction: number | undefined) => policy.setExploration(deployment, fraction),
    setStrategy(group: string, strategy: StrategyName | undefined) {
      overrides.set(group, strategy);
      router.setStrategyOverride(group, strategy);
    },
    groupsOf: (deployment: string) => router.config.model_groups.filter((group) => group.deployments.includes(deployment)).map((group) => group.name),
    async removalRefusal(deployment: string, failing: ReadonlySet<string> = new Set()): Promise<string | undefined> {
      if (router.status === undefined) return undefined;
      // A deployment out of cooldown that fails most of its calls (a 429 storm between cooldowns, streams cut
      // mid-way) is no stand-in for the one being removed: the soak's healthy Gemini was quarantined for a
      // 1.3x latency rise while its two failing peers "could serve", and the requests of its group failed.
      const serving = new Set((await router.status()).filter((status) => status.healthy && !status.coolingDown && !failing.has(status.id)).map((status) => status.id));
      return removalRefusal(deployment, {
        groups: router.config.model_groups,
        chainOf: (group) => router.fallbackChain?.(group) ?? [],
        canServe: (id) => serving.has(id),
      });
    },
  };
}
