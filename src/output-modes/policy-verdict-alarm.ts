/** What one verdict said about an answer of a (deployment, mode). */
export type VerdictKind = "right" | "wrong" | "disputed";

export interface VerdictAlarmConfig {
  /** The rise in a mode's wrong rate (over its own settled rate) the test looks for (default 0.08). */
  shift: number;
  /** Sum from which the mode is suspect: its answers are shadowed at the suspect rate (default 1: one wrong verdict; 0.5 found drift sooner in the simulation but false alarms cost a close call hundreds of requests). */
  suspect: number;
  /** Sum at which a blame re-opens the decision: the mode's old evidence is mostly forgotten (default 3). */
  alarm: number;
}

export const DEFAULT_VERDICT_ALARM: VerdictAlarmConfig = { shift: 0.08, suspect: 1, alarm: 3 };

/**
 * A windowed test for a (deployment, mode) whose valid answers turn wrong (a silent drift): a Bernoulli CUSUM
 * on its verdicts (user feedback, shadow agreements, arbitrated blame). Each verdict adds the log-likelihood
 * ratio of "wrong at the settled rate + shift" against "wrong at the settled rate", floored at 0, so old
 * agreement cannot bank credit against new blame. A Page-Hinkley on the verdicts' mean (the validity
 * detector) needs about eleven zeros close together at a 3 % wrong rate; here one wrong verdict makes the mode
 * suspect (more shadows, hence more verdicts) and about two more close together raise the alarm
 * (simulated: a 3 -> 12 % drift found after a median 27 verdicts; on a steady 3 %, 13 % of runs of 100
 * verdicts alarm once, which costs a few requests on the second-best mode).
 * In memory only: a restart starts every mode unsuspected.
 *
 * @example
 * const alarms = new VerdictAlarms();
 * if (alarms.observe("gpt\u0000emit", { kind: "wrong", weight: 1, score: 0 }, 0.03)) forgetAllButTheRecentRun();
 * alarms.suspect("gpt\u0000emit"); // true after a wrong verdict: shadow it more
 */
export class VerdictAlarms {
  private readonly sums = new Map<string, { sum: number; recentWeight: number; recentScore: number }>();

  constructor(private readonly config: VerdictAlarmConfig = DEFAULT_VERDICT_ALARM) {}

  /**
   * Folds one verdict (its weight and score) in, given the wrong rate the policy believed before it. On an
   * alarm (a wrong verdict took the sum to the alarm level; the sum then restarts at 0) returns the verdicts
   * since the sum last left 0: the run that raised it, which the caller keeps while it forgets the rest. A
   * disputed verdict (a disagreement nobody settled) counts half a wrong one but never raises the alarm itself.
   */
  observe(key: string, verdict: { kind: VerdictKind; weight: number; score: number }, wrongRate: number): { recentWeight: number; recentScore: number } | undefined {
    const settled = Math.min(0.4, Math.max(0.01, wrongRate));
    const drifted = Math.min(0.6, settled + this.config.shift);
    const wrong = Math.log(drifted / settled);
    const step = verdict.kind === "right" ? Math.log((1 - drifted) / (1 - settled)) : verdict.kind === "wrong" ? wrong : wrong / 2;
    const state = this.sums.get(key) ?? { sum: 0, recentWeight: 0, recentScore: 0 };
    state.sum = Math.max(0, state.sum + step);
    if (state.sum === 0) {
      state.recentWeight = 0;
      state.recentScore = 0;
    } else {
      state.recentWeight += verdict.weight;
      state.recentScore += verdict.weight * verdict.score;
    }
    if (verdict.kind === "wrong" && state.sum >= this.config.alarm) {
      this.sums.delete(key);
      return { recentWeight: state.recentWeight, recentScore: state.recentScore };
    }
    this.sums.set(key, state);
    return undefined;
  }

  /** True while the mode's recent verdicts are worse than its settled rate by enough to look again. */
  suspect(key: string): boolean {
    return (this.sums.get(key)?.sum ?? 0) >= this.config.suspect;
  }
}

/** A verdict's kind from its score: feedback is right from 0.5 up; a shadow score strictly inside (0, 1) is disputed. */
export function verdictKind(score: number, source: "feedback" | "shadow"): VerdictKind {
  if (source === "feedback") return score >= 0.5 ? "right" : "wrong";
  return score >= 0.999 ? "right" : score <= 0.001 ? "wrong" : "disputed";
}
