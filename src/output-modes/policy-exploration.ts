import type { RateBelief } from "./beta-posterior.ts";
import { argmax, preferFirst } from "./policy-argmax.ts";
import type { OutputMode } from "./protocol.ts";

/** What {@link explore} needs from one `AdaptivePolicy.choose`. */
export interface ExploreOptions {
  modes: readonly OutputMode[];
  /** The mode exploitation picked. */
  greedy: OutputMode;
  correctnessFirst: boolean;
  tolerance: number;
  epsilon: number;
  /** The best posterior mean among the modes. */
  bestMean: number;
  beliefs: ReadonlyMap<OutputMode, RateBelief>;
  /** A mode's triad score with the given correctness. */
  scoreWith: (mode: OutputMode, correctness: number) => number;
  /** One draw from the mode's correctness posterior. */
  draw: (mode: OutputMode) => number;
  random: () => number;
}

/**
 * One exploration step (the caller checked the budget): Thompson sampling, one draw per mode from its
 * posterior (discounting widens a posterior again, so a mode not tried for a while is re-explored), else an
 * epsilon pick among the modes that could still be within tolerance of the best. Undefined: exploit.
 *
 * @example
 * const exploration = explore({ modes, greedy, correctnessFirst: true, tolerance: 0.02, epsilon: 0.02, bestMean, beliefs, scoreWith, draw, random });
 */
export function explore(options: ExploreOptions): { mode: OutputMode; reason: string } | undefined {
  const { modes, greedy, tolerance, random } = options;
  const drawn = new Map(modes.map((candidate) => [candidate, options.draw(candidate)]));
  const sampled = (candidate: OutputMode) => drawn.get(candidate) ?? 0;
  const sampledBest = Math.max(...modes.map(sampled));
  const contenders = options.correctnessFirst ? modes.filter((candidate) => sampled(candidate) >= sampledBest - tolerance) : modes;
  // A draw that only ties the greedy mode is no reason to leave it (with the retry credited, modes nothing has
  // told apart tie exactly, and a tie went to whichever came first).
  const thompson = argmax(preferFirst(contenders, greedy), (candidate) => options.scoreWith(candidate, sampled(candidate)), 1e-9);
  if (thompson !== greedy) return { mode: thompson, reason: `explore: ${thompson} wins on a draw from its correctness posterior` };
  if (random() >= options.epsilon) return undefined;
  // Only modes that could still be within tolerance of the best: exploring one known to be far less correct
  // costs callers right answers for nothing.
  const plausible = modes.filter((candidate) => candidate !== greedy && (options.beliefs.get(candidate)?.mean ?? 0) + 2 * (options.beliefs.get(candidate)?.sd ?? 0) >= options.bestMean - tolerance);
  const pick = plausible[Math.min(plausible.length - 1, Math.floor(random() * plausible.length))];
  return pick === undefined ? undefined : { mode: pick, reason: `explore: random pick of ${pick} (epsilon ${options.epsilon})` };
}
