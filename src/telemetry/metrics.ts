import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { onTiming } from "./timings.ts";

/** The attempt fields metrics read; a structural subset of the gateway state's Attempt. */
export interface AttemptSample {
  deployment: string;
  mode: string;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  outcome: string;
  error_class?: string | undefined;
  /** The repair call made for this attempt, on its own deployment. */
  repair?: { deployment: string; input_tokens: number; output_tokens: number; cost_usd: number } | undefined;
}

/** One deployment's routing state as the router reports it: cooldown, and its usage window (60 s). */
export interface CooldownSample {
  deployment: string;
  cooldownUntil: number;
  requestsInWindow?: number;
  tokensInWindow?: number;
  inFlight?: number;
  /** The deployment's configured limits (limits.rpm, limits.tpm), so a dashboard can show use as a share. */
  rpmLimit?: number | undefined;
  tpmLimit?: number | undefined;
}

/**
 * switchyard's Prometheus metrics on a registry of its own (never the prom-client global, so two servers in
 * one process, as in tests, do not collide).
 *
 * @example
 * const metrics = new SwitchyardMetrics();
 * metrics.recordAttempts(state.attempts);
 * const text = await metrics.render();
 */
export class SwitchyardMetrics {
  readonly registry = new Registry();
  readonly requestLatency: Histogram<"backend" | "mode">;
  readonly attempts: Counter<"backend" | "mode" | "outcome" | "error_class">;
  readonly tokens: Counter<"backend" | "direction">;
  readonly cost: Counter<"backend">;
  readonly cooldownSeconds: Gauge<"deployment">;
  readonly parseSeconds: Histogram<"route">;
  readonly httpRequests: Counter<"method" | "status">;
  readonly rpm: Gauge<"deployment">;
  readonly tpm: Gauge<"deployment">;
  readonly inFlight: Gauge<"deployment">;
  readonly rpmLimit: Gauge<"deployment">;
  readonly tpmLimit: Gauge<"deployment">;
  readonly verificationSeconds: Histogram<"phase">;
  readonly memoryQuerySeconds: Histogram<"operation">;
  readonly #unsubscribe: () => void;

  constructor() {
    const registers = [this.registry];
    this.requestLatency = new Histogram({
      name: "switchyard_request_latency_seconds",
      help: "Latency of one model attempt, by backend (deployment) and output mode.",
      labelNames: ["backend", "mode"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.attempts = new Counter({
      name: "switchyard_attempts_total",
      help: "Model attempts by backend, mode, outcome (ok | transport_error | invalid_output) and error class.",
      labelNames: ["backend", "mode", "outcome", "error_class"],
      registers,
    });
    this.tokens = new Counter({
      name: "switchyard_tokens_total",
      help: "Tokens by backend and direction (input | output).",
      labelNames: ["backend", "direction"],
      registers,
    });
    this.cost = new Counter({ name: "switchyard_cost_usd_total", help: "Spend in US dollars by backend.", labelNames: ["backend"], registers });
    this.cooldownSeconds = new Gauge({
      name: "switchyard_cooldown_seconds",
      help: "Seconds left in each deployment's cooldown (0 when in rotation).",
      labelNames: ["deployment"],
      registers,
    });
    this.parseSeconds = new Histogram({
      name: "switchyard_protocol_parse_seconds",
      help: "Time to parse and validate an HTTP request body, by route.",
      labelNames: ["route"],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.05],
      registers,
    });
    this.httpRequests = new Counter({
      name: "switchyard_http_requests_total",
      help: "HTTP requests served, by method and status code.",
      labelNames: ["method", "status"],
      registers,
    });
    const perDeployment = (name: string, help: string) => new Gauge({ name, help, labelNames: ["deployment"], registers });
    this.rpm = perDeployment("switchyard_deployment_rpm", "Requests admitted to each deployment in the last 60 s (its RPM).");
    this.tpm = perDeployment("switchyard_deployment_tpm", "Tokens admitted to each deployment in the last 60 s (its TPM).");
    this.inFlight = perDeployment("switchyard_deployment_in_flight", "Requests in flight on each deployment.");
    this.rpmLimit = perDeployment("switchyard_deployment_rpm_limit", "Each deployment's configured limits.rpm (absent when unlimited).");
    this.tpmLimit = perDeployment("switchyard_deployment_tpm_limit", "Each deployment's configured limits.tpm (absent when unlimited).");
    const fast = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1];
    this.verificationSeconds = new Histogram({
      name: "switchyard_verification_seconds",
      help: "Time spent in verification checks, by phase (request, output).",
      labelNames: ["phase"],
      buckets: fast,
      registers,
    });
    this.memoryQuerySeconds = new Histogram({
      name: "switchyard_memory_query_seconds",
      help: "Time spent in memory operations (recall, compaction).",
      labelNames: ["operation"],
      buckets: fast,
      registers,
    });
    this.#unsubscribe = onTiming((name, seconds, labels) => {
      if (name === "verification") this.verificationSeconds.observe({ phase: labels.phase ?? "unknown" }, seconds);
      else this.memoryQuerySeconds.observe({ operation: labels.operation ?? "unknown" }, seconds);
    });
  }

  /** Stops listening to engine timings (the server calls it on close). */
  dispose(): void {
    this.#unsubscribe();
  }

  /** Counts the attempts a finished run added (pass only the new ones, so a resumed thread is not counted twice). */
  recordAttempts(attempts: readonly AttemptSample[]): void {
    for (const attempt of attempts) {
      const backend = attempt.deployment;
      this.requestLatency.observe({ backend, mode: attempt.mode }, attempt.latency_ms / 1000);
      this.attempts.inc({ backend, mode: attempt.mode, outcome: attempt.outcome, error_class: attempt.error_class ?? "none" });
      this.tokens.inc({ backend, direction: "input" }, attempt.input_tokens);
      this.tokens.inc({ backend, direction: "output" }, attempt.output_tokens);
      this.cost.inc({ backend }, attempt.cost_usd);
      const repair = attempt.repair;
      if (repair !== undefined) {
        this.tokens.inc({ backend: repair.deployment, direction: "input" }, repair.input_tokens);
        this.tokens.inc({ backend: repair.deployment, direction: "output" }, repair.output_tokens);
        this.cost.inc({ backend: repair.deployment }, repair.cost_usd);
      }
    }
  }

  /** Sets the cooldown, RPM, TPM and in-flight gauges from the router's status at scrape time. */
  recordCooldowns(samples: readonly CooldownSample[], now: number): void {
    for (const sample of samples) {
      const labels = { deployment: sample.deployment };
      this.cooldownSeconds.set(labels, Math.max(0, (sample.cooldownUntil - now) / 1000));
      if (sample.requestsInWindow !== undefined) this.rpm.set(labels, sample.requestsInWindow);
      if (sample.tokensInWindow !== undefined) this.tpm.set(labels, sample.tokensInWindow);
      if (sample.inFlight !== undefined) this.inFlight.set(labels, sample.inFlight);
      if (sample.rpmLimit !== undefined) this.rpmLimit.set(labels, sample.rpmLimit);
      if (sample.tpmLimit !== undefined) this.tpmLimit.set(labels, sample.tpmLimit);
    }
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
