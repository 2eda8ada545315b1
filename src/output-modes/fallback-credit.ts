import type { RateBelief } from "./beta-posterior.ts";
import type { OutputMode } from "./protocol.ts";

/** One candidate mode's belief split as the policy holds it: validity alone, and validity x right-given-valid. */
export interface ModeBeliefParts {
  /** Posterior mean validity. */
  validity: number;
  /** Belief about the mode's correct rate on its own answer (validity x right given valid). */
  correct: RateBelief;
}

/**
 * What the caller is expected to get right when `mode` is asked first: its own valid-and-right answers, plus,
 * for its invalid ones, what the gateway's retry in the next mode gets right (the best other candidate's own
 * rate). Without this credit a visibly invalid answer, which the gateway retries and the caller never sees,
 * counted as fully wrong, while a silently wrong one counted only through the sparse verdicts: the policy
 * then preferred a mode that is always valid and sometimes wrong (heldout7's OpenAI compressed, 9 % wrong)
 * to one that is sometimes invalid and almost always right (reconstruct, 2 % wrong). The spread keeps the
 * mode's own: the fallback's uncertainty is the fallback's.
 *
 * @example
 * const credited = creditFallback(new Map([["emit", { validity: 0.9, correct: { mean: 0.88, sd: 0.05 } }], ["compressed", { validity: 1, correct: { mean: 0.93, sd: 0.04 } }]]));
 * credited.get("emit")?.mean; // 0.88 + 0.1 * 0.93 = 0.973
 */
export function creditFallback(parts: ReadonlyMap<OutputMode, ModeBeliefParts>, share = 1): Map<OutputMode, RateBelief> {
  const credited = new Map<OutputMode, RateBelief>();
  for (const [mode, part] of parts) credited.set(mode, { mean: part.correct.mean + (1 - part.validity) * share * fallbackRate(parts, mode), sd: part.correct.sd });
  return credited;
}

/** The best own correct rate among the candidates other than `mode` (0 when it is the only one: nothing to retry in). */
export function fallbackRate(parts: ReadonlyMap<OutputMode, ModeBeliefParts>, mode: OutputMode): number {
  let best = 0;
  for (const [other, part] of parts) if (other !== mode) best = Math.max(best, part.correct.mean);
  return best;
}
