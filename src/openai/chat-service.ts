import { randomUUID } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";
import type { EmulatorUrls } from "../backends/build-model.ts";
import type { Engine } from "../runtime/engine.ts";
import type { Attempt, GatewayRequest } from "../state/gateway-state.ts";
import type { SwitchyardMetrics } from "../telemetry/metrics.ts";
import { AffinityTracker } from "./affinity.ts";
import { AfterResponse } from "./after-response.ts";
import { promptText, toLangChainMessages } from "./chat-messages.ts";
import { fastChatRequest } from "./chat-fast-check.ts";
import { chatRequestSchema, paramOf, type ChatRequest } from "./chat-request.ts";
import { langchainRun, proxyRun, structuredRun, type RunValue } from "./chat-runs.ts";
import { ModelTargets, type ModelTarget } from "./model-target.ts";
import { OpenAIRequestError } from "./openai-error.ts";
import { assertCarriable, assertStructuredCarriable } from "./provider-carriage.ts";
import { routeAttempts, type AttemptTarget, type RouteAttemptsOptions, type RoutedAnswer } from "./route-attempts.ts";
import { StructuredTargets, type StructuredTarget } from "./structured-target.ts";
import { Upstreams } from "./upstream.ts";

export interface ChatServiceOptions {
  engine: Engine;
  /** Where `base_url: emulator` deployments listen (the started engine's emulators). */
  emulators?: EmulatorUrls | undefined;
  /** Which request text keys prompt-cache affinity: the `user` field, the prompt's first 512 characters, or none. */
  affinity?: "user" | "prefix" | "off";
  generateId?: () => string;
  now?: () => number;
  /** The server's metrics: attempts are recorded as the graph path records them, plus affinity hits. */
  metrics?: SwitchyardMetrics;
}

/** A parsed, checked chat request, ready to route. */
export interface PreparedChat {
  request: ChatRequest;
  target: ModelTarget;
  structured: StructuredTarget | undefined;
  gatewayRequest: GatewayRequest;
  promptTokens: number;
}

const PREFIX_CHARS = 512;

/** The zod parse at the trust edge: the fallback of fastChatRequest, and the one that names a bad field. */
function parseChatRequest(body: unknown): ChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = paramOf(issue?.path ?? []);
  throw new OpenAIRequestError({ status: 400, param: param === "" ? null : param, code: "invalid_request", message: `${param === "" ? "body" : param}: ${issue?.message ?? "invalid"}. Fix: send an OpenAI Chat Completions request body.` });
}

/**
 * The chat completions fast path on the engine: parse at the edge, refuse what a reachable provider cannot
 * carry, then route like the graph does (routeAttempts) and call the chosen deployment directly: proxied for
 * OpenAI-compatible ones, through the LangChain client for Gemini and Ollama, through the triad for
 * response_format.
 */
export class ChatService {
  readonly engine: Engine;
  readonly upstreams: Upstreams;
  readonly targets: ModelTargets;
  readonly structured: StructuredTargets;
  readonly generateId: () => string;
  readonly now: () => number;
  readonly #affinity: "user" | "prefix" | "off";
  readonly affinity: AffinityTracker;
  readonly #metrics: SwitchyardMetrics | undefined;
  /** Each finished request's bookkeeping, run after its response is written (see AfterResponse). */
  readonly after = new AfterResponse();

  constructor(options: ChatServiceOptions) {
    this.engine = options.engine;
    this.upstreams = new Upstreams({ emulators: options.emulators });
    this.targets = new ModelTargets(options.engine.config);
    this.structured = new StructuredTargets(options.engine.schemas, options.engine.config);
    this.generateId = options.generateId ?? (() => randomUUID().replaceAll("-", ""));
    this.now = options.now ?? Date.now;
    this.#affinity = options.affinity ?? "user";
    this.#metrics = options.metrics;
    this.affinity = new AffinityTracker(options.metrics?.registry);
  }

  /** Parses and checks a body; throws OpenAIRequestError with `param` naming the field at fault. */
  prepare(body: unknown): PreparedChat {
    const request = fastChatRequest(body) ?? parseChatRequest(body);
    const target = this.targets.resolve(request.model);
    const structured = this.structured.of(request.response_format, target.reachable);
    for (const deployment of target.reachable) {
      if (structured === undefined) assertCarriable(deployment.provider, request);
      else assertStructuredCarriable(deployment.provider, request);
    }
    const text = promptText(request.messages);
    const sessionKey = this.#affinity === "user" ? request.user : this.#affinity === "prefix" ? text.slice(0, PREFIX_CHARS) : undefined;
    // Built from parsed, checked parts (no second parse on the hot path): the shape gatewayRequestSchema gives.
    // Assigned, not spread (conditional spreads take V8's slow clone path; see bench/fast-path-objects.ts).
    const gatewayRequest: GatewayRequest = { input: text === "" ? " " : text, schema_id: structured === undefined ? "ticket" : structured.schemaId, model_group: target.group, stream_policy: "buffered", approval: "none" };
    if (target.deployment !== undefined) gatewayRequest.deployment = target.deployment;
    if (structured === undefined) gatewayRequest.mode = "emit";
    if (sessionKey) gatewayRequest.session_key = sessionKey;
    // Four characters a token: planning reserves tpm with it; the provider's usage settles the real count.
    return { request, target, structured, gatewayRequest, promptTokens: Math.ceil(text.length / 4) };
  }

  /** After a request: its attempts into the metrics (as the graph path records them) and the affinity count. */
  observe(prepared: PreparedChat, attempts: readonly Attempt[]): void {
    this.#metrics?.recordAttempts(attempts);
    const answered = attempts.at(-1);
    this.affinity.observe(prepared.gatewayRequest.session_key, answered?.outcome === "ok" ? answered.deployment : undefined);
  }

  /** Routes one prepared request to an answer (non-streamed; streams use ChatStreams). */
  async answer(prepared: PreparedChat, signal?: AbortSignal): Promise<RoutedAnswer<RunValue>> {
    let messages: BaseMessage[] | undefined;
    const options: RouteAttemptsOptions = { request: prepared.gatewayRequest, promptTokens: prepared.promptTokens, signal, structured: prepared.structured !== undefined, after: this.after };
    // Assigned, not a named arrow in the literal: tsx (esbuild keepNames) names those with a defineProperty per request.
    options.onFinish = (attempts) => this.observe(prepared, attempts);
    return routeAttempts(this.engine, options, (target: AttemptTarget) => {
      if (prepared.structured !== undefined) return structuredRun(this.engine, prepared.structured, (messages ??= toLangChainMessages(prepared.request.messages)), target);
      if (target.deployment.provider === "openai") return proxyRun(this.upstreams, prepared.request, target);
      return langchainRun(this.engine, prepared.request, (messages ??= toLangChainMessages(prepared.request.messages)), target, this.generateId);
    });
  }
}
