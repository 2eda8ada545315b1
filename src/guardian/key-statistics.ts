import { SampleWindow } from "./sample-window.ts";

/** The figures tracked per (deployment, mode). Rates are windows of 0/1 samples. */
export const metricNames = ["latency", "valid", "correct", "error", "tokens", "cost", "load", "output"] as const;
export type MetricName = (typeof metricNames)[number];

/** One finished attempt, reduced to what the guardian measures. */
export interface Observation {
  deployment: string;
  mode: string;
  /** Transport failure (no answer). */
  failed: boolean;
  latencyMs: number;
  /** Schema-valid; only for answered attempts. */
  valid?: boolean;
  /** Equal to gold; only when known. */
  correct?: boolean;
  tokens: number;
  costUsd: number;
  /** Calls in flight on the deployment when this one started, itself included; unknown for old samples. */
  inFlight?: number;
  /** Output tokens of an answered attempt: lets the latency detector take the answer's length out. */
  outputTokens?: number;
}

/**
 * Recent and baseline windows of one (deployment, mode). A sample enters the recent window; the one it
 * pushes out joins the baseline only while the key is healthy, so a degradation is judged against figures
 * from before it began and never leaks into its own yardstick.
 */
export class KeyStatistics {
  readonly deployment: string;
  readonly mode: string;
  recent: Record<MetricName, SampleWindow>;
  baseline: Record<MetricName, SampleWindow>;
  /** False while an incident holds this key: evicted samples are dropped instead of learned. */
  learning = true;
  /** Observations since the last evaluation (the evaluation skips untouched keys). */
  dirty = false;

  constructor(deployment: string, mode: string, windowSize: number, rateWindowSize: number, baselineSize: number) {
    this.deployment = deployment;
    this.mode = mode;
    this.recent = windows(windowSize, rateWindowSize);
    this.baseline = windows(baselineSize, baselineSize, baselineStaleness(baselineSize));
  }

  observe(observation: Observation): void {
    this.dirty = true;
    this.push("error", observation.failed ? 1 : 0);
    if (observation.failed) return;
    this.push("latency", observation.latencyMs);
    // Pushed with every latency (NaN when unknown) so the two windows stay pairs, newest with newest.
    this.push("output", observation.outputTokens ?? Number.NaN);
    this.push("tokens", observation.tokens);
    this.push("cost", observation.costUsd);
    if (observation.inFlight !== undefined) this.push("load", observation.inFlight);
    if (observation.valid !== undefined) this.push("valid", observation.valid ? 1 : 0);
    if (observation.correct !== undefined) this.push("correct", observation.correct ? 1 : 0);
  }

  /**
   * Moves the recent samples but the newest `skipNewest` of each window into the baseline: the answers before
   * a run of invalid ones are the yardstick the run was judged by (see invalid-run.ts). A run can be found on
   * a young key; forgetting them left a baseline under `warmup_samples` that, learning nothing while the
   * incident held, could never judge the probation (no restore, ever).
   */
  absorbRecent(skipNewest: number): void {
    for (const name of metricNames) {
      const values = this.recent[name].toArray();
      for (const value of values.slice(0, Math.max(0, values.length - skipNewest))) this.baseline[name].push(value);
    }
  }

  /** Forgets the recent windows (after an action, so probation judges only what follows it). */
  resetRecent(): void {
    for (const name of metricNames) this.recent[name].clear();
  }

  private push(name: MetricName, value: number): void {
    const evicted = this.recent[name].push(value);
    if (evicted !== undefined && this.learning) this.baseline[name].push(evicted);
  }
}

/** Rates are 0/1 samples: they need more of them than latency or cost to mean anything. */
export function isRate(name: MetricName): boolean {
  return name === "valid" || name === "correct" || name === "error";
}

/** A baseline's quantiles are re-sorted after 5 % of it changed, not per sample. */
export function baselineStaleness(baselineSize: number): number {
  return Math.floor(baselineSize / 20);
}

function windows(size: number, rateSize: number, staleness = 0): Record<MetricName, SampleWindow> {
  return {
    latency: new SampleWindow(size, staleness),
    valid: new SampleWindow(rateSize),
    correct: new SampleWindow(rateSize),
    error: new SampleWindow(rateSize),
    tokens: new SampleWindow(size),
    cost: new SampleWindow(size),
    load: new SampleWindow(size),
    output: new SampleWindow(size),
  };
}
