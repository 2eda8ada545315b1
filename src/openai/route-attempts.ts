import type { DeploymentConfig } from "../config/schema.ts";
import type { OutputMode } from "../output-modes/protocol.ts";
import { classifyError, sleepUnlessWoken, wakeListener, type Lease } from "../routing/index.ts";
import type { Engine } from "../runtime/engine.ts";
import { attemptFrom } from "../state/attempt-record.ts";
import type { Attempt, CallRecord, GatewayRequest, RouteDecision } from "../state/gateway-state.ts";
import type { AfterResponse } from "./after-response.ts";
import { OpenAIRequestError } from "./openai-error.ts";

/** One routed attempt as the caller's `run` sees it: where to call, in which mode, by when. */
export interface AttemptTarget {
  deployment: DeploymentConfig;
  mode: OutputMode;
  group: string;
  /** The attempt's deadline and the caller's signal as one signal; built on first use (it costs on the hot path). */
  readonly signal: AbortSignal;
  /** Milliseconds this attempt may take: the deployment's timeout_ms within the request's deadline. */
  budgetMs: number;
  /** The caller's own signal (a closed stream), if any. */
  callerSignal: AbortSignal | undefined;
  /** Attempts made before this one (their deployments failed or answered badly). */
  previous: readonly Attempt[];
}

/** What an attempt produced: an answer (valid or not, per `invalid`), with the provider's usage. */
export interface AttemptResult<T> {
  value: T;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Set when the answer came back but failed validation: the mode gets the blame and routing goes on. */
  invalid?: string;
  repaired?: boolean;
}

export interface RoutedAnswer<T> {
  value: T;
  deployment: DeploymentConfig;
  mode: OutputMode;
  attempts: Attempt[];
}

export interface RouteAttemptsOptions {
  request: GatewayRequest;
  /** The prompt's estimated tokens: planning uses them instead of a BPE pass on the hot path. */
  promptTokens: number;
  signal?: AbortSignal | undefined;
  /**
   * Whether the attempts are output-mode calls (response_format through the triad): only those feed the
   * adaptive mode policy. A plain chat's "emit" says nothing about how a mode carries a schema.
   */
  structured: boolean;
  /** Told the request's attempts once it ends, answered or not (metrics, affinity). */
  onFinish?: (attempts: readonly Attempt[]) => void;
  /**
   * Where the bookkeeping of a finished request goes (a success's lease release and records, the guardian,
   * onFinish): run after the response is written, and settled before this loop plans again. Inline without it.
   */
  after?: AfterResponse | undefined;
}

function callRecord(target: AttemptTarget, reason: string, startedAt: number, latencyMs: number, usage: { inputTokens: number; outputTokens: number; costUsd: number }, inFlight: number | undefined): CallRecord {
  // Assigned, not spread: conditional spreads take V8's slow clone path on this per-attempt object.
  const call: CallRecord = { group: target.group, deployment: target.deployment.id, mode: target.mode, reason, started_at: startedAt, latency_ms: latencyMs, input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, cost_usd: usage.costUsd };
  if (inFlight !== undefined) call.in_flight = inFlight;
  return call;
}

/** The guardian's observation and the caller's onFinish, once a request's attempts are final. */
function observe(engine: Engine, options: RouteAttemptsOptions, attempts: readonly Attempt[]): void {
  engine.guardian.afterRequest({ attempts });
  options.onFinish?.(attempts);
}

function finish(engine: Engine, options: RouteAttemptsOptions, attempts: readonly Attempt[]): void {
  if (options.after === undefined) observe(engine, options, attempts);
  else options.after.defer(() => observe(engine, options, attempts));
}

/** The error a routing failure throws, carrying the attempts made (budgets settle what they cost). */
function failed(attempts: Attempt[], error: OpenAIRequestError): OpenAIRequestError {
  error.attempts = attempts;
  return error;
}

function constant(value: number): () => number {
  return () => value;
}

/**
 * The graph's router loop without the graph: `engine.routing.plan` picks (deployment, mode, lease) with the
 * strategies, cooldowns, limits, health and fallback groups; the outcome is recorded into routing and the
 * adaptive policy exactly as call_model/check_output record it; `engine.routing.classify` decides retry,
 * next deployment, fallback or give-up; the guardian observes the attempts at the end, as its node does.
 * A thrown OpenAIRequestError from `run` is the caller's fault: the lease is released and it propagates.
 */
export async function routeAttempts<T>(engine: Engine, options: RouteAttemptsOptions, run: (target: AttemptTarget) => Promise<AttemptResult<T>>): Promise<RoutedAnswer<T>> {
  const { request } = options;
  const deadlineAt = engine.now() + (request.deadline_ms ?? engine.config.requests.deadline_ms);
  const attempts: Attempt[] = [];
  let decision: RouteDecision | undefined;
  const { after } = options;
  // Module functions, not named arrows here: tsx (esbuild keepNames) names each with a defineProperty per request.
  const promptTokens = constant(options.promptTokens);
  for (;;) {
    // Outcomes deferred past earlier responses land before this plan reads the routing state.
    if (after?.pending) await after.settle();
    const plan = await engine.routing.plan({ request, attempts, deadlineAt, decision, promptTokens });
    if (plan.kind === "give_up") {
      finish(engine, options, attempts);
      throw failed(attempts, new OpenAIRequestError({ status: attempts.length === 0 ? 429 : 502, type: attempts.length === 0 ? "rate_limit_error" : "api_error", code: "no_deployment_available", message: `no deployment could answer: ${plan.reason}` }));
    }
    const delayMs = plan.delayMs ?? 0;
    if (delayMs >= deadlineAt - engine.now()) {
      if (plan.kind === "call" && plan.lease) await engine.routing.router.release(plan.lease);
      finish(engine, options, attempts);
      throw failed(attempts, new OpenAIRequestError({ status: 504, code: "deadline_exceeded", message: `${plan.reason}; waiting ${delayMs} ms would pass the request's deadline` }));
    }
    if (plan.kind === "wait") {
      await sleepUnlessWoken(engine.sleep, delayMs, options.signal, wakeListener(engine.routing.router, plan.wakeOn));
      continue;
    }
    if (delayMs > 0) await engine.sleep(delayMs, options.signal);
    const lease: Lease | undefined = plan.lease;
    const budgetMs = Math.max(1, Math.min(plan.deployment.timeout_ms, deadlineAt - engine.now()));
    let signal: AbortSignal | undefined;
    const callerSignal = options.signal;
    const target: AttemptTarget = {
      deployment: plan.deployment,
      mode: plan.mode,
      group: plan.group,
      budgetMs,
      callerSignal,
      get signal() {
        signal ??= AbortSignal.any([engine.timeout(budgetMs), ...(callerSignal ? [callerSignal] : [])]);
        return signal;
      },
      previous: attempts,
    };
    const startedAt = engine.now();
    try {
      const result = await run(target);
      const call = callRecord(target, plan.reason, startedAt, engine.now() - startedAt, result, plan.inFlight);
      if (result.invalid === undefined) {
        const attempt = attemptFrom(call, { outcome: "ok" });
        attempts.push(attempt);
        const record = options.structured
          ? () => engine.routing.recordSuccess(attempt, lease, result.repaired ?? false)
          : () => engine.routing.router.recordSuccess({ deployment: attempt.deployment, latencyMs: attempt.latency_ms, tokens: attempt.input_tokens + attempt.output_tokens, ...(lease ? { lease } : {}) });
        if (after === undefined) {
          await record();
          observe(engine, options, attempts);
        } else after.defer(() => record().then(() => observe(engine, options, attempts)));
        return { value: result.value, deployment: plan.deployment, mode: plan.mode, attempts };
      }
      const attempt = attemptFrom(call, { outcome: "invalid_output", message: result.invalid });
      attempts.push(attempt);
      await engine.routing.recordFailure(attempt, lease, undefined);
    } catch (error) {
      if (error instanceof OpenAIRequestError) {
        if (lease) await engine.routing.router.release(lease);
        throw failed(attempts, error);
      }
      const classified = classifyError(error, { now: engine.now });
      const call = callRecord(target, plan.reason, startedAt, engine.now() - startedAt, { inputTokens: 0, outputTokens: 0, costUsd: 0 }, plan.inFlight);
      const attempt = attemptFrom(call, { outcome: "transport_error", errorClass: classified.errorClass, message: classified.message, retryAfterMs: classified.retryAfterMs });
      attempts.push(attempt);
      await engine.routing.recordFailure(attempt, lease, error);
    }
    decision = await engine.routing.classify({ request, attempts, deadlineAt });
    if (decision.action === "give_up") {
      finish(engine, options, attempts);
      const last = attempts.at(-1);
      throw failed(attempts, new OpenAIRequestError({ status: 502, code: decision.error_code ?? "no_deployment_available", message: `gave up after ${attempts.length} attempts: ${decision.reason}${last?.message ? ` (last: ${last.message})` : ""}` }));
    }
  }
}
