import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { loadConfig } from "../config/load.ts";
import { SwitchyardError } from "../errors.ts";
import { AdaptivePolicy, autosavePolicy, loadPolicy } from "../output-modes/index.ts";
import type { SwitchyardConfig } from "../config/schema.ts";
import { loadEmulatorProfile, startEmulators, startEmulatorsInWorker, type EmulatorProfile, type RunningEmulators } from "../emulators/index.ts";
import { createEngine, type Engine, type Sleep, type TimeoutSignal } from "./engine.ts";
import { closeGuardianOf } from "../guardian/engine-guardian.ts";
import { createRoutingStateStore } from "../routing/index.ts";
import { createRouterPlanner, type RouterPlanner } from "./router-planner.ts";

export interface StartEngineOptions {
  /** Where the adaptive output-mode policy's statistics persist across restarts (the gateway's store). */
  store?: BaseStore;
  /** A parsed config; else `configPath`; else the built-in default. */
  config?: SwitchyardConfig;
  configPath?: string;
  /** Overrides the config's emulator profile. */
  emulatorProfile?: EmulatorProfile;
  /**
   * Where emulated backends run: "main" (this thread; the default, so tests can steer them synchronously) or
   * "worker" (a thread of their own, as a server wants: a provider's work is not the gateway's).
   */
  emulatorThread?: "main" | "worker";
  seed?: number;
  now?: () => number;
  random?: () => number;
  sleep?: Sleep;
  timeout?: TimeoutSignal;
}

export interface StartedEngine extends Engine {
  /** Present when any deployment runs on an emulator. */
  readonly emulators: RunningEmulators | undefined;
}

/**
 * Builds an engine and starts the emulators its deployments need, in this process.
 *
 * @example
 * const engine = await startEngine();            // built-in default, every backend emulated
 * const engine = await startEngine({ configPath: "switchyard.yaml" });
 */
export async function startEngine(options: StartEngineOptions = {}): Promise<StartedEngine> {
  const config = options.config ?? loadConfig(options.configPath).config;
  const needsEmulators = config.deployments.some((deployment) => deployment.base_url === "emulator");
  const profile =
    options.emulatorProfile ?? (config.emulators.profile === undefined ? undefined : loadEmulatorProfile(config.emulators.profile));
  const emulatorOptions = { seed: options.seed ?? config.emulators.seed, ...(profile ? { profile } : {}) };
  const emulators = !needsEmulators
    ? undefined
    : options.emulatorThread === "worker"
      ? await startEmulatorsInWorker(emulatorOptions)
      : await startEmulators(emulatorOptions);
  const routingState = createRoutingStateStore(config);
  const policy = await restorePolicy(config, options.store);
  const autosave = options.store === undefined ? undefined : autosavePolicy(policy, { store: options.store, every: 25 });
  let planner: RouterPlanner | undefined;
  const engine = createEngine({
    config,
    planner: (parts) => {
      planner = createRouterPlanner({ ...parts, state: routingState, policy, ...(emulators ? { emulators: emulators.urls } : {}) });
      return planner;
    },
    ...(emulators ? { emulators: emulators.urls } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
    // Feedback and shadow verdicts go to the same policy the planner chooses with; gold labels go nowhere.
    policy,
    ...(options.store ? { store: options.store } : {}),
    // A quarantined or cooling-down deployment is no shadow partner: the guardian has taken it out of service.
    canServe: async (id) => {
      const status = (await planner?.router.status())?.find((candidate) => candidate.id === id);
      return status === undefined || (status.healthy && !status.coolingDown);
    },
    onClose: async () => {
      planner?.stop();
      await closeGuardianOf(engine);
      await autosave?.flush();
      autosave?.stop();
      await emulators?.close();
      await routingState.close();
    },
  });
  // Health probes (when the config has a `health` section) run for the engine's lifetime.
  planner?.start();
  return Object.assign(engine, { emulators });
}

/**
 * The adaptive policy, with the statistics it learned before a restart when a store holds them. State
 * that cannot be read (corrupt, or from a newer switchyard) is reported and learning starts afresh: a
 * policy is an optimisation, never a reason not to serve.
 */
async function restorePolicy(config: SwitchyardConfig, store: BaseStore | undefined): Promise<AdaptivePolicy> {
  const providers = new Map(config.deployments.map((deployment) => [deployment.id, deployment.provider]));
  const policyConfig = { providerOf: (id: string) => providers.get(id), maxExplorationFraction: config.output_modes.max_exploration };
  if (store === undefined) return new AdaptivePolicy(policyConfig);
  try {
    return await loadPolicy(store, undefined, policyConfig);
  } catch (error) {
    if (!(error instanceof SwitchyardError)) throw error;
    console.warn(`switchyard: starting the output-mode policy afresh: ${error.message}`);
    return new AdaptivePolicy(policyConfig);
  }
}
