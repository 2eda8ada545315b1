import type { DeploymentConfig, ModelGroupConfig, StrategyName, SwitchyardConfig } from "../config/schema.ts";
import { SwitchyardError } from "../errors.ts";
import type { ClassifiedError } from "./classify-error.ts";
import type { CorrectnessMemo } from "./correctness-memo.ts";
import { cooldownDecision, countsForCooldown } from "./cooldown.ts";
import { contextWindowCheck, fallbackChain, planFallback, type FallbackCause, type FallbackPlan } from "./fallback.ts";
import type { DeploymentHealth } from "./health-monitor.ts";
import { leaseIdGenerator } from "./lease-id.ts";
import { MemoryRoutingStateStore } from "./memory-state-store.ts";
import { ReleaseNotices } from "./release-notices.ts";
import { RuntimeTable } from "./runtime-table.ts";
import { retryDecision, type RetryDecision, type RetryDecisionOptions } from "./retry-policy.ts";
import { select, type SelectRequest, type Selection } from "./select.ts";
import type { AcquireResult, DeploymentRuntime, Lease, RoutingStateStore } from "./state-store.ts";
import type { ExpectedCorrectness } from "./strategies/strategy.ts";
import { strategyOptions } from "./strategy-options.ts";

export interface RouterOptions {
  config: SwitchyardConfig;
  /** Shared routing state; a fresh in-memory store when omitted. */
  state?: RoutingStateStore;
  now?: () => number;
  random?: () => number;
  expectedCorrectness?: ExpectedCorrectness;
  /** Remembers `expectedCorrectness` between selections; whoever owns the estimates calls `forget` when one changes. */
  correctnessMemo?: CorrectnessMemo;
  /** `unhealthyCount`, when given, lets selection skip the per-deployment health check while it is 0. */
  health?: { isHealthy(deploymentId: string): boolean; snapshot?(): DeploymentHealth[]; readonly unhealthyCount?: number };
  newLeaseId?: () => string;
}

export interface FailureRecord {
  /** End of the deployment's cooldown after this failure, or null when it stays in rotation. */
  cooldownUntil: number | null;
  /** 401/404: leave this deployment out for the rest of this request. */
  excludeForRequest: boolean;
  reason: string;
}

export interface RecoveryWait {
  /** Sleep this long, then select again; null when nothing recovers before the deadline (fall back or give up). */
  waitMs: number | null;
  reason: string;
}

export interface DeploymentStatus extends DeploymentRuntime {
  id: string;
  coolingDown: boolean;
  healthy: boolean;
}

/**
 * Selection over the shared routing state, driven by the engine's `Routing` service (src/runtime/routing.ts): selection, limits, cooldowns, retry and fallback decisions over
 * one routing state. Every decision carries a reason for the route trace; clock and randomness are injected.
 *
 * @example
 * const router = new Router({ config, state: new MemoryRoutingStateStore() });
 * const { selection, lease } = await router.route({ group: "chat", request: { estimatedInputTokens: 800, estimatedOutputTokens: 200 } });
 * try { ...call selection.deployment...; await router.recordSuccess({ deployment: id, latencyMs, tokens, lease }); }
 * catch (error) { await router.recordFailure({ deployment: id, classified: classifyError(error), lease }); }
 */
export class Router {
  readonly config: SwitchyardConfig;
  readonly state: RoutingStateStore;
  /** Wakes a request waiting here for a slot when a lease ends in this process. */
  readonly releases = new ReleaseNotices();
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #options: RouterOptions;
  readonly #newLeaseId: () => string;
  readonly #groups: Map<string, ModelGroupConfig>;
  readonly #overrides = new Map<string, ModelGroupConfig>();
  readonly #deployments: Map<string, DeploymentConfig>;
  readonly #groupDeployments = new Map<string, { configs: DeploymentConfig[]; ids: string[] }>();
  readonly #isHealthy: ((deploymentId: string) => boolean) | undefined;

  constructor(options: RouterOptions) {
    this.#options = options;
    this.config = options.config;
    this.state = options.state ?? new MemoryRoutingStateStore();
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#newLeaseId = options.newLeaseId ?? leaseIdGenerator();
    const health = options.health;
    this.#isHealthy = health === undefined ? undefined : (id: string) => health.isHealthy(id);
    this.#groups = new Map(options.config.model_groups.map((group) => [group.name, group]));
    this.#deployments = new Map(options.config.deployments.map((deployment) => [deployment.id, deployment]));
    for (const group of options.config.model_groups) {
      const configs = group.deployments.map((id) => {
        const deployment = this.#deployments.get(id);
        if (deployment === undefined) {
          throw new SwitchyardError("config_invalid", `model_groups.${group.name}.deployments names "${id}", which is not declared under deployments. Declare it or remove it from the group.`);
        }
        return deployment;
      });
      this.#groupDeployments.set(group.name, { configs, ids: configs.map((deployment) => deployment.id) });
    }
  }

  /**
   * Routes a group by another strategy until lifted (`undefined`); the guardian's cost recovery uses it.
   * The config stays as written: the override lives here, one group object per override, so selection's
   * per-group caches stay valid between calls.
   */
  setStrategyOverride(name: string, strategy: StrategyName | undefined): void {
    const configured = this.#groups.get(name) ?? this.group(name);
    if (strategy === undefined || strategy === configured.strategy) this.#overrides.delete(name);
    else this.#overrides.set(name, { ...configured, strategy });
  }

  /** The strategy a group routes by now: its override, else its configured one. */
  strategyOf(name: string): StrategyName {
    return (this.#overrides.get(name) ?? this.group(name)).strategy;
  }

  /** A model group by name (with its strategy override, if any); throws naming the declared groups. */
  group(name: string): ModelGroupConfig {
    const group = this.#overrides.get(name) ?? this.#groups.get(name);
    if (group === undefined) {
      throw new SwitchyardError("input_invalid", `model group "${name}" is not declared; declared groups: ${[...this.#groups.keys()].join(", ")}.`);
    }
    return group;
  }

  /** Picks a deployment of the group for the request, after filtering; `deployment: null` says why and when to retry. */
  async select(options: { group: string; request: SelectRequest }): Promise<Selection> {
    const group = this.group(options.group);
    const members = this.#groupDeployments.get(group.name) ?? { configs: [], ids: [] };
    const now = this.#now();
    // The memory store keeps a table per group current on every write; other stores answer with runtimes.
    const state = this.state;
    const runtimes = state instanceof MemoryRoutingStateStore ? state.runtimeTableSync(members.ids, now) : await state.snapshot(members.ids, now);
    // With every deployment healthy there is nothing to ask per deployment.
    const everyoneHealthy = this.#options.health?.unhealthyCount === 0;
    const selection = select({
      group,
      deployments: members.configs,
      runtimes,
      request: options.request,
      now,
      random: this.#random,
      isHealthy: everyoneHealthy ? undefined : this.#isHealthy,
      expectedCorrectness: this.#options.expectedCorrectness,
      correctnessMemo: this.#options.correctnessMemo,
      defaultWeights: this.config.requests.weights,
    });
    if (selection.deployment === null) return selection;
    // Set on the selection itself: it lists its candidates lazily, which a copy would lose.
    const index = members.ids.indexOf(selection.deployment.id);
    const inFlight = runtimes instanceof RuntimeTable ? runtimes.inFlight[index] : runtimes[index]?.inFlight;
    selection.inFlight = (inFlight ?? 0) + 1;
    return selection;
  }

  /** Takes a slot under the deployment's max_concurrent, rpm and tpm limits, or says which limit refused and until when. */
  acquire(deploymentId: string, tokens: number): Promise<AcquireResult> {
    const deployment = this.#deployment(deploymentId);
    return this.state.acquire({
      deploymentId,
      leaseId: this.#newLeaseId(),
      tokens,
      limits: deployment.limits,
      now: this.#now(),
      leaseTtlMs: deployment.timeout_ms * 2,
    });
  }

  release(lease: Lease, actualTokens?: number): Promise<void> {
    return this.#release(lease, actualTokens, this.#now());
  }

  /**
   * Select then acquire; when another process took the last slot in between, the refused deployment is left out
   * and selection runs again (at most once per deployment of the group).
   */
  async route(options: { group: string; request: SelectRequest }): Promise<{ selection: Selection; lease: Lease | null }> {
    const exclude = new Set(options.request.exclude ?? []);
    const tokens = options.request.estimatedInputTokens + options.request.estimatedOutputTokens;
    const refusals: string[] = [];
    for (;;) {
      const selection = await this.select({ group: options.group, request: { ...options.request, exclude } });
      if (selection.deployment === null) {
        const note = refusals.length > 0 ? ` (refused at acquire: ${refusals.join("; ")})` : "";
        return { selection: { ...selection, reason: selection.reason + note }, lease: null };
      }
      const acquired = await this.acquire(selection.deployment.id, tokens);
      if (acquired.ok) return { selection, lease: acquired.lease };
      refusals.push(`${selection.deployment.id}: ${acquired.refusal.reason}`);
      exclude.add(selection.deployment.id);
    }
  }

  /** A successful call: ends its lease with the real token count, feeds latency and the failure-rate window. */
  async recordSuccess(options: { deployment: string; latencyMs: number; tokens?: number; lease?: Lease }): Promise<void> {
    const now = this.#now();
    const { deployment } = options;
    if (options.lease !== undefined) await this.#release(options.lease, options.tokens, now);
    const group = this.#groupOf(deployment);
    const alpha = group === undefined ? 0.3 : strategyOptions(group).latencyAlpha;
    await this.state.recordLatency(deployment, options.latencyMs, now, alpha);
    await this.state.recordOutcome(deployment, true, now, this.config.cooldown.window_seconds * 1_000);
  }

  /** A failed call: ends its lease and applies the cooldown rules; a failure during a cooldown extends it. */
  async recordFailure(options: { deployment: string; classified: ClassifiedError; lease?: Lease; tokens?: number }): Promise<FailureRecord> {
    const now = this.#now();
    const { deployment, classified } = options;
    if (options.lease !== undefined) await this.#release(options.lease, options.tokens, now);
    const excludeForRequest = classified.errorClass === "auth" || classified.errorClass === "not_found";
    const override = this.config.retry.per_error[classified.errorClass]?.counts_for_cooldown;
    if (!countsForCooldown(classified.errorClass, override)) {
      const why = excludeForRequest ? "; excluded for this request only" : "";
      return { cooldownUntil: null, excludeForRequest, reason: `${classified.errorClass} does not count towards cooldown${why}` };
    }
    const cooldown = this.config.cooldown;
    const counts = await this.state.recordOutcome(deployment, false, now, cooldown.window_seconds * 1_000);
    const [runtime] = await this.state.snapshot([deployment], now);
    const decision = cooldownDecision({ classified, counts, config: cooldown, now, coolingUntil: runtime?.cooldownUntil ?? 0 });
    if (decision.until === null) return { cooldownUntil: null, excludeForRequest, reason: decision.reason };
    const entry = await this.state.setCooldown(deployment, decision.until, decision.reason);
    return { cooldownUntil: entry.until, excludeForRequest, reason: decision.reason };
  }

  /** The retry decision after a failure, with the group's fallbacks and this router's clock, randomness and config. */
  decide(options: Omit<RetryDecisionOptions, "config" | "now" | "random" | "group"> & { group: string }): RetryDecision {
    const { group, ...rest } = options;
    return retryDecision({ ...rest, group: this.group(group), config: this.config.retry, now: this.#now(), random: this.#random });
  }

  /** When the first deployment of the group is usable again (null: none is waiting to recover). */
  async earliestRecovery(group: string, request: SelectRequest = { estimatedInputTokens: 0, estimatedOutputTokens: 0 }): Promise<number | null> {
    const selection = await this.select({ group, request });
    return selection.deployment === null ? selection.earliestRecoveryAt : this.#now();
  }

  /** How long to wait for the group's earliest recovery, if it comes before the deadline; the caller sleeps. */
  async waitForRecovery(options: { group: string; deadline: number; request?: SelectRequest }): Promise<RecoveryWait> {
    const now = this.#now();
    const selection = await this.select({ group: options.group, request: options.request ?? { estimatedInputTokens: 0, estimatedOutputTokens: 0 } });
    if (selection.deployment !== null) return { waitMs: 0, reason: `${selection.deployment.id} is available now` };
    const at = selection.earliestRecoveryAt;
    if (at === null) return { waitMs: null, reason: selection.reason };
    if (at >= options.deadline) {
      return { waitMs: null, reason: `${selection.reason}; that is ${at - options.deadline} ms past the request deadline` };
    }
    return { waitMs: Math.max(0, at - now), reason: `waiting ${Math.max(0, at - now)} ms for the first deployment of ${options.group} to recover` };
  }

  /** The next group to try after a context-window, content-policy or exhausted failure. */
  planFallback(options: { group: string; cause: FallbackCause; tried?: readonly string[]; chain?: readonly string[]; requestTokens?: number }): FallbackPlan {
    return planFallback({ ...options, group: this.group(options.group), groups: this.#groups, deployments: this.#deployments });
  }

  /** Groups reachable from `group` through `fallbacks`, nearest first. */
  fallbackChain(group: string): string[] {
    return fallbackChain(this.group(group), this.#groups);
  }

  /** Before the call: undefined when some deployment of the group can hold `requestTokens`, else the fallback plan. */
  contextWindowCheck(group: string, requestTokens: number): FallbackPlan | undefined {
    return contextWindowCheck({ group: this.group(group), groups: this.#groups, deployments: this.#deployments, requestTokens });
  }

  /** Every deployment's runtime state and health, for /health and the CLI. */
  async status(): Promise<DeploymentStatus[]> {
    const now = this.#now();
    const ids = this.config.deployments.map((deployment) => deployment.id);
    const runtimes = await this.state.snapshot(ids, now);
    const health = this.#options.health;
    return ids.map((id, index) => {
      const runtime = runtimes[index] as DeploymentRuntime;
      return { ...runtime, id, coolingDown: runtime.cooldownUntil > now, healthy: health?.isHealthy(id) ?? true };
    });
  }

  async #release(lease: Lease, actualTokens: number | undefined, now: number): Promise<void> {
    await this.state.release(lease, actualTokens, now);
    this.releases.notify(lease.deploymentId);
  }

  #deployment(id: string): DeploymentConfig {
    const deployment = this.#deployments.get(id);
    if (deployment === undefined) {
      throw new SwitchyardError("input_invalid", `deployment "${id}" is not declared; declared: ${[...this.#deployments.keys()].join(", ")}.`);
    }
    return deployment;
  }

  #groupOf(deploymentId: string): ModelGroupConfig | undefined {
    return this.config.model_groups.find((group) => group.deployments.includes(deploymentId));
  }
}
