import type { OutputMode } from "../../src/output-modes/protocol.ts";
import { detectionBound, type DetectionBound, type PhaseRates } from "./detection-bound.ts";
import type { PolicyTrace } from "./triad-policies.ts";

/** How the adaptive policy met a mid-run drift on one backend. */
export interface DriftFigure {
  backend: string;
  /** The mode whose correct rate (run fixed) dropped most at the switch. */
  degradedMode: OutputMode;
  /** Fixed-mode correct rate of that mode before and after the switch. */
  before: number;
  after: number;
  /** Share of the adaptive policy's first attempts in that mode over the 50 requests before the switch. */
  adaptiveShareBefore: number;
  /**
   * Requests after the switch until the policy left the mode: the first position from which fewer than half
   * of the next 20 first attempts use it. The number of post-switch requests when it never left.
   */
  requestsToLeave: number;
  left: boolean;
  /**
   * Whether the drift tests leaving at all: the policy had settled on the degraded mode before the switch (at
   * least half of its first attempts). "Left after 0" from a policy that hardly used the mode says nothing.
   */
  tested: boolean;
  /**
   * The fewest requests any change detector could have needed, from what the policy observes of the degraded
   * mode (validity at once; correctness through feedback and shadows): detection-bound.ts. Absent when the
   * fixed runs carry no validity flags (an old fixed-run cache).
   */
  bound?: DetectionBound;
}

/** What the policy is told besides validity: the shares of answers a user judges and a shadow compares. */
export interface DriftEvidenceRates {
  feedbackRate: number;
  shadowRate: number;
}

/** A drop smaller than this (in correct rate) is noise, not drift. */
const DRIFT_THRESHOLD = 0.05;
const LEAVE_WINDOW = 20;
/** The policy's share of first attempts in the degraded mode before the switch from which leaving it is tested. */
const SETTLED_SHARE = 0.5;

/**
 * Finds, per backend, the mode the drift degraded (from the fixed-mode runs) and how long the adaptive
 * policy kept choosing it after the switch.
 *
 * @example
 * const figures = driftFigures(comparison.traces, comparison.driftIndex ?? 0, { feedbackRate: 0.15, shadowRate: 0.05 });
 */
export function driftFigures(traces: readonly PolicyTrace[], driftIndex: number, evidence?: DriftEvidenceRates, goal = 50): DriftFigure[] {
  const backends = [...new Set(traces.map((trace) => trace.backend))];
  const figures: DriftFigure[] = [];
  for (const backend of backends) {
    let worst: { mode: OutputMode; before: number; after: number; rates?: [PhaseRates, PhaseRates] } | undefined;
    for (const trace of traces) {
      if (trace.backend !== backend || !trace.policy.startsWith("fixed ")) continue;
      const mode = trace.policy.slice("fixed ".length) as OutputMode;
      if (worst?.mode === mode) continue;
      const runs = traces.filter((candidate) => candidate.policy === trace.policy && candidate.backend === backend);
      const earlier = runs.filter((candidate) => candidate.index < driftIndex);
      const later = runs.filter((candidate) => candidate.index >= driftIndex);
      const before = rate(earlier);
      const after = rate(later);
      if (before - after > (worst === undefined ? DRIFT_THRESHOLD : worst.before - worst.after)) {
        const ratesBefore = phaseRates(earlier);
        const ratesAfter = phaseRates(later);
        worst = { mode, before, after, ...(ratesBefore !== undefined && ratesAfter !== undefined ? { rates: [ratesBefore, ratesAfter] as [PhaseRates, PhaseRates] } : {}) };
      }
    }
    if (worst === undefined) continue;
    const adaptive = traces.filter((trace) => trace.policy === "adaptive" && trace.backend === backend).sort((left, right) => left.index - right.index);
    const pre = adaptive.filter((trace) => trace.index < driftIndex).slice(-50);
    const post = adaptive.filter((trace) => trace.index >= driftIndex);
    const share = (list: readonly PolicyTrace[]) => (list.length === 0 ? 0 : list.filter((trace) => trace.firstMode === worst.mode).length / list.length);
    let requestsToLeave = post.length;
    for (let start = 0; start + LEAVE_WINDOW <= post.length; start += 1) {
      if (share(post.slice(start, start + LEAVE_WINDOW)) < 0.5) {
        requestsToLeave = start;
        break;
      }
    }
    const adaptiveShareBefore = share(pre);
    const bound = worst.rates === undefined || evidence === undefined ? undefined : detectionBound(worst.rates[0], worst.rates[1], { revealRate: evidence.feedbackRate + evidence.shadowRate, goal });
    figures.push({ backend, degradedMode: worst.mode, before: worst.before, after: worst.after, adaptiveShareBefore, requestsToLeave, left: requestsToLeave < post.length, tested: adaptiveShareBefore >= SETTLED_SHARE, ...(bound === undefined ? {} : { bound }) });
  }
  return figures;
}

function rate(traces: readonly PolicyTrace[]): number {
  return traces.length === 0 ? 0 : traces.filter((trace) => trace.correct).length / traces.length;
}

/** Visible-fault and silent-wrong rates of a phase, over the requests a backend answered; undefined without validity flags. */
function phaseRates(traces: readonly PolicyTrace[]): PhaseRates | undefined {
  const answered = traces.filter((trace) => trace.firstValid !== undefined);
  if (answered.length === 0) return undefined;
  const valid = answered.filter((trace) => trace.firstValid === true);
  return { visible: 1 - valid.length / answered.length, silent: valid.filter((trace) => !trace.correct).length / answered.length };
}
