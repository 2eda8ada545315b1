import type { BaseMessage } from "@langchain/core/messages";
import type { MessageUnit } from "./message-parts.ts";
import type { TokenCounter } from "./token-accounting.ts";

/** What a trimming strategy decided: the messages kept (in order), those removed, and the counts. */
export interface TrimPlan {
  kept: BaseMessage[];
  removed: BaseMessage[];
  /** Exact; a strategy that did not need it (the window) counts it when it is first read. */
  readonly tokensBefore: number;
  tokensAfter: number;
  budget: number;
  /** Something was removed. */
  trimmed: boolean;
  /** The pinned messages alone exceed the budget: kept anyway, and the caller should know. */
  overBudget: boolean;
}

export function unitTokens(unit: MessageUnit, counter: TokenCounter): number {
  let tokens = 0;
  for (const message of unit.messages) tokens += counter.count(message);
  return tokens;
}

/** Assembles a plan from the set of unit indices to keep; `tokensBefore` may be deferred to its first read. */
export function planFromKept(units: readonly MessageUnit[], keep: ReadonlySet<number>, tokensBefore: number | (() => number), tokensAfter: number, budget: number): TrimPlan {
  const kept: BaseMessage[] = [];
  const removed: BaseMessage[] = [];
  for (let index = 0; index < units.length; index += 1) {
    const target = keep.has(index) ? kept : removed;
    for (const message of units[index]!.messages) target.push(message);
  }
  const plan = { kept, removed, tokensAfter, budget, trimmed: removed.length > 0, overBudget: tokensAfter > budget };
  if (typeof tokensBefore === "number") return { ...plan, tokensBefore };
  let counted: number | undefined;
  return Object.defineProperty(plan, "tokensBefore", { enumerable: true, get: () => (counted ??= tokensBefore()) }) as TrimPlan;
}

/** The plan of a history that already fits. */
export function untouched(messages: readonly BaseMessage[], tokens: number, budget: number): TrimPlan {
  return { kept: [...messages], removed: [], tokensBefore: tokens, tokensAfter: tokens, budget, trimmed: false, overBudget: false };
}
