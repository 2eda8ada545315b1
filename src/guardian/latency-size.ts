import type { KeyStatistics } from "./key-statistics.ts";
import type { SampleWindow } from "./sample-window.ts";

/**
 * Latency with the answer's length taken out. A model's latency is about `overhead + perToken x output tokens`,
 * and how long an answer is depends on what the callers ask: a tenant that asks for long answers (or a hostile
 * one that does it on purpose) raises the raw p95 and p50 of a deployment whose speed did not change, and the
 * raw detector would quarantine it for everyone. The fit is taken on the baseline's (output tokens, latency)
 * pairs by least squares; each sample is then judged as its latency over what the baseline's fit expects for
 * its length, so only a deployment that got slower *for the same length* moves the ratios.
 */
export interface SizeAdjusted {
  /** Quantiles of latency / expected latency, recent and baseline. */
  recentP95: number;
  recentP50: number;
  baseP95: number;
  baseP50: number;
  /** The fit: ms of fixed overhead and ms per output token. */
  overheadMs: number;
  msPerToken: number;
}

/** Output lengths must vary this much (coefficient of variation) before the fit can tell overhead from speed. */
const MIN_SPREAD = 0.1;

/** The newest pairs of two windows pushed together (after a restore one may hold fewer: align at the newest end). */
function pairs(latency: SampleWindow, output: SampleWindow): Array<[number, number]> {
  const latencies = latency.toArray();
  const outputs = output.toArray();
  const count = Math.min(latencies.length, outputs.length);
  const result: Array<[number, number]> = [];
  for (let index = 1; index <= count; index++) {
    const tokens = outputs[outputs.length - index] ?? Number.NaN;
    const ms = latencies[latencies.length - index] ?? Number.NaN;
    if (Number.isFinite(tokens) && tokens >= 0 && Number.isFinite(ms)) result.push([tokens, ms]);
  }
  return result;
}

function fit(points: ReadonlyArray<[number, number]>): { overheadMs: number; msPerToken: number } | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  let sumX = 0;
  let sumY = 0;
  for (const [x, y] of points) {
    sumX += x;
    sumY += y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
  }
  if (meanX <= 0 || Math.sqrt(sxx / n) / meanX < MIN_SPREAD) return undefined;
  let msPerToken = sxy / sxx;
  let overheadMs = meanY - msPerToken * meanX;
  // A negative overhead is noise around a proportional model: refit through the origin.
  if (overheadMs < 0) {
    let xx = 0;
    let xy = 0;
    for (const [x, y] of points) {
      xx += x * x;
      xy += x * y;
    }
    overheadMs = 0;
    msPerToken = xy / xx;
  }
  // Length does not explain latency here (flat or falling): nothing to take out.
  if (!(msPerToken > 0)) return undefined;
  return { overheadMs, msPerToken };
}

function quantiles(points: ReadonlyArray<[number, number]>, expected: (tokens: number) => number): { p95: number; p50: number } {
  const ratios = Float64Array.from(points, ([tokens, ms]) => ms / expected(tokens)).sort();
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.max(0, Math.ceil(q * ratios.length) - 1))] ?? Number.NaN;
  return { p95: at(0.95), p50: at(0.5) };
}

/**
 * The recent and baseline latency ratios to the baseline's length fit, or undefined when the baseline cannot
 * separate overhead from speed (lengths too alike, too few pairs, or latency not rising with length). Costs a
 * pass over the recent windows (the baseline's fit is cached); the detector calls it only when the raw figures
 * are not healthy.
 */
export function sizeAdjustedLatency(key: KeyStatistics, minSamples: number): SizeAdjusted | undefined {
  const baseline = baselineFit(key.baseline.latency, key.baseline.output);
  if (baseline === undefined || baseline.samples < minSamples) return undefined;
  const recent = pairs(key.recent.latency, key.recent.output);
  if (recent.length < minSamples) return undefined;
  const recentQ = quantiles(recent, baseline.expected);
  return { recentP95: recentQ.p95, recentP50: recentQ.p50, baseP95: baseline.p95, baseP50: baseline.p50, overheadMs: baseline.overheadMs, msPerToken: baseline.msPerToken };
}

interface BaselineFit {
  version: number;
  samples: number;
  overheadMs: number;
  msPerToken: number;
  expected: (tokens: number) => number;
  p95: number;
  p50: number;
}

/**
 * The baseline's fit and its own ratio quantiles, kept per baseline window and refitted only after the window
 * moved by its staleness (5 % of it): a noisy deployment sits in the "band" for long stretches, and refitting
 * the whole baseline on every evaluation there would multiply the guardian's per-request cost.
 */
const fits = new WeakMap<SampleWindow, BaselineFit | { version: number; samples: number; unusable: true }>();

function baselineFit(latency: SampleWindow, output: SampleWindow): BaselineFit | undefined {
  const cached = fits.get(latency);
  if (cached !== undefined && latency.pushes - cached.version <= latency.staleness) return "unusable" in cached ? undefined : cached;
  const base = pairs(latency, output);
  const line = fit(base);
  if (line === undefined) {
    fits.set(latency, { version: latency.pushes, samples: base.length, unusable: true });
    return undefined;
  }
  // A floor of one token's time keeps a zero-overhead fit from dividing by zero on an empty answer.
  const expected = (tokens: number) => Math.max(line.overheadMs + line.msPerToken * tokens, line.msPerToken);
  const baseQ = quantiles(base, expected);
  const result: BaselineFit = { version: latency.pushes, samples: base.length, ...line, expected, p95: baseQ.p95, p50: baseQ.p50 };
  fits.set(latency, result);
  return result;
}
