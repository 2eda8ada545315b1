import { z } from "zod";
import { urlField } from "./url-field.ts";

const positive = z.number().positive();
const count = z.number().int().positive();
const fraction = z.number().min(0).max(1);

/**
 * The `guardian:` section of switchyard.yaml (see "Guardian" in README.md): baselines, detectors with
 * their thresholds, hysteresis, recovery durations, security bursts and the notification hook.
 */
export const guardianConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Samples a (deployment, mode) baseline needs before anything about it is judged. */
  warmup_samples: count.default(20),
  /** The recent window each detector judges; samples leaving it join the baseline while the key is healthy. */
  window_size: count.default(40),
  /** The recent window of the rates (schema-valid, correct, error): longer, since a rate from few samples is mostly luck. */
  rate_window_size: count.default(100),
  baseline_size: count.default(300),
  /** Consecutive firing evaluations before acting, and consecutive healthy ones before restoring. */
  trigger_after: count.default(3),
  clear_after: count.default(5),
  latency: z
    .strictObject({
      p95_factor: positive.default(1.2),
      /** The median must rise too: a busy host stretches the tail of every backend, a slow backend moves its middle. */
      p50_factor: positive.default(1.1),
      clear_factor: positive.default(1.1),
      min_increase_ms: z.number().nonnegative().default(10),
      min_samples: count.default(20),
      /**
       * Scale the baseline by the load the samples saw (mean calls in flight on the deployment, recent over
       * baseline, at least 1): latency that rose no faster than the load moved onto a deployment is not blamed on it.
       */
      load_aware: z.boolean().default(true),
    })
    .default({ p95_factor: 1.2, p50_factor: 1.1, clear_factor: 1.1, min_increase_ms: 10, min_samples: 20, load_aware: true }),
  correctness: z
    .strictObject({
      factor: fraction.default(0.95),
      clear_factor: fraction.default(0.97),
      min_samples: count.default(20),
      /** The drop must also be this many standard errors deep, so a few unlucky answers in a small window do not count. */
      min_z: z.number().nonnegative().default(4),
    })
    .default({ factor: 0.95, clear_factor: 0.97, min_samples: 20, min_z: 4 }),
  errors: z
    .strictObject({ factor: positive.default(2), min_increase: fraction.default(0.1), min_samples: count.default(20) })
    .default({ factor: 2, min_increase: 0.1, min_samples: 20 }),
  cost: z
    .strictObject({ factor: positive.default(1.25), clear_factor: positive.default(1.1), min_samples: count.default(20) })
    .default({ factor: 1.25, clear_factor: 1.1, min_samples: 20 }),
  recovery: z
    .strictObject({
      /** First quarantine (cooldown) of a deployment; doubles each time it relapses, up to the max. */
      quarantine_seconds: positive.default(30),
      max_quarantine_seconds: positive.default(600),
      /** How long a collapsed output mode stays blocked on its deployment before it is tried again. */
      mode_block_seconds: positive.default(60),
      /** Exploration share granted to a deployment while one of its modes is blocked. */
      exploration_boost: fraction.default(0.3),
      /** Strategy a group switches to when its cost drifts. */
      cost_strategy: z.enum(["weighted", "least-busy", "latency", "usage", "cost", "consistent-hash", "triad"]).default("cost"),
      cost_switch_seconds: positive.default(300),
    })
    .default({ quarantine_seconds: 30, max_quarantine_seconds: 600, mode_block_seconds: 60, exploration_boost: 0.3, cost_strategy: "cost", cost_switch_seconds: 300 }),
  security: z
    .strictObject({ burst_count: count.default(5), burst_window_seconds: positive.default(60) })
    .default({ burst_count: 5, burst_window_seconds: 60 }),
  /** Where events go besides the SQLite table: JSON lines on stderr, into a file path, or nowhere. */
  log: z.union([z.enum(["stderr", "none"]), z.string().min(1)]).default("stderr"),
  webhook: z
    .strictObject({
      url: urlField(["http", "https"], { example: "https://hooks.example.com/switchyard" }),
      max_attempts: count.default(4),
      initial_backoff_ms: positive.default(500),
      timeout_ms: count.default(5_000),
    })
    .optional(),
});

/** The guardian section as written (every field optional). */
export type GuardianConfigInput = z.input<typeof guardianConfigSchema>;
/** The guardian section after defaults. */
export type GuardianConfig = z.output<typeof guardianConfigSchema>;

/** Every default, for an engine whose config has no `guardian` section. */
export function defaultGuardianConfig(overrides: GuardianConfigInput = {}): GuardianConfig {
  return guardianConfigSchema.parse(overrides);
}
