import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { buildChatModel, type EmulatorUrls } from "../backends/build-model.ts";
import type { DeploymentConfig, SwitchyardConfig } from "../config/schema.ts";
import type { RoutePlanner } from "./route-planner.ts";
import { SchemaRegistry } from "./schema-registry.ts";
import { UnknownDeploymentError } from "./unknown-deployment-error.ts";

export { UnknownDeploymentError } from "./unknown-deployment-error.ts";

/** Sleeps unless aborted; injected so tests run backoff and cooldown waits on fake timers. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/**
 * A signal that aborts after `ms` on the engine's clock; injected with `now` and `sleep` so a test that runs
 * the clock faster also cuts calls off at the same moment of its time.
 */
export type TimeoutSignal = (ms: number) => AbortSignal;

/**
 * The shared, cross-thread half of a gateway run: backends, routing, schemas, clock. It travels in the
 * LangGraph runtime context, never in checkpointed state.
 */
export interface Engine {
  readonly config: SwitchyardConfig;
  readonly schemas: SchemaRegistry;
  readonly planner: RoutePlanner;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: Sleep;
  readonly timeout: TimeoutSignal;
  deployment(id: string): DeploymentConfig;
  model(id: string): BaseChatModel;
  /** True/false when the request names a task with a known gold answer; undefined otherwise. */
  scoreCorrect(taskId: string | undefined, value: unknown): boolean | undefined;
  close(): Promise<void>;
}

export interface EngineParts {
  config: SwitchyardConfig;
  planner: (engine: Pick<Engine, "config" | "now" | "random" | "schemas">) => RoutePlanner;
  emulators?: EmulatorUrls;
  now?: () => number;
  random?: () => number;
  sleep?: Sleep;
  timeout?: TimeoutSignal;
  scoreCorrect?: (taskId: string | undefined, value: unknown) => boolean | undefined;
  onClose?: () => Promise<void>;
}

/** Assembles an engine from its parts; models are built once, lazily, per deployment. */
export function createEngine(parts: EngineParts): Engine {
  const { config } = parts;
  const models = new Map<string, BaseChatModel>();
  const byId = new Map(config.deployments.map((deployment) => [deployment.id, deployment]));
  const now = parts.now ?? Date.now;
  const random = parts.random ?? Math.random;
  const deployment = (id: string): DeploymentConfig => {
    const found = byId.get(id);
    if (found === undefined) throw new UnknownDeploymentError(id, [...byId.keys()]);
    return found;
  };
  const schemas = new SchemaRegistry();
  const planner = parts.planner({ config, now, random, schemas });
  return {
    config,
    schemas,
    planner,
    now,
    random,
    sleep: parts.sleep ?? realSleep,
    timeout: parts.timeout ?? ((ms) => AbortSignal.timeout(ms)),
    deployment,
    model(id) {
      let model = models.get(id);
      if (model === undefined) {
        model = buildChatModel(deployment(id), parts.emulators === undefined ? {} : { emulators: parts.emulators });
        models.set(id, model);
      }
      return model;
    },
    scoreCorrect: parts.scoreCorrect ?? (() => undefined),
    close: parts.onClose ?? (async () => {}),
  };
}
