import type { RateBelief } from "./beta-posterior.ts";
import type { ModeStatistics } from "./mode-statistics.ts";
import { chanceToBeat } from "./shadow-evidence.ts";

/** What {@link holdsIncumbent} needs to know about the incumbent: the provider's default mode, where a deployment starts. */
export interface IncumbentEvidence {
  /** The incumbent's correctness belief and the most correct mode's (by mean). */
  incumbent: RateBelief;
  best: RateBelief;
  /** Discounted verdict weight on the incumbent: with none, "no evidence against it" says nothing. */
  verdicts: number;
  /** Discounted verdict weight the incumbent lost (verdict weight minus verdict score): silent evidence against it. */
  wrongWeight: number;
  /** True while the verdict alarm suspects the incumbent (its recent verdicts fell below its settled rate). */
  suspect: boolean;
}

/**
 * Whether correctness-first exploitation keeps the incumbent (the provider's default) although another mode's
 * mean is now higher. It is kept while it has verdicts (at least `minVerdicts`) and no wrong one against it
 * (`wrongWeight` under `wrongAllowed`), is not suspect, and the chance that the rival is better by more than `tolerance` is still
 * below `hold`. A silent 3-point difference needs more verdicts than 200 requests give, so before this a
 * mode with no evidence against it was left on noise: one early invalid answer of OpenAI's emit (its best
 * mode) put compressed, cheaper and silently 3 points worse, ahead by mean, and emit, no longer asked, never
 * caught up (held-out set 11). A visibly broken incumbent still loses at once: a few invalid answers settle
 * the chance; a silently wrong one loses its hold with its first wrong verdict.
 *
 * @example
 * holdsIncumbent({ incumbent: { mean: 0.85, sd: 0.12 }, best: { mean: 0.97, sd: 0.05 }, verdicts: 2, wrongWeight: 0, suspect: false }, { hold: 0.9, tolerance: 0.02 }) // true
 */
export function holdsIncumbent(evidence: IncumbentEvidence, options: { hold: number; tolerance: number; wrongAllowed?: number; minVerdicts?: number }): boolean {
  if (options.hold <= 0 || evidence.suspect || evidence.verdicts < (options.minVerdicts ?? 1)) return false;
  if (evidence.wrongWeight > (options.wrongAllowed ?? 0.1)) return false;
  return chanceToBeat(evidence.incumbent, evidence.best, options.tolerance) < options.hold;
}

/**
 * A mode's discounted verdict weight and the part of it that went against the mode, for {@link holdsIncumbent}.
 *
 * @example
 * verdictsOn(policy.statisticsOf("gpt", "emit")) // { verdicts: 2.3, wrongWeight: 0 }
 */
export function verdictsOn(statistics: Readonly<ModeStatistics> | undefined): { verdicts: number; wrongWeight: number } {
  if (statistics === undefined) return { verdicts: 0, wrongWeight: 0 };
  return { verdicts: statistics.evidence, wrongWeight: Math.max(0, statistics.evidence - statistics.evidenceScore) };
}
