import { randomUUID } from "node:crypto";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { buildChatModel, type EmulatorUrls } from "../backends/build-model.ts";
import type { DeploymentConfig, SwitchyardConfig } from "../config/schema.ts";
import { AdaptivePolicy } from "../output-modes/adaptive-policy.ts";
import { FeedbackService } from "../output-modes/feedback.ts";
import { ServedRequests } from "../output-modes/served-requests.ts";
import { ShadowAgreement } from "../output-modes/shadow-agreement.ts";
import type { GatewayRequest } from "../state/gateway-state.ts";
import { createGuardianRuntime, routingRecoveryTarget, type GuardianRuntime, type GuardianRuntimeOptions } from "../guardian/index.ts";
import { realSleep, type Sleep, type TimeoutSignal } from "../routing/sleep.ts";
import type { Tracing } from "../telemetry/tracing.ts";
import { ModeCalls } from "./mode-calls.ts";
import type { Routing } from "./routing.ts";
import { SchemaRegistry } from "./schema-registry.ts";
import { UnknownDeploymentError } from "./unknown-deployment-error.ts";

export { UnknownDeploymentError } from "./unknown-deployment-error.ts";

export { realSleep, type Sleep, type TimeoutSignal } from "../routing/sleep.ts";

/**
 * The shared, cross-thread half of a gateway run, one typed set of services: config, clock, ids, models,
 * routing, output modes (policy, served requests, feedback, shadow), guardian. It travels in the LangGraph
 * runtime context (`context: { engine }`), never in checkpointed state; nodes ask it for the service they need.
 */
export interface Engine {
  readonly config: SwitchyardConfig;
  readonly schemas: SchemaRegistry;
  /** Selection, limits, cooldowns, health, retry decisions and the output-mode choice: every routed call's. */
  readonly routing: Routing;
  /** Baselines, degradation detectors, recovery on the routing state, the security log; built on first use. */
  readonly guardian: GuardianRuntime;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: Sleep;
  readonly timeout: TimeoutSignal;
  deployment(id: string): DeploymentConfig;
  model(id: string): BaseChatModel;
  /** Each (deployment, mode, schema, contract)'s prepared structured-output call, built once. */
  readonly modeCalls: ModeCalls;
  /** The adaptive output-mode policy routing chooses modes with (feedback and shadow verdicts land here). */
  readonly policy: AdaptivePolicy;
  /** Which (deployment, mode) answered each request: what feedback is resolved against. */
  readonly served: ServedRequests;
  /** Delayed user verdicts on past requests, recorded into the adaptive policy. */
  readonly feedback: FeedbackService;
  /** Background comparisons of an answer with another (deployment, mode)'s (output_modes.shadow). */
  readonly shadow: ShadowAgreement<GatewayRequest>;
  /** OpenTelemetry traces, when `telemetry.tracing.enabled`: runs carry its callbacks. Undefined when off. */
  readonly tracing: Tracing | undefined;
  close(): Promise<void>;
}

export interface EngineParts {
  config: SwitchyardConfig;
  routing: (engine: Pick<Engine, "config" | "now" | "random" | "schemas">) => Routing;
  /** How the guardian is built (the CLI gives it a state file and a console sink); the defaults otherwise. */
  guardian?: Partial<Omit<GuardianRuntimeOptions, "config" | "now" | "sleep" | "target">>;
  emulators?: EmulatorUrls;
  now?: () => number;
  random?: () => number;
  sleep?: Sleep;
  timeout?: TimeoutSignal;
  /** The adaptive policy feedback and shadow verdicts go to; without one they are accepted and go nowhere. */
  policy?: AdaptivePolicy;
  /** Persists the served-requests ledger, so feedback finds requests after a restart. */
  store?: BaseStore;
  generateId?: () => string;
  /**
   * Whether a deployment serves now, is only in router cooldown, or is down (unhealthy, quarantined): shadow
   * partners come from serving ones, and from cooling ones when shadows may wait for them
   * (`output_modes.shadow.defer`). Left out: every deployment serves.
   */
  serviceState?: (deployment: string) => Promise<DeploymentServiceState>;
  tracing?: Tracing;
  onClose?: () => Promise<void>;
}

/** What shadow agreement needs to know of a deployment: a cooling one comes back by itself, a down one may not. */
export type DeploymentServiceState = "serving" | "cooling" | "down";

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
  const model = (id: string): BaseChatModel => {
    let built = models.get(id);
    if (built === undefined) {
      built = buildChatModel(deployment(id), parts.emulators === undefined ? {} : { emulators: parts.emulators });
      models.set(id, built);
    }
    return built;
  };
  const schemas = new SchemaRegistry();
  const routing = parts.routing({ config, now, random, schemas });
  const sleep = parts.sleep ?? realSleep;
  let guardian: GuardianRuntime | undefined;
  const policy = parts.policy ?? new AdaptivePolicy();
  const generateId = parts.generateId ?? randomUUID;
  const served = new ServedRequests({ generateId, ...(parts.store ? { store: parts.store } : {}) });
  const shadowConfig = config.output_modes.shadow;
  const shadow = new ShadowAgreement<GatewayRequest>({
    config: {
      rate: shadowConfig?.rate ?? 0,
      ...(shadowConfig?.max_rate === undefined ? {} : { maxRate: shadowConfig.max_rate }),
      maxConcurrent: shadowConfig?.max_concurrent ?? 2,
      weight: shadowConfig?.weight ?? 0.5,
      arbitrate: shadowConfig?.arbitrate ?? true,
      ...(shadowConfig?.defer === undefined ? {} : { defer: { maxQueued: shadowConfig.defer.max_queued, maxAgeMs: shadowConfig.defer.max_age_seconds * 1_000 } }),
    },
    now,
    policy,
    random,
    generateId,
    candidates: async () => {
      const states = await Promise.all(config.deployments.map(async (candidate) => (parts.serviceState === undefined ? "serving" : parts.serviceState(candidate.id))));
      return config.deployments.flatMap((candidate, index) => {
        // A deployment that is down is never asked, not even later; a cooling one is marked (asked once it serves).
        const state = states[index];
        if (state === "down") return [];
        return config.output_modes.allowed.filter((mode) => !policy.blockedModes(candidate.id).includes(mode)).map((mode) => ({ deployment: candidate.id, mode, ...(state === "cooling" ? { cooling: true } : {}) }));
      });
    },
  });
  const close = parts.onClose ?? (async () => {});
  return {
    config,
    schemas,
    routing,
    // Built on first use: a process that never serves a request (a CLI listing) opens no event log.
    get guardian() {
      guardian ??= createGuardianRuntime({ config, now, sleep, target: routingRecoveryTarget(routing.router, routing.policy), ...parts.guardian });
      return guardian;
    },
    now,
    random,
    sleep,
    timeout: parts.timeout ?? ((ms) => AbortSignal.timeout(ms)),
    deployment,
    model,
    modeCalls: new ModeCalls(model),
    policy,
    served,
    feedback: new FeedbackService(served, policy, now),
    shadow,
    tracing: parts.tracing,
    close: async () => {
      // Shadows still running would call models the close is about to stop.
      await shadow.drain();
      await served.flush();
      routing.stop();
      // Waits for webhook deliveries and saves baselines, when the guardian was ever started.
      await guardian?.close();
      await close();
      // Last: spans of the runs above end before the exporter flushes and stops.
      await parts.tracing?.shutdown();
    },
  };
}
