/**
 * A ledger line that may have replaced another: when the ledger is unsure which older line a correction or
 * restatement replaces (one word in common, or the only line of its type, and no more), it keeps both on one
 * line, the latest first: "Wilhelmina looks after our account. (earlier: Our account manager is Marisol.)".
 * The model reads the current value first and the older one as history; a wrong guess costs a fact its
 * standing as current, never the fact itself. The checkpointed entry carries the suffix in its text (the
 * persisted shape is unchanged); whatever reads a line for its meaning reads `currentText`.
 */
import type { LedgerEntry } from "../state/ledger-entry.ts";

const EARLIER = " (earlier: ";

/** The line's own statement, without the earlier version it may carry. */
export function currentText(text: string): string {
  const at = text.indexOf(EARLIER);
  return at < 0 ? text : text.slice(0, at);
}

/** The earlier version a line carries, if any. */
export function earlierText(text: string): string | undefined {
  const at = text.indexOf(EARLIER);
  return at < 0 || !text.endsWith(")") ? undefined : text.slice(at + EARLIER.length, -1);
}

/**
 * The line for `statement` keeping `older` (an entry it may replace) as its earlier version. Only one
 * earlier version is shown, the one just before; the rest stay in `replaces`, never shown.
 *
 * @example
 * withEarlier("We arrive Thursday.", { text: "We get there on Tuesday.", score: 3, block: 0, replaces: [] }) // "We arrive Thursday. (earlier: We get there on Tuesday.)"
 */
export function withEarlier(statement: string, older: LedgerEntry): string {
  return `${statement}${EARLIER}${currentText(older.text)})`;
}
