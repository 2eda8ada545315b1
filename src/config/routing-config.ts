import { z } from "zod";
import { identifier, nonNegative, positive } from "./fields.ts";
import { providers } from "./providers.ts";
import { urlField } from "./url-field.ts";

/** switchyard.yaml's routing sections: deployments, model groups, retries, cooldowns, shared state, health. */
export const strategyNames = [
  "weighted",
  "least-busy",
  "latency",
  "usage",
  "cost",
  "consistent-hash",
  "triad",
] as const;
export type StrategyName = (typeof strategyNames)[number];

export const errorClasses = [
  "rate_limit",
  "timeout",
  "server_error",
  "malformed_output",
  "content_policy",
  "context_window",
  "auth",
  "not_found",
  "bad_request",
  "stream_dropped",
] as const;
export type ErrorClass = (typeof errorClasses)[number];

export const deploymentSchema = z.strictObject({
  id: identifier,
  provider: z.enum(providers),
  model: z.string().min(1),
  /** `emulator` points the deployment at the in-process emulator of its provider. */
  base_url: urlField(["http", "https"], { words: ["emulator"], example: "http://127.0.0.1:11434" }).default("emulator"),
  /** Name of the environment variable that holds the key; never the key itself. */
  api_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name such as OPENAI_API_KEY").optional(),
  price: z
    .strictObject({ input_per_1m: nonNegative, output_per_1m: nonNegative })
    .default({ input_per_1m: 0, output_per_1m: 0 }),
  context_window: z.number().int().positive().default(128_000),
  max_output_tokens: z.number().int().positive().default(1_024),
  limits: z
    .strictObject({
      max_concurrent: z.number().int().positive().optional(),
      rpm: z.number().int().positive().optional(),
      tpm: z.number().int().positive().optional(),
    })
    .default({}),
  weight: positive.default(1),
  tags: z.array(z.string()).default([]),
  timeout_ms: z.number().int().positive().default(30_000),
});
export type DeploymentConfig = z.infer<typeof deploymentSchema>;

export const modelGroupSchema = z.strictObject({
  name: identifier,
  deployments: z.array(identifier).min(1, "a model group needs at least one deployment"),
  strategy: z.enum(strategyNames).default("weighted"),
  /** Ordered groups tried when every deployment of this one has failed or is cooling down past the deadline. */
  fallbacks: z.array(identifier).default([]),
  /** Group used when the request is larger than every deployment's context window here. */
  context_window_fallback: identifier.optional(),
  /** Group used when a deployment refuses on content policy. */
  content_policy_fallback: identifier.optional(),
  /** Tuning of the latency and triad strategies; defaults in src/routing/strategy-options.ts. */
  strategy_options: z
    .strictObject({
      /** Pick randomly among deployments within this fraction of the fastest (0.1 = 10 % slower at most). */
      latency_buffer: nonNegative.optional(),
      /** Latency averages older than this are ignored, so a deployment that recovered gets tried again. */
      latency_ttl_seconds: positive.optional(),
      /** Weight of the newest sample in the moving average (0..1]. */
      latency_alpha: z.number().gt(0).max(1).optional(),
    })
    .optional(),
});
export type ModelGroupConfig = z.infer<typeof modelGroupSchema>;

const backoffSchema = z.strictObject({
  initial_ms: nonNegative.default(250),
  max_ms: positive.default(8_000),
  multiplier: z.number().min(1).default(2),
  jitter: z.enum(["full", "none"]).default("full"),
});

const errorPolicySchema = z.strictObject({
  /** Retry on the same deployment before moving on. */
  retry_same: z.number().int().nonnegative().optional(),
  /** Move to the next deployment of the group (or fallback group) on this error. */
  next_deployment: z.boolean().optional(),
  /** Counts against the deployment's cooldown. */
  counts_for_cooldown: z.boolean().optional(),
});

export const retrySchema = z.strictObject({
  /**
   * Retries within one model group before its fallbacks (the group's share is max_retries + 1 attempts). Before
   * issue #14 it capped the whole request, so a dead primary used up every attempt; requests.max_attempts is that cap.
   */
  max_retries: z.number().int().nonnegative().default(3),
  /** Retries of one deployment within one request, tried only after the group's other deployments and fallbacks. */
  per_deployment_retries: z.number().int().nonnegative().default(1),
  backoff: backoffSchema.default({ initial_ms: 250, max_ms: 8_000, multiplier: 2, jitter: "full" }),
  per_error: z.partialRecord(z.enum(errorClasses), errorPolicySchema).default({}),
});

export const cooldownSchema = z.strictObject({
  allowed_fails: z.number().int().nonnegative().default(3),
  window_seconds: positive.default(60),
  cooldown_seconds: positive.default(30),
  failure_rate_threshold: z.number().gt(0).max(1).default(0.5),
  min_requests_for_rate: z.number().int().positive().default(10),
  /** Upper bound on one cooldown, whatever Retry-After says. */
  max_cooldown_seconds: positive.optional(),
});

/** Where cooldowns, usage windows, in-flight counts and latency stats live; Redis shares them across replicas. */
export const routingStateSchema = z.strictObject({
  backend: z.enum(["memory", "redis"]).default("memory"),
  url: urlField(["redis", "rediss"], { example: "redis://127.0.0.1:6379" }).optional(),
  key_prefix: z.string().min(1).optional(),
});

/** Active health probes of every deployment. */
export const healthSchema = z.strictObject({
  interval_ms: z.number().int().positive().default(30_000),
  timeout_ms: z.number().int().positive().optional(),
  /** Consecutive failed probes before a deployment is skipped by selection. */
  unhealthy_after: z.number().int().positive().optional(),
  /** Consecutive passed probes before it is used again. */
  healthy_after: z.number().int().positive().optional(),
});

