import type { DeploymentConfig } from "../config/schema.ts";

export type HealthState = "unknown" | "healthy" | "unhealthy";

export interface DeploymentHealth {
  deploymentId: string;
  state: HealthState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastProbeAt: number | null;
  lastError: string | null;
}

export interface HealthMonitorOptions {
  deployments: readonly DeploymentConfig[];
  /** Resolves true when the deployment answers; a throw or a timeout counts as false. */
  probe: (deployment: DeploymentConfig) => Promise<boolean>;
  intervalMs?: number;
  timeoutMs?: number;
  unhealthyAfter?: number;
  healthyAfter?: number;
  now?: () => number;
}

/**
 * Probes every deployment on an interval and keeps its health. Selection skips unhealthy deployments unless all
 * are; `unknown` (not probed yet) counts as healthy so a cold start routes at once.
 *
 * @example
 * const health = new HealthMonitor({ deployments, probe: (deployment) => pingModels(deployment), intervalMs: 30_000 });
 * health.start();
 * router = new Router({ config, health });
 */
export class HealthMonitor {
  readonly #options: Required<Omit<HealthMonitorOptions, "deployments" | "probe" | "now">>;
  readonly #deployments: readonly DeploymentConfig[];
  readonly #probe: HealthMonitorOptions["probe"];
  readonly #now: () => number;
  readonly #health = new Map<string, DeploymentHealth>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unhealthy = 0;
  #running = false;

  constructor(options: HealthMonitorOptions) {
    this.#deployments = options.deployments;
    this.#probe = options.probe;
    this.#now = options.now ?? Date.now;
    this.#options = {
      intervalMs: options.intervalMs ?? 30_000,
      timeoutMs: options.timeoutMs ?? Math.min(options.intervalMs ?? 30_000, 5_000),
      unhealthyAfter: options.unhealthyAfter ?? 2,
      healthyAfter: options.healthyAfter ?? 1,
    };
    for (const deployment of options.deployments) {
      this.#health.set(deployment.id, {
        deploymentId: deployment.id,
        state: "unknown",
        consecutiveFailures: 0,
        consecutiveSuccesses: 0,
        lastProbeAt: null,
        lastError: null,
      });
    }
  }

  /** Probes now, then every `intervalMs` (the next round starts after this one ends, so probes never pile up). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const round = (): void => {
      void this.checkNow().finally(() => {
        if (!this.#running) return;
        this.#timer = setTimeout(round, this.#options.intervalMs);
        // Probes must never keep a process alive that has nothing else to do.
        this.#timer.unref?.();
      });
    };
    round();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** One round of probes over every deployment, in parallel. */
  async checkNow(): Promise<void> {
    await Promise.all(this.#deployments.map((deployment) => this.#probeOne(deployment)));
  }

  async #probeOne(deployment: DeploymentConfig): Promise<void> {
    let passed = false;
    let failure: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          failure = `probe timed out after ${this.#options.timeoutMs} ms`;
          resolve(false);
        }, this.#options.timeoutMs);
      });
      passed = await Promise.race([this.#probe(deployment), timeout]);
      if (!passed) failure ??= "probe returned false";
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    this.#record(deployment.id, passed, failure);
  }

  #record(deploymentId: string, passed: boolean, failure: string | null): void {
    const health = this.#health.get(deploymentId);
    if (health === undefined) return;
    health.lastProbeAt = this.#now();
    const wasUnhealthy = health.state === "unhealthy";
    if (passed) {
      health.consecutiveSuccesses += 1;
      health.consecutiveFailures = 0;
      health.lastError = null;
      if (health.state !== "healthy" && (health.state === "unknown" || health.consecutiveSuccesses >= this.#options.healthyAfter)) health.state = "healthy";
    } else {
      health.consecutiveFailures += 1;
      health.consecutiveSuccesses = 0;
      health.lastError = failure;
      if (health.consecutiveFailures >= this.#options.unhealthyAfter) health.state = "unhealthy";
    }
    const isUnhealthy = health.state === "unhealthy";
    if (isUnhealthy !== wasUnhealthy) this.#unhealthy += isUnhealthy ? 1 : -1;
  }

  /** How many deployments are unhealthy now; while it is 0, selection asks `isHealthy` of none of them. */
  get unhealthyCount(): number {
    return this.#unhealthy;
  }

  /** False only for deployments whose probes have failed `unhealthyAfter` times in a row. */
  isHealthy(deploymentId: string): boolean {
    return this.#health.get(deploymentId)?.state !== "unhealthy";
  }

  /** Copies of every deployment's health, for /health. */
  snapshot(): DeploymentHealth[] {
    return [...this.#health.values()].map((health) => ({ ...health }));
  }
}
