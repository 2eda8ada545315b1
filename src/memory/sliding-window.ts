import type { BaseMessage } from "@langchain/core/messages";
import { groupUnits } from "./message-parts.ts";
import { pinnedUnits } from "./pinned.ts";
import { REPLY_PRIMING_TOKENS, type TokenCounter } from "./token-accounting.ts";
import { planFromKept, unitTokens, untouched, type TrimPlan } from "./trim-plan.ts";

export interface WindowOptions {
  /** Tokens the kept messages may use, reply priming included. */
  budget: number;
  counter: TokenCounter;
}

/**
 * The sliding window: keeps the system messages, pinned units and the last exchange, then the newest
 * units that still fit, and drops everything older than the first unit that does not. Units keep a tool
 * call with its results.
 *
 * @example
 * const plan = planWindow(history, { budget: 100_000, counter: new TokenCounter("o200k_base") });
 * const removals = plan.removed.map((message) => new RemoveMessage({ id: message.id! }));
 */
export function planWindow(messages: readonly BaseMessage[], options: WindowOptions): TrimPlan {
  const { budget, counter } = options;
  const tokensBefore = counter.total(messages);
  if (tokensBefore <= budget) return untouched(messages, tokensBefore, budget);
  const units = groupUnits(messages);
  const keep = pinnedUnits(units);
  let used = REPLY_PRIMING_TOKENS;
  for (const index of keep) used += unitTokens(units[index]!, counter);
  for (let index = units.length - 1; index >= 0; index -= 1) {
    if (keep.has(index)) continue;
    const tokens = unitTokens(units[index]!, counter);
    if (used + tokens > budget) break;
    used += tokens;
    keep.add(index);
  }
  return planFromKept(units, keep, tokensBefore, used, budget);
}
