import type { BaseMessage } from "@langchain/core/messages";
import { groupUnits, tagsOf, textOf, type MessageUnit } from "./message-parts.ts";
import { pinnedUnits } from "./pinned.ts";
import { peakSalience } from "./salience.ts";
import type { SignalKind } from "./signals.ts";
import { REPLY_PRIMING_TOKENS, type TokenCounter } from "./token-accounting.ts";
import { planFromKept, unitTokens, untouched, type TrimPlan } from "./trim-plan.ts";

/** Exponents of score = importance^importance × recency^recency × size^size, and the scales they use. */
export interface PriorityWeights {
  importance: number;
  recency: number;
  size: number;
  /** Age (in units, newest = 0) at which recency has halved. */
  recency_half_life: number;
  /** Tokens at which the size factor has halved: big units make room fastest. */
  size_scale_tokens: number;
}

export const defaultPriorityWeights: PriorityWeights = { importance: 1, recency: 1, size: 0.5, recency_half_life: 40, size_scale_tokens: 400 };

/** What a tag adds to importance: a caller's explicit mark counts like a sentence carrying that signal. */
const tagValue: Record<SignalKind, number> = { decision: 2, preference: 2, pending_action: 1.5, specification: 1.5, number: 1 };

/**
 * Importance of a unit, at least 1: one plus its most salient sentence (the salience the ledger and the
 * summaries use: first-person statements, names, numbers, dates, decisions, corrections), plus its tags.
 */
export function importanceOf(messages: readonly BaseMessage[]): number {
  let peak = 0;
  const tags = new Set<SignalKind>();
  for (const message of messages) {
    for (const tag of tagsOf(message)) if (tag in tagValue) tags.add(tag as SignalKind);
    peak = Math.max(peak, peakSalience(textOf(message)));
  }
  let importance = 1 + peak;
  for (const tag of tags) importance += tagValue[tag];
  return importance;
}

/** The score a unit is dropped by, lowest first. */
export function priorityScore(input: { importance: number; age: number; tokens: number }, weights: PriorityWeights): number {
  const recency = 0.5 ** (input.age / weights.recency_half_life);
  const size = 1 / (1 + input.tokens / weights.size_scale_tokens);
  return input.importance ** weights.importance * recency ** weights.recency * size ** weights.size;
}

export interface PriorityOptions {
  budget: number;
  counter: TokenCounter;
  weights?: Partial<PriorityWeights>;
}

/**
 * Priority truncation: drops the lowest-scoring units until the history fits, then takes back the best
 * dropped units that still fit, so the result lands close to the budget. Pinned units and the last
 * exchange always stay.
 */
export function planPriority(messages: readonly BaseMessage[], options: PriorityOptions): TrimPlan {
  const { budget, counter } = options;
  const weights = { ...defaultPriorityWeights, ...options.weights };
  const tokensBefore = counter.total(messages);
  if (tokensBefore <= budget) return untouched(messages, tokensBefore, budget);
  const units = groupUnits(messages);
  const pinned = pinnedUnits(units);
  const keep = new Set(units.map((_, index) => index));
  const candidates = units
    .map((unit: MessageUnit, index) => {
      const tokens = unitTokens(unit, counter);
      return { index, tokens, score: priorityScore({ importance: importanceOf(unit.messages), age: units.length - 1 - index, tokens }, weights) };
    })
    .filter((candidate) => !pinned.has(candidate.index))
    .sort((left, right) => left.score - right.score || left.index - right.index);
  let used = tokensBefore;
  const dropped: typeof candidates = [];
  for (const candidate of candidates) {
    if (used <= budget) break;
    keep.delete(candidate.index);
    used -= candidate.tokens;
    dropped.push(candidate);
  }
  // The last unit dropped may have freed far more than needed: give back the best that fit again.
  for (const candidate of [...dropped].reverse()) {
    if (used + candidate.tokens > budget) continue;
    keep.add(candidate.index);
    used += candidate.tokens;
  }
  return planFromKept(units, keep, tokensBefore, Math.max(used, REPLY_PRIMING_TOKENS), budget);
}
