import { loadConfig } from "../config/load.ts";
import type { SwitchyardConfig } from "../config/schema.ts";
import { loadEmulatorProfile, startEmulators, type EmulatorProfile, type RunningEmulators } from "../emulators/index.ts";
import { isCorrect, workloadTasks } from "../workload/index.ts";
import { createEngine, type Engine, type Sleep } from "./engine.ts";
import { createRoutingStateStore } from "../routing/index.ts";
import { createRouterPlanner, type RouterPlanner } from "./router-planner.ts";

export interface StartEngineOptions {
  /** A parsed config; else `configPath`; else the built-in default. */
  config?: SwitchyardConfig;
  configPath?: string;
  /** Overrides the config's emulator profile. */
  emulatorProfile?: EmulatorProfile;
  seed?: number;
  now?: () => number;
  random?: () => number;
  sleep?: Sleep;
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
  const emulators = needsEmulators
    ? await startEmulators({ seed: options.seed ?? config.emulators.seed, ...(profile ? { profile } : {}) })
    : undefined;
  const routingState = createRoutingStateStore(config);
  let planner: RouterPlanner | undefined;
  const gold = new Map(workloadTasks().map((task) => [task.id, task.gold]));
  const engine = createEngine({
    config,
    planner: (parts) => {
      planner = createRouterPlanner({ ...parts, state: routingState, ...(emulators ? { emulators: emulators.urls } : {}) });
      return planner;
    },
    ...(emulators ? { emulators: emulators.urls } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    scoreCorrect(taskId, value) {
      if (taskId === undefined) return undefined;
      const expected = gold.get(taskId);
      return expected === undefined ? undefined : isCorrect(expected, value);
    },
    onClose: async () => {
      planner?.stop();
      await emulators?.close();
      await routingState.close();
    },
  });
  // Health probes (when the config has a `health` section) run for the engine's lifetime.
  planner?.start();
  return Object.assign(engine, { emulators });
}
