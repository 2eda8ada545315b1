import { createHealthProbe } from "../backends/health-probe.ts";
import type { EmulatorUrls } from "../backends/build-model.ts";
import type { DeploymentConfig, SwitchyardConfig } from "../config/schema.ts";
import { AdaptivePolicy } from "../output-modes/adaptive-policy.ts";
import { carriableModes } from "../output-modes/check-carriable.ts";
import { expectedModeCosts } from "../output-modes/expected-mode-costs.ts";
import type { OutputMode } from "../output-modes/protocol.ts";
import { countTextOffThread } from "../memory/count-off-thread.ts";
import type { SchemaRegistry } from "./schema-registry.ts";
import { classifyError, CorrectnessMemo, HealthMonitor, Router, type Lease, type RoutingStateStore } from "../routing/index.ts";
import { encodingForModel } from "../tokens/encoding-for-model.ts";
import type { Attempt, GatewayRequest, RouteDecision } from "../state/gateway-state.ts";
import { excludedIn, refusedIn, summarise, triedGroupsOf, triedIn } from "./attempt-history.ts";
import { chainOf, createDecideAfter } from "./decide-after.ts";
import { groupFor, nextMode, type PlanInput, type RoutePlan } from "./route-plan.ts";
import { routedCall, type RoutedCallOptions, type RoutedCallResult } from "./routed-call.ts";

export interface RoutingParts {
  config: SwitchyardConfig;
  now: () => number;
  random: () => number;
  state?: RoutingStateStore;
  policy?: AdaptivePolicy;
  /** Where the emulators listen, so health probes of emulated deployments reach them. */
  emulators?: EmulatorUrls;
  /** The engine's schemas: modes that cannot carry a request's schema to a deployment are never picked. */
  schemas?: Pick<SchemaRegistry, "get">;
  /** Replaces the HTTP health probe (tests). */
  probe?: (deployment: DeploymentConfig) => Promise<boolean>;
}

/**
 * A routing lease as the checkpointed state carries it, so the process that finishes a call (maybe not the
 * one that started it: a thread resumes anywhere) can release it.
 */
export type LeaseRef = Lease;

/** The lease a checkpointed choice or call holds, rebuilt from state; undefined when it holds none. */
export function leaseRefOf(record: { deployment: string; lease_id?: string | undefined; lease_tokens?: number | undefined; lease_acquired_at?: number | undefined }): LeaseRef | undefined {
  if (record.lease_id === undefined) return undefined;
  return { deploymentId: record.deployment, leaseId: record.lease_id, tokens: record.lease_tokens ?? 0, acquiredAt: record.lease_acquired_at ?? 0 };
}

/**
 * The engine's routing service, the one name for it ("router" is the subgraph; `Router` in src/routing is
 * selection over the shared routing state, which this service drives). One decision per call, with its reason.
 */
export interface Routing {
  readonly router: Router;
  readonly policy: AdaptivePolicy;
  /** Present when the config has a `health` section; probes run between `start()` and `stop()`. */
  readonly health: HealthMonitor | undefined;
  /** The next attempt of a request: call (deployment, mode, lease), wait, or give up. */
  plan(input: PlanInput): Promise<RoutePlan>;
  /** After an attempt: success, retry the same deployment, the next one, a fallback group, or give up (and why). */
  classify(input: PlanInput): Promise<RouteDecision>;
  /** A call that produced a valid answer; `repaired` when it passed only after local repair. */
  recordSuccess(attempt: Attempt, lease: LeaseRef | undefined, repaired: boolean): Promise<void>;
  /** A transport failure (with the thrown error) or invalid output (error undefined). */
  recordFailure(attempt: Attempt, lease: LeaseRef | undefined, error: unknown): Promise<void>;
  /**
   * A side call (the repair call, the summariser) routed like any call in `group`, so limits, cooldowns and
   * health apply: selects and leases a deployment, runs `call` on it, feeds routing its latency and tokens or
   * its failure, and releases the lease. Undefined when no deployment of the group can take it now.
   */
  routedCall<T>(options: RoutedCallOptions, call: (deployment: DeploymentConfig) => Promise<{ value: T; tokens: number }>): Promise<RoutedCallResult<T> | undefined>;
  /** Starts the health probes (a no-op without a `health` section). */
  start(): void;
  stop(): void;
}

/**
 * Plans each attempt from the request's attempt history (which is checkpointed, so a resumed thread plans
 * the same way): the router's retry decision for the last failure, then selection with cooldowns, limits
 * and health, the fallback groups, and the output mode from the adaptive policy.
 */
export function createRouting(parts: RoutingParts): Routing {
  const { config, now, random } = parts;
  const providerOf = new Map(config.deployments.map((deployment) => [deployment.id, deployment.provider]));
  const deploymentOf = new Map(config.deployments.map((deployment) => [deployment.id, deployment]));
  const policy = parts.policy ?? new AdaptivePolicy({ providerOf: (id) => providerOf.get(id), maxExplorationFraction: config.output_modes.max_exploration, idleDiscount: config.output_modes.idle_discount });
  // The deployment's best estimated correct rate over its modes (5+ calls each); a 0.9 prior until then.
  const expectedCorrectness = (deployment: { id: string }) => {
    let best: number | undefined;
    for (const mode of config.output_modes.allowed) {
      const statistics = policy.statisticsOf(deployment.id, mode);
      if (statistics !== undefined && statistics.count >= 5) best = Math.max(best ?? 0, policy.estimatedCorrectness(deployment.id, mode));
    }
    return best ?? 0.9;
  };
  const health =
    config.health === undefined
      ? undefined
      : new HealthMonitor({
          deployments: config.deployments,
          probe: parts.probe ?? createHealthProbe({ ...(parts.emulators ? { emulators: parts.emulators } : {}), ...(config.health.timeout_ms ? { timeoutMs: config.health.timeout_ms } : {}) }),
          intervalMs: config.health.interval_ms,
          ...(config.health.timeout_ms === undefined ? {} : { timeoutMs: config.health.timeout_ms }),
          ...(config.health.unhealthy_after === undefined ? {} : { unhealthyAfter: config.health.unhealthy_after }),
          ...(config.health.healthy_after === undefined ? {} : { healthyAfter: config.health.healthy_after }),
          now,
        });
  // A deployment's estimate changes only when one of its calls is recorded: selection asks again only then.
  const correctnessMemo = new CorrectnessMemo();
  policy.onRecord((outcome) => correctnessMemo.forget(outcome.deployment));
  const router = new Router({ config, now, random, expectedCorrectness, correctnessMemo, ...(parts.state ? { state: parts.state } : {}), ...(health ? { health } : {}) });

  const chooseMode = (deploymentId: string, request: GatewayRequest, attempts: readonly Attempt[]): { mode: OutputMode; why: string } => {
    const deployment = deploymentOf.get(deploymentId)!;
    if (request.mode !== undefined) return { mode: request.mode, why: "mode pinned by request" };
    // A mode that cannot carry the schema to this provider (recursion, depth, enum limits, a codec refusal) is skipped.
    const schema = parts.schemas?.get(request.schema_id).schema;
    const carriable = schema === undefined ? config.output_modes.allowed : carriableModes(schema, deployment.provider, config.output_modes.allowed);
    const uncarriable = config.output_modes.allowed.filter((mode) => !carriable.includes(mode));
    if (config.output_modes.policy === "fixed") {
      const fixed = config.output_modes.defaults[deployment.provider];
      // A mode the guardian blocked on this deployment is skipped, even under the fixed policy.
      const blocked = [...policy.blockedModes(deploymentId), ...uncarriable];
      const mode = nextMode(config, deployment, request, attempts, fixed, blocked) ?? fixed;
      const why = mode === fixed ? `fixed default for ${deployment.provider}` : uncarriable.includes(fixed) ? `${fixed} cannot carry the schema, next mode` : blocked.includes(fixed) ? `${fixed} blocked by the guardian, next mode` : `${fixed} failed here, next mode`;
      return { mode, why };
    }
    const failed = new Set(attempts.filter((attempt) => attempt.deployment === deploymentId && attempt.outcome === "invalid_output").map((attempt) => attempt.mode));
    const modes = carriable.filter((mode) => !failed.has(mode));
    const expectedCost = schema === undefined ? undefined : expectedModeCosts(schema, deployment);
    // The last attempt the request allows has no retry behind it: rank each mode by its own answers alone.
    const canRetry = attempts.length + 1 < (request.max_attempts ?? config.requests.max_attempts);
    const choice = policy.choose({ deployment: deploymentId, modes: modes.length > 0 ? modes : carriable.length > 0 ? carriable : config.output_modes.allowed, weights: request.weights ?? config.requests.weights, random, canRetry, ...(expectedCost ? { expectedCost } : {}) });
    return { mode: choice.mode, why: choice.reason };
  };

  const call = (group: string, deploymentId: string, request: GatewayRequest, attempts: readonly Attempt[], why: string, extra: { lease?: Lease; delayMs?: number; inFlight?: number | undefined } = {}): RoutePlan => {
    const deployment = deploymentOf.get(deploymentId)!;
    const { mode, why: modeWhy } = chooseMode(deploymentId, request, attempts);
    const { inFlight, ...rest } = extra;
    return { kind: "call", group, deployment, mode, reason: `${why}; ${modeWhy}`, ...rest, ...(inFlight === undefined ? {} : { inFlight }) };
  };

  /**
   * A call to one named deployment (pinned by the request, or retried after its backoff) still takes a slot under
   * its max_concurrent, rpm and tpm limits: naming a deployment must not be a way past the operator's quotas. Its
   * cooldown is not consulted (a pinned request asked for that deployment, a same-deployment retry was decided
   * with it in view). At its limit the request waits for the slot when that comes before its deadline.
   */
  const callUnderLimits = async (group: string, deploymentId: string, request: GatewayRequest, attempts: readonly Attempt[], why: string, delayMs: number, deadlineAt: number, inputTokens = 300): Promise<RoutePlan> => {
    const acquired = await router.acquire(deploymentId, inputTokens + 200);
    if (!acquired.ok) {
      const { retryAtMs, reason, limit } = acquired.refusal;
      // A concurrency slot frees when any call in flight ends: the store answers a short poll, and a release in this
      // process wakes the waiter at once (wakeOn). Sleeping to the oldest lease's expiry instead held a pinned request
      // idle for the lease TTL (60 s) while slots freed within 100 ms.
      if (retryAtMs !== null && retryAtMs < deadlineAt) {
        const wait: RoutePlan = { kind: "wait", delayMs: Math.max(1, retryAtMs - now()), reason: `${deploymentId}: ${reason}; waiting for a slot` };
        return limit === "max_concurrent" ? { ...wait, wakeOn: [deploymentId] } : wait;
      }
      return { kind: "give_up", reason: `${deploymentId}: ${reason}; no slot before the deadline (${summarise(attempts)})` };
    }
    // The calls in flight there, this one included: the guardian reads latency against load.
    const [runtime] = await router.state.snapshot([deploymentId], now());
    return call(group, deploymentId, request, attempts, why, { lease: acquired.lease, delayMs, inFlight: runtime?.inFlight });
  };

  const decideAfter = createDecideAfter({ config, router, now });

  return {
    router,
    policy,
    health,
    start: () => health?.start(),
    stop: () => health?.stop(),
    classify: ({ request, attempts, deadlineAt }) => decideAfter(request, attempts, deadlineAt, true),
    async plan({ request, attempts, deadlineAt, decision: recorded, promptTokens }: PlanInput): Promise<RoutePlan> {
      const maxAttempts = request.max_attempts ?? config.requests.max_attempts;
      if (attempts.length >= maxAttempts) return { kind: "give_up", reason: `all ${maxAttempts} attempts used (${summarise(attempts)})` };
      if (now() >= deadlineAt) return { kind: "give_up", reason: `deadline passed after ${attempts.length} attempts (${summarise(attempts)})` };
      const last = attempts.at(-1);
      let group = last?.group ?? groupFor(config, request).name;
      const triedGroups = triedGroupsOf(attempts);
      const exclude = excludedIn(attempts, group);
      let delayMs = 0;
      let why = "";
      let preferUntried = false;
      if (last !== undefined && last.outcome !== "ok" && last.error_class !== undefined) {
        // The router subgraph decided already (and showed it); deciding again would draw a different jitter.
        const decision = recorded?.after_attempt === attempts.length && recorded.action !== "success" ? recorded : await decideAfter(request, attempts, deadlineAt, false);
        if (decision.action === "give_up") return { kind: "give_up", reason: decision.reason };
        delayMs = decision.delay_ms ?? 0;
        why = decision.reason;
        if (decision.action === "retry_same") return callUnderLimits(group, last.deployment, request, attempts, why, delayMs, deadlineAt, Math.max(last.input_tokens, 300));
        preferUntried = decision.action === "next_deployment";
        if (decision.action === "fallback_group" && decision.fallback_group !== undefined) {
          group = decision.fallback_group;
          exclude.clear();
        }
      }
      const encoding = encodingForModel(config.deployments[0]?.model ?? "gpt-4o");
      const estimatedInputTokens = (promptTokens?.(encoding) ?? (await countTextOffThread(request.input, encoding))) + 300;
      if (request.deployment !== undefined) {
        return callUnderLimits(group, request.deployment, request, attempts, why || "deployment pinned by request", delayMs, deadlineAt, estimatedInputTokens);
      }
      const tooLarge = router.contextWindowCheck(group, estimatedInputTokens);
      if (tooLarge !== undefined) {
        if (tooLarge.group === null) return { kind: "give_up", reason: tooLarge.reason };
        group = tooLarge.group;
        why = [why, tooLarge.reason].filter(Boolean).join("; ");
      }
      const selectRequest = {
        estimatedInputTokens,
        estimatedOutputTokens: 200,
        ...(request.session_key ? { sessionKey: request.session_key } : {}),
        ...(request.weights ? { weights: request.weights } : {}),
        exclude,
      };
      const chain = chainOf(router, groupFor(config, request).name, group);
      const tried = [...triedGroups, group];
      // "Next deployment" means one this request has not tried when there is one: a deployment that answered
      // badly (not excluded, as a transport failure is) could otherwise be drawn again by a weighted pick.
      const untriedRequest = preferUntried ? { ...selectRequest, exclude: new Set([...exclude, ...triedIn(attempts, group)]) } : undefined;
      let { selection, lease } = await router.route({ group, request: untriedRequest ?? selectRequest });
      if (untriedRequest !== undefined && selection.deployment === null) ({ selection, lease } = await router.route({ group, request: selectRequest }));
      if (selection.deployment === null && exclude.size > 0 && router.planFallback({ group, cause: "exhausted", tried, chain }).group === null) {
        // Every deployment of the group failed once: start a second round over those not refused outright.
        selectRequest.exclude = refusedIn(attempts, group);
        ({ selection, lease } = await router.route({ group, request: selectRequest }));
        if (selection.deployment !== null) why = [why, "every deployment failed once; second round"].filter(Boolean).join("; ");
      }
      /** The first group down the chain that can serve now (with `healthyOnly`, by a deployment the probes call healthy). */
      const serveFromChain = async (before: string, healthyOnly: boolean): Promise<RoutePlan | undefined> => {
        const walked = [...tried];
        for (let fallback = router.planFallback({ group, cause: "exhausted", tried: walked, chain }); fallback.group !== null; fallback = router.planFallback({ group, cause: "exhausted", tried: walked, chain })) {
          walked.push(fallback.group);
          const retry = await router.route({ group: fallback.group, request: { ...selectRequest, exclude: new Set() } });
          if (retry.selection.deployment === null || retry.lease === null) continue;
          if (healthyOnly && health !== undefined && !health.isHealthy(retry.selection.deployment.id)) {
            await router.release(retry.lease);
            continue;
          }
          return call(fallback.group, retry.selection.deployment.id, request, attempts, `${before}; ${fallback.reason}; ${retry.selection.reason}`, { lease: retry.lease, inFlight: retry.selection.inFlight });
        }
        return undefined;
      };
      if (selection.deployment !== null && lease !== null) {
        // An unhealthy deployment is selection's last resort in its group; a healthy one down the chain comes first.
        const better = health !== undefined && !health.isHealthy(selection.deployment.id) ? await serveFromChain(`${selection.deployment.id} is unhealthy`, true) : undefined;
        if (better !== undefined) {
          await router.release(lease);
          return better;
        }
        return call(group, selection.deployment.id, request, attempts, [why, selection.reason].filter(Boolean).join("; "), { lease, delayMs, inFlight: selection.inFlight });
      }
      // Nothing in the group can serve now: a fallback group that can serve now beats waiting out a cooldown.
      const fallback = await serveFromChain(selection.reason, false);
      if (fallback !== undefined) return fallback;
      const wait = await router.waitForRecovery({ group, deadline: deadlineAt, request: selectRequest });
      // A release in the group may free a slot before the wait ends (the wait may also be for a cooldown: waking
      // early only plans again).
      if (wait.waitMs !== null && wait.waitMs > 0) return { kind: "wait", delayMs: wait.waitMs, reason: `${wait.reason}; no fallback group can serve now`, wakeOn: router.group(group).deployments };
      return { kind: "give_up", reason: `${selection.reason}; ${wait.reason} (${summarise(attempts)})` };
    },
    routedCall: (options, run) => routedCall({ router, now, deploymentOf: (id) => deploymentOf.get(id) }, options, run),
    async recordSuccess(attempt, lease, repaired) {
      const tokens = attempt.input_tokens + attempt.output_tokens;
      await router.recordSuccess({ deployment: attempt.deployment, latencyMs: attempt.latency_ms, tokens, ...(lease ? { lease } : {}) });
      policy.record({ deployment: attempt.deployment, mode: attempt.mode, valid: true, repaired, latencyMs: attempt.latency_ms, tokens, costUsd: attempt.cost_usd });
    },
    async recordFailure(attempt, lease, error) {
      const tokens = attempt.input_tokens + attempt.output_tokens;
      if (attempt.outcome === "invalid_output") {
        // The backend answered: its slot is released and its latency counts, but the mode gets the blame.
        await router.recordSuccess({ deployment: attempt.deployment, latencyMs: attempt.latency_ms, tokens, ...(lease ? { lease } : {}) });
        policy.record({ deployment: attempt.deployment, mode: attempt.mode, valid: false, latencyMs: attempt.latency_ms, tokens, costUsd: attempt.cost_usd });
        return;
      }
      await router.recordFailure({ deployment: attempt.deployment, classified: classifyError(error, { now }), ...(lease ? { lease } : {}) });
    },
  };
}
