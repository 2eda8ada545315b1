import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { loadConfig } from "../config/load.ts";
import { SwitchyardError } from "../errors.ts";
import { AdaptivePolicy, autosavePolicy, defaultReplicaId, loadPolicy } from "../output-modes/index.ts";
import type { SwitchyardConfig } from "../config/schema.ts";
import { EmulatorsRequiredError, type EmulatedBackends, type EmulatorLauncher } from "../backends/emulated-backends.ts";
import { createEngine, type Engine, type EngineParts, type Sleep, type TimeoutSignal } from "./engine.ts";
import { createRoutingStateStore } from "../routing/index.ts";
import { eventLogLocation, GUARDIAN_SNAPSHOT, openEventLog, type EventLog, type SavedSnapshot } from "../guardian/index.ts";
import { createRouting, type Routing } from "./routing.ts";
import { createTracing, type TracingOptions } from "../telemetry/tracing.ts";
import { installLeanRunContext } from "./lean-run-context.ts";

export interface StartEngineOptions<Running extends EmulatedBackends = EmulatedBackends> {
  /** Where the adaptive output-mode policy's statistics persist across restarts (the gateway's store). */
  store?: BaseStore;
  /**
   * The id this engine saves its learned output-mode statistics under in `store`, and merges every other
   * replica's with (default: host name and process id, plus a count from the second engine of a process on).
   */
  replicaId?: string;
  /** A parsed config; else `configPath`; else the built-in default. */
  config?: SwitchyardConfig;
  configPath?: string;
  /**
   * Starts the backends of `base_url: emulator` deployments: `emulatorLauncher(...)` from src/emulators,
   * which only the outer shell (CLI, dev entry, tests) imports. Without one such a config is an error.
   */
  emulators?: EmulatorLauncher<Running>;
  /** The emulators' seed; else the config's `emulators.seed`. */
  seed?: number;
  /** How the guardian is built (the CLI's `guardian` command gives it a state file and a console sink). */
  guardian?: EngineParts["guardian"];
  now?: () => number;
  random?: () => number;
  sleep?: Sleep;
  timeout?: TimeoutSignal;
  /** Where spans go when the config turns tracing on (tests and the bench: an in-memory exporter); else OTLP. */
  tracing?: TracingOptions;
}

export interface StartedEngine<Running extends EmulatedBackends = EmulatedBackends> extends Engine {
  /** Present when any deployment runs on an emulator. */
  readonly emulators: Running | undefined;
}

/**
 * The one place an engine is assembled: config, clock, models, routing (with its shared state), the
 * adaptive output-mode policy (restored from the store), served requests, feedback, shadow, guardian; and the
 * emulated backends, when the config has any and a launcher is given.
 *
 * @example
 * const engine = await startEngine({ configPath: "switchyard.yaml" });               // real providers
 * const engine = await startEngine({ emulators: emulatorLauncher({ profile }) });  // the built-in default, emulated (tests, demo)
 */
export async function startEngine<Running extends EmulatedBackends = EmulatedBackends>(options: StartEngineOptions<Running> = {}): Promise<StartedEngine<Running>> {
  const config = options.config ?? loadConfig(options.configPath).config;
  // Every graph this engine runs pays core's per-runnable RunTree otherwise (lean-run-context.ts).
  installLeanRunContext();
  const emulated = config.deployments.filter((deployment) => deployment.base_url === "emulator").map((deployment) => deployment.id);
  if (emulated.length > 0 && options.emulators === undefined) throw new EmulatorsRequiredError(emulated);
  const emulators = emulated.length === 0 || options.emulators === undefined ? undefined : await options.emulators({ seed: options.seed ?? config.emulators.seed, profilePath: config.emulators.profile });
  const routingState = createRoutingStateStore(config);
  enginesStarted += 1;
  // Replicas on one store each save their own contribution and merge the others' (policy-store.ts).
  const replicaId = options.replicaId ?? (enginesStarted === 1 ? defaultReplicaId() : `${defaultReplicaId()}-${enginesStarted}`);
  const policy = await restorePolicy(config, options.store, replicaId);
  const tracing = await createTracing(config.telemetry?.tracing, options.tracing);
  const autosave = options.store === undefined ? undefined : autosavePolicy(policy, { store: options.store, every: 25, replicaId, onRefused: (error) => console.warn(`switchyard: ${error.message}`) });
  const eventLog = await sharedEventLog(config, options.guardian);
  const guardianParts = eventLog === undefined ? options.guardian : { ...options.guardian, log: eventLog };
  let routing: Routing | undefined;
  const engine = createEngine({
    config,
    routing: (parts) => {
      routing = createRouting({ ...parts, state: routingState, policy, ...(emulators ? { emulators: emulators.urls } : {}) });
      return routing;
    },
    ...(guardianParts ? { guardian: guardianParts } : {}),
    ...(emulators ? { emulators: emulators.urls } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
    // Feedback and shadow verdicts go to the same policy routing chooses modes with; gold labels go nowhere.
    policy,
    ...(options.store ? { store: options.store } : {}),
    ...(tracing ? { tracing } : {}),
    // A quarantined or unhealthy deployment is down (the guardian or health checks took it out of service); one
    // in router cooldown only cools, and comes back by itself.
    serviceState: async (id) => {
      const status = (await routing?.router.status())?.find((candidate) => candidate.id === id);
      if (status === undefined) return "serving";
      return !status.healthy ? "down" : status.coolingDown ? "cooling" : "serving";
    },
    onClose: async () => {
      await autosave?.flush();
      autosave?.stop();
      // Closed by the guardian when it was ever started; closing again is a no-op.
      await eventLog?.log.close();
      await emulators?.close();
      await routingState.close();
    },
  });
  // Health probes (when the config has a `health` section) run for the engine's lifetime.
  engine.routing.start();
  return Object.assign(engine, { emulators });
}

/** Engines started in this process: the second and later get a distinct default replica id. */
let enginesStarted = 0;

/**
 * With `storage: postgres://…` the guardian's events and baselines go to Postgres (beside the server's
 * tables, in `server.storage_schema`): one log for every replica. Opened here because the guardian is built
 * synchronously and its baselines must be read before it judges anything. A state file or log given by the
 * caller wins.
 */
async function sharedEventLog(config: SwitchyardConfig, parts: EngineParts["guardian"]): Promise<{ log: EventLog; restored: SavedSnapshot | undefined } | undefined> {
  if (parts?.log !== undefined || parts?.stateFile !== undefined) return undefined;
  // The same choice `switchyard events`, `guardian` and `doctor` make to read it back; a SQLite state file is
  // opened by the guardian runtime itself (its calls answer synchronously).
  const location = eventLogLocation(config.checkpoints.url, { schema: config.server.storage_schema });
  if (location.kind !== "postgres") return undefined;
  const log = await openEventLog(location, { onError: (error) => process.stderr.write(`guardian: an event was not written to Postgres: ${String(error)}\n`) });
  try {
    return { log, restored: await log.loadSnapshot(GUARDIAN_SNAPSHOT) };
  } catch (error) {
    await log.close();
    throw error;
  }
}

/**
 * The adaptive policy, with the statistics it learned before a restart when a store holds them. State
 * that cannot be read (corrupt, or from a newer switchyard) is reported and learning starts afresh: a
 * policy is an optimisation, never a reason not to serve.
 */
async function restorePolicy(config: SwitchyardConfig, store: BaseStore | undefined, replicaId: string): Promise<AdaptivePolicy> {
  const providers = new Map(config.deployments.map((deployment) => [deployment.id, deployment.provider]));
  const policyConfig = { providerOf: (id: string) => providers.get(id), maxExplorationFraction: config.output_modes.max_exploration, idleDiscount: config.output_modes.idle_discount };
  if (store === undefined) return new AdaptivePolicy(policyConfig);
  try {
    return await loadPolicy(store, undefined, policyConfig, { replicaId, onRefused: (error) => console.warn(`switchyard: ${error.message}`) });
  } catch (error) {
    if (!(error instanceof SwitchyardError)) throw error;
    console.warn(`switchyard: starting the output-mode policy afresh: ${error.message}`);
    return new AdaptivePolicy(policyConfig);
  }
}
