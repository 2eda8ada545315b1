import type { FactCategory } from "./fact-category.ts";

/**
 * One planted fact's slot as the later retention sets write it (vault, harbor, lantern, quarry, forge): each set
 * uses the fields its phrasings need, the generator reads them all (conversation-generator.ts). A harness:
 * nothing in the request path reads this.
 */
export interface RetentionSlot {
  category: FactCategory;
  /** How the closing question names the subject (and the set-wide phrasings' `{s}`). */
  subject: string;
  values: readonly string[];
  /** The user's own plain phrasings; for an offered slot, used only by a `{restate}` correction. */
  phrasings: readonly string[];
  correctable?: boolean;
  /** Corrections only this slot can say. `{v}` new, `{old}` old; `{turn}` over two adjacent user turns, `{later}` with the lead-in two or three turns before (quarry). */
  corrections?: readonly string[];
  /** Second corrections (`{old}` the second value, `{first}` alone: back to the first one). */
  recorrections?: readonly string[];
  /** Said again unchanged later (`{v}` the current value, `{decoy}` another value, not adopted). */
  restatements?: readonly string[];
  /** The value is first said by the assistant (`{v}`), at the end of its turn; the user's next turn answers it. */
  offers?: readonly string[];
  /** How the user accepts an offer: never the value itself. */
  confirmations?: readonly string[];
  /** How the user turns an offer down in the next turn: `{old}` the offer, `{v}` what they want instead. */
  counters?: readonly string[];
  /** What the user says when the value is dropped with nothing in its place: the answer from then on. */
  none?: string;
  /** Dropping the value: `{old}` the value dropped, `{none}` the words above. */
  retirements?: readonly string[];
}
