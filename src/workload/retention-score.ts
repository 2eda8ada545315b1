import type { PlantedFact } from "./conversation-generator.ts";

/** What the model sees at the end: the memory context (summaries, ledger, recalled facts) and the kept messages. */
export interface SeenContext {
  context: string;
  /** The kept messages' texts, oldest first. */
  window: readonly string[];
}

export interface RetentionScore {
  planted: number;
  available: number;
  corrected: number;
  /** Corrected facts whose new value is seen and whose old value is not presented as current. */
  latest: number;
}

function valuePattern(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Case-sensitive ("Signal" the app is not "signal" the word), and whole: "11" is not in "11:40" or "2,110".
  return new RegExp(`(?<![\\w\\-:.,])${escaped}(?![\\w-]|[:.,]\\d)`);
}

/**
 * Scores one conversation's end state against its planted facts (gold, read only here, after the run).
 * A fact is available when its answer appears anywhere the model sees. A corrected fact counts as latest
 * when its new value is available and its old value is not presented as current: every line of the memory
 * context naming the old value also names the new one (a correction line), and in the kept messages the
 * old value is not stated after the last statement of the new one. A fact corrected twice has two old values
 * (`stale`, `firstStale`); both are held to that.
 *
 * @example
 * scoreRetention(conversation.facts, { context: memoryContext(memory) ?? "", window: kept.map(textOf) }) // { planted: 14, available: 13, corrected: 4, latest: 4 }
 */
export function scoreRetention(facts: readonly PlantedFact[], seen: SeenContext): RetentionScore {
  const everything = [seen.context, ...seen.window].join("\n");
  const contextLines = seen.context.split("\n");
  let available = 0;
  let corrected = 0;
  let latest = 0;
  for (const fact of facts) {
    const answer = valuePattern(fact.answer);
    const present = answer.test(everything);
    if (present) available += 1;
    if (fact.stale === undefined) continue;
    corrected += 1;
    // A fact corrected twice (the vault set) has two old values: neither may be presented as current.
    const stales = [fact.stale, ...(fact.firstStale === undefined ? [] : [fact.firstStale])].map(valuePattern);
    const staleInContext = contextLines.some((line) => stales.some((stale) => stale.test(line)) && !answer.test(line));
    const lastIndex = (pattern: RegExp) => seen.window.reduce((last, text, index) => (pattern.test(text) ? index : last), -1);
    const staleInWindow = stales.some((stale) => lastIndex(stale) >= 0 && lastIndex(stale) > lastIndex(answer));
    if (present && !staleInContext && !staleInWindow) latest += 1;
  }
  return { planted: facts.length, available, corrected, latest };
}

/**
 * The share of a request's input that repeats the previous request's input from its start: what a
 * provider's prompt cache can reuse. `prefixTokens` is counted by the caller on the common prefix.
 */
export function commonPrefixLength(previous: string, current: string): number {
  const limit = Math.min(previous.length, current.length);
  let index = 0;
  while (index < limit && previous.charCodeAt(index) === current.charCodeAt(index)) index += 1;
  return index;
}
