/**
 * Page-Hinkley test for a drop in the mean of a signal in [0, 1] (validity, feedback score). Plain data, so
 * it persists with the statistics it belongs to.
 */
export interface PageHinkleyState {
  /** Observations since the last reset. */
  n: number;
  /** Running mean since the last reset. */
  mean: number;
  /** Cumulative deviation below the mean, less the tolerated drift `delta` per observation. */
  sum: number;
  /** The smallest `sum` seen since the last reset. */
  min: number;
}

export interface PageHinkleyConfig {
  /** Drift tolerated per observation before it counts as evidence of a drop (default 0.05). */
  delta: number;
  /** Alarm when the cumulative drop exceeds this (default 5). */
  threshold: number;
  /** No alarm before this many observations since the last reset: the mean needs a few to settle. */
  minObservations: number;
}

export const DEFAULT_PAGE_HINKLEY: PageHinkleyConfig = { delta: 0.05, threshold: 5, minObservations: 10 };

/** A detector that has seen nothing. */
export function emptyDetector(): PageHinkleyState {
  return { n: 0, mean: 0, sum: 0, min: 0 };
}

/**
 * Folds one observation in; true when the signal's mean has dropped (the detector is then reset, so the
 * next alarm needs fresh evidence).
 *
 * @example
 * const state = emptyDetector();
 * for (const valid of outcomes) if (observeDrop(state, valid ? 1 : 0)) forgetOldEvidence();
 */
export function observeDrop(state: PageHinkleyState, value: number, config: PageHinkleyConfig = DEFAULT_PAGE_HINKLEY): boolean {
  state.n += 1;
  state.mean += (value - state.mean) / state.n;
  // A drop makes (mean - value) positive on average; delta keeps noise around a steady mean from adding up.
  state.sum += state.mean - value - config.delta;
  state.min = Math.min(state.min, state.sum);
  if (state.n >= config.minObservations && state.sum - state.min > config.threshold) {
    Object.assign(state, emptyDetector());
    return true;
  }
  return false;
}
