import type { BaseMessage } from "@langchain/core/messages";
import { groupUnits, type MessageUnit } from "./message-parts.ts";
import { pinnedUnits } from "./pinned.ts";
import { REPLY_PRIMING_TOKENS, type TokenCounter } from "./token-accounting.ts";
import { planFromKept, unitTokens, untouched, type TrimPlan } from "./trim-plan.ts";

export interface WindowOptions {
  /** Tokens the kept messages may use, reply priming included. */
  budget: number;
  counter: TokenCounter;
}

function unitAtLeast(unit: MessageUnit, counter: TokenCounter): number {
  let tokens = 0;
  for (const message of unit.messages) tokens += counter.atLeast(message);
  return tokens;
}

/**
 * The sliding window: keeps the system messages, pinned units and the last exchange, then the newest
 * units that still fit, and drops everything older than the first unit that does not. Units keep a tool
 * call with its results.
 *
 * Only what the decision needs is counted: the kept units exactly (their sum is `tokensAfter`), the unit at
 * the edge unless its lower bound already exceeds what is left, and nothing older, which goes whatever it
 * counts. A history that fits is counted whole, by the same walk. `tokensBefore` counts the removed
 * messages when it is first read.
 *
 * @example
 * const plan = planWindow(history, { budget: 100_000, counter: new TokenCounter("o200k_base") });
 * const removals = plan.removed.map((message) => new RemoveMessage({ id: message.id! }));
 */
export function planWindow(messages: readonly BaseMessage[], options: WindowOptions): TrimPlan {
  const { budget, counter } = options;
  const units = groupUnits(messages);
  const keep = pinnedUnits(units);
  let used = REPLY_PRIMING_TOKENS;
  for (const index of keep) used += unitTokens(units[index]!, counter);
  for (let index = units.length - 1; index >= 0; index -= 1) {
    if (keep.has(index)) continue;
    const unit = units[index]!;
    if (used + unitAtLeast(unit, counter) > budget) break;
    const tokens = unitTokens(unit, counter);
    if (used + tokens > budget) break;
    used += tokens;
    keep.add(index);
  }
  if (keep.size === units.length && used <= budget) return untouched(messages, used, budget);
  const tokensAfter = used;
  return planFromKept(units, keep, () => units.reduce((total, unit, index) => (keep.has(index) ? total : total + unitTokens(unit, counter)), tokensAfter), tokensAfter, budget);
}
