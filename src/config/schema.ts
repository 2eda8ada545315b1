import { z } from "zod";
import { guardianConfigSchema } from "./guardian-config.ts";
import { memoryConfigSchema } from "./memory-config.ts";
import { identifier, nonNegative } from "./fields.ts";
import { outputModesSchema } from "./output-modes-config.ts";
import { DEFAULT_OUTPUT_MODES, OUTPUT_MODES } from "./providers.ts";
import { cooldownSchema, deploymentSchema, healthSchema, modelGroupSchema, retrySchema, routingStateSchema } from "./routing-config.ts";
import { serverSchema } from "./server-config.ts";
import { telemetryConfigSchema } from "./telemetry-config.ts";
import { checkpointsUrlField } from "./url-field.ts";
import { verificationConfigSchema } from "./verification-config.ts";

export * from "./providers.ts";
export * from "./routing-config.ts";
export * from "./output-modes-config.ts";
export * from "./server-config.ts";
export * from "./verification-config.ts";
export * from "./telemetry-config.ts";

/** @deprecated The same list as OUTPUT_MODES (./providers.ts), kept for the files that import it by this name. */
export { OUTPUT_MODES as outputModeNames } from "./providers.ts";

/**
 * The switchyard.yaml schema. Strict objects everywhere: an unknown key is an error with a "did you mean",
 * because a misspelt limit silently ignored is how production gateways surprise their owners.
 */
export const checkpointsSchema = z.strictObject({
  /** A SQLite file path, ":memory:", or a postgres:// URL. */
  url: checkpointsUrlField.default(".switchyard/state.db"),
  /**
   * One active run per thread (checkpoints/thread-leases.ts): a lease lives ttl_ms past its last heartbeat
   * (every heartbeat_ms). A crashed owner's threads are free again after ttl_ms (at once on the same host).
   * Defaults 15000 and 5000.
   */
  lease: z
    .strictObject({ ttl_ms: z.number().int().positive().default(15_000), heartbeat_ms: z.number().int().positive().default(5_000) })
    .refine((lease) => lease.heartbeat_ms < lease.ttl_ms, { message: "heartbeat_ms must be below ttl_ms (a lease would expire between beats). Fix: e.g. ttl_ms 15000, heartbeat_ms 5000" })
    .optional(),
});

export const emulatorsSchema = z.strictObject({
  profile: z.string().optional(),
  seed: z.number().int().default(7),
});

export const requestDefaultsSchema = z.strictObject({
  model_group: identifier.optional(),
  deadline_ms: z.number().int().positive().default(60_000),
  max_attempts: z.number().int().positive().default(6),
  weights: z
    .strictObject({ correctness: nonNegative.default(1), latency: nonNegative.default(0.3), cost: nonNegative.default(0.3) })
    .default({ correctness: 1, latency: 0.3, cost: 0.3 }),
});

export const switchyardConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  deployments: z.array(deploymentSchema).min(1, "declare at least one deployment"),
  model_groups: z.array(modelGroupSchema).min(1, "declare at least one model group"),
  retry: retrySchema.default({ max_retries: 3, per_deployment_retries: 1, backoff: { initial_ms: 250, max_ms: 8_000, multiplier: 2, jitter: "full" }, per_error: {} }),
  cooldown: cooldownSchema.default({
    allowed_fails: 3,
    window_seconds: 60,
    cooldown_seconds: 30,
    failure_rate_threshold: 0.5,
    min_requests_for_rate: 10,
  }),
  output_modes: outputModesSchema.default({
    policy: "adaptive",
    defaults: { ...DEFAULT_OUTPUT_MODES },
    allowed: [...OUTPUT_MODES],
    max_exploration: 0.1,
  }),
  checkpoints: checkpointsSchema.default({ url: ".switchyard/state.db" }),
  routing_state: routingStateSchema.optional(),
  health: healthSchema.optional(),
  emulators: emulatorsSchema.default({ seed: 7 }),
  /** Context-window memory: sliding window, summary, priority truncation, cross-session recall (src/memory). */
  memory: memoryConfigSchema.optional(),
  /** Policy proofs, runtime monitor, PII and copyright checks (src/verification); off unless present and enabled. */
  verification: verificationConfigSchema.optional(),
  /** Baselines, degradation detectors, recovery and the security event log (src/guardian). */
  guardian: guardianConfigSchema.optional(),
  requests: requestDefaultsSchema.default({
    deadline_ms: 60_000,
    max_attempts: 6,
    weights: { correctness: 1, latency: 0.3, cost: 0.3 },
  }),
  /** OpenTelemetry traces (off unless telemetry.tracing.enabled). */
  telemetry: telemetryConfigSchema.optional(),
  server: serverSchema.default({ port: 2024, host: "127.0.0.1", cors_origins: ["https://smith.langchain.com", "localhost"], max_body_bytes: 1_048_576, shutdown_grace_ms: 1_000 }),
});

/** The raw shape a user writes. */
export type SwitchyardConfigInput = z.input<typeof switchyardConfigSchema>;
/** The config after defaults, as the engine reads it. */
export type SwitchyardConfig = z.output<typeof switchyardConfigSchema>;
export type RetryConfig = SwitchyardConfig["retry"];
export type CooldownConfig = SwitchyardConfig["cooldown"];
export type OutputModesConfig = SwitchyardConfig["output_modes"];
