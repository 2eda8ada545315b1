/**
 * A reply under a quoted line, as people answer mail: "> the account manager is Tancredi" then "Not any more, I'm
 * afraid — Bartholomew." The quote restates an earlier value and the reply under it turns that value down, so
 * read apart, the quote is a line naming the old value as current and the reply names no subject at all. Read
 * together, the quote says which line the reply replaces: the newest line that says the quoted value as written.
 */
import type { QuotedCorrection } from "./quoted-values.ts";
import { saysPhrase } from "./retired-phrases.ts";

/** A line quoted from an earlier message, the way mail and chat clients mark it. */
const QUOTED = /^>\s?(\S.*)$/su;
/** A reply that turns the quoted value down: a denial first, or words saying it is no longer so. */
const TURNS_DOWN = /^(?:no\b|nope\b|not (?:any ?more|any longer|now|quite|true|right)\b|wrong\b|changed\b|that(?:'s|’s| is| has) (?:changed|old|wrong|out of date)\b)|\b(?:no longer|any ?more|any longer|out of date|has changed)\b/iu;
/** The value a quoted statement gives: after its last "is"/"are"/"was"/"were", or after a label's colon or arrow. */
const VALUE = /(?:\b(?:is|are|was|were)\s+|[:→]\s*)([^:→]+?)\s*[.!]?$/iu;
/** Words at most in a reply read as the answer to the quote. */
const MAX_REPLY_WORDS = 16;

/** The quoted value as the lines may write it: whole, then up to its first comma ("email only, I'm out …" / "email only"). */
function quotedValues(quote: string): string[] {
  const value = VALUE.exec(quote)?.[1]?.trim().replace(/^(?:the|a|an)\s+(?=\p{Lu})/u, "");
  if (value === undefined || !/\p{L}{2}|\d/u.test(value)) return [];
  const head = value.split(/\s*,\s*/)[0]!;
  return head === value || head.split(/\s+/).length < 2 ? [value] : [value, head];
}

/**
 * The turn's quoted lines answered by a reply that turns them down, each with the ledger line stating the quoted
 * value (none when no line states it: the two still become one statement, so the quote never stands alone).
 *
 * @example
 * quotedReplies(["My account manager is Tancredi."], ["> the account manager is Tancredi", "Not any more, I'm afraid — Bartholomew."], [0, 1])
 * // [{ lines: ["My account manager is Tancredi."], parts: [0, 1], text: "> the account manager is Tancredi Not any more, I'm afraid — Bartholomew." }]
 */
export function quotedReplies(lines: readonly string[], turn: readonly string[], positions?: readonly number[]): QuotedCorrection[] {
  const found: QuotedCorrection[] = [];
  for (let index = 0; index + 1 < turn.length; index += 1) {
    const quote = QUOTED.exec(turn[index]!)?.[1];
    const reply = turn[index + 1]!;
    // The reply is the statement right under the quote: a question or a long remark there is about something else.
    if (quote === undefined || (positions !== undefined && positions[index + 1] !== positions[index]! + 1)) continue;
    if (QUOTED.test(reply) || /\?\s*$/.test(reply) || reply.split(/\s+/).length > MAX_REPLY_WORDS || !TURNS_DOWN.test(reply)) continue;
    const values = quotedValues(quote);
    let line: string | undefined;
    for (let at = lines.length - 1; at >= 0 && line === undefined; at -= 1) {
      const candidate = lines[at]!;
      if (!candidate.startsWith(turn[index]!) && values.some((value) => saysPhrase(candidate, value))) line = candidate;
    }
    found.push({ lines: line === undefined ? [] : [line], parts: [index, index + 1], text: `${turn[index]} ${reply}` });
    index += 1;
  }
  return found;
}
