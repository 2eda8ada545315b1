import type { Engine } from "../runtime/engine.ts";
import { createGuardianRuntime, type GuardianRuntime, type GuardianRuntimeOptions } from "./guardian-runtime.ts";
import type { RecoveryTarget } from "./recovery-target.ts";
import { routingRecoveryTarget, type CooldownRouter, type ModeSwitchPolicy } from "./routing-recovery-target.ts";

const runtimes = new WeakMap<Engine, GuardianRuntime>();

function isRoutingPlanner(planner: unknown): planner is { router: CooldownRouter; policy: ModeSwitchPolicy } {
  if (typeof planner !== "object" || planner === null || !("router" in planner) || !("policy" in planner)) return false;
  const { policy } = planner as { policy: unknown };
  return typeof policy === "object" && policy !== null && "blockMode" in policy;
}

/** The recovery target of an engine: its router's cooldowns and its adaptive policy, when it has them. */
export function engineRecoveryTarget(engine: Engine): RecoveryTarget | undefined {
  return isRoutingPlanner(engine.planner) ? routingRecoveryTarget(engine.planner.router, engine.planner.policy) : undefined;
}

/** Gives an engine a guardian built elsewhere (tests, the CLI with its own state file). */
export function attachGuardian(engine: Engine, runtime: GuardianRuntime): GuardianRuntime {
  runtimes.set(engine, runtime);
  return runtime;
}

/**
 * The guardian of an engine, built on first use and shared by every thread the engine serves: baselines
 * are cross-thread by nature, like the routing state.
 */
export function guardianFor(engine: Engine, options: Partial<Omit<GuardianRuntimeOptions, "config">> = {}): GuardianRuntime {
  let runtime = runtimes.get(engine);
  if (runtime === undefined) {
    const target = options.target ?? engineRecoveryTarget(engine);
    runtime = createGuardianRuntime({ config: engine.config, now: engine.now, sleep: engine.sleep, ...options, ...(target ? { target } : {}) });
    runtimes.set(engine, runtime);
  }
  return runtime;
}

/** Closes an engine's guardian if it was ever started: waits for webhook deliveries, saves baselines. */
export async function closeGuardianOf(engine: Engine): Promise<void> {
  const runtime = runtimes.get(engine);
  if (runtime === undefined) return;
  runtimes.delete(engine);
  await runtime.close();
}
