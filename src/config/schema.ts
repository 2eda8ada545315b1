import { z } from "zod";
import { guardianConfigSchema } from "./guardian-config.ts";
import { memoryConfigSchema } from "./memory-config.ts";
import { checkpointsUrlField, urlField } from "./url-field.ts";

/**
 * The switchyard.yaml schema. Strict objects everywhere: an unknown key is an error with a "did you mean",
 * because a misspelt limit silently ignored is how production gateways surprise their owners.
 */
export const providers = ["openai", "google-genai", "ollama"] as const;
export type Provider = (typeof providers)[number];

export const outputModeNames = ["emit", "compressed", "reconstruct"] as const;

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

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' or '-'");

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

export const outputModesSchema = z.strictObject({
  policy: z.enum(["adaptive", "fixed"]).default("adaptive"),
  defaults: z
    .strictObject({
      openai: z.enum(outputModeNames).default("emit"),
      "google-genai": z.enum(outputModeNames).default("compressed"),
      ollama: z.enum(outputModeNames).default("reconstruct"),
    })
    .default({ openai: "emit", "google-genai": "compressed", ollama: "reconstruct" }),
  allowed: z.array(z.enum(outputModeNames)).min(1).default(["emit", "compressed", "reconstruct"]),
  /** Upper bound on the share of requests spent exploring a mode that is not the current best. */
  max_exploration: z.number().min(0).max(1).default(0.1),
  /**
   * When local repair cannot build the object, one cheap repair call (the broken answer, what was wrong and
   * the schema) routed to a deployment of `group` (default: the request's group). Off unless present.
   */
  repair_call: z.strictObject({ group: identifier.optional() }).optional(),
  /**
   * Shadow agreement: this share of answered requests is also asked, in the background, of another
   * (deployment, mode), and the answers are compared field by field (evidence for the adaptive policy).
   * Off (rate 0) unless set; each shadow call is a real, billed call.
   */
  shadow: z
    .strictObject({
      rate: z.number().min(0).max(1).default(0),
      max_concurrent: z.number().int().positive().default(2),
      weight: z.number().gt(0).max(1).default(0.5),
    })
    .optional(),
});

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

/** `switchyard serve`: where it listens, which browser origins may call it, and optional API keys. */
export const serverSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(2024),
  host: z.string().min(1).default("127.0.0.1"),
  /** Origins allowed by CORS; "localhost" allows any http(s)://localhost or 127.0.0.1 port. */
  cors_origins: z.array(z.string().min(1)).default(["https://smith.langchain.com", "localhost"]),
  /** Largest request body accepted, in bytes; larger ones get 413 before they are read whole. */
  max_body_bytes: z.number().int().positive().default(1_048_576),
  /** On SIGTERM, how long runs in flight may take to stop before the process exits anyway. */
  shutdown_grace_ms: z.number().int().nonnegative().default(1_000),
  auth: z
    .strictObject({
      /** Name of the environment variable holding comma-separated API keys (never the keys themselves). */
      api_keys_env: z.string().min(1),
    })
    .optional(),
  /**
   * What a starting server does with runs whose owner died (kill -9, crash): "resume" (default) continues each
   * from its thread's last checkpoint; "error" marks it error with the reason. Either way a run whose thread
   * already finished is marked success.
   */
  recovery: z.enum(["resume", "error"]).optional(),
});
export type ServerConfig = z.output<typeof serverSchema>;

/** Verification (src/verification): policy proofs, the runtime monitor, PII and copyright checks. Off by default. */
export const verificationConfigSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** A policy YAML file (see policies/support.yaml). */
  policy: z.string().min(1).optional(),
  pii: z
    .strictObject({
      strategy: z.enum(["block", "redact", "mask", "hash"]).default("redact"),
      kinds: z.array(z.enum(["email", "phone", "payment_card", "iban", "national_id", "ip_address", "secret"])).optional(),
      /** Environment variable holding the salt for the hash strategy. */
      salt_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    })
    .default({ strategy: "redact" }),
  copyright: z
    .strictObject({
      /** Files of protected text. */
      corpus: z.array(z.string().min(1)).default([]),
      /** Words per shingle; 4 keeps a passage with every 7th word replaced detectable. */
      n: z.number().int().min(3).default(4),
      /** Share of shingles in the densest window shared with one protected document. */
      threshold: z.number().gt(0).max(1).default(0.3),
    })
    .optional(),
  risk: z
    .strictObject({
      horizon: z.number().int().positive().default(3),
      threshold: z.number().gt(0).max(1).default(0.5),
      on_exceed: z.enum(["block", "approve"]).default("approve"),
      /** What a (state, action) pair the MDP never observed gets: never risk 0. */
      on_unseen: z.enum(["block", "approve", "allow"]).default("approve"),
    })
    .optional(),
});
export type VerificationConfig = z.output<typeof verificationConfigSchema>;

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
    defaults: { openai: "emit", "google-genai": "compressed", ollama: "reconstruct" },
    allowed: ["emit", "compressed", "reconstruct"],
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
  server: serverSchema.default({ port: 2024, host: "127.0.0.1", cors_origins: ["https://smith.langchain.com", "localhost"], max_body_bytes: 1_048_576, shutdown_grace_ms: 1_000 }),
});

/** The raw shape a user writes. */
export type SwitchyardConfigInput = z.input<typeof switchyardConfigSchema>;
/** The config after defaults, as the engine reads it. */
export type SwitchyardConfig = z.output<typeof switchyardConfigSchema>;
export type RetryConfig = SwitchyardConfig["retry"];
export type CooldownConfig = SwitchyardConfig["cooldown"];
export type OutputModesConfig = SwitchyardConfig["output_modes"];
