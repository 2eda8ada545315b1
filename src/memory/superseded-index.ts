import type { LedgerEntry } from "../state/ledger-entry.ts";
import type { Statement } from "./ledger-statements.ts";
import { ledgerSlotOf, type LedgerSlot } from "./ledger-slot.ts";
import { slotMatch, unsureIndex } from "./slot-match.ts";
import { currentText } from "./earlier-version.ts";
import { retiredPhrases, saysPhrase } from "./retired-phrases.ts";
import { contrastingKeys, keyedLine, keyInSubject, sameKey } from "./statement-key.ts";
import { pronounAntecedent } from "./pronoun-antecedent.ts";
import { sameFrame } from "./statement-frame.ts";
import { differentSubjects } from "./named-subject.ts";
import { bareValueTarget } from "./bare-value.ts";

/** The older statement lists three or more values of one type and the newer states fewer of that type: one item changes. */
export function changesOneItem(older: LedgerSlot, newer: LedgerSlot): boolean {
  const counts = new Map<string, number>();
  for (const value of older.values) counts.set(value.type, (counts.get(value.type) ?? 0) + 1);
  return [...counts].some(([type, count]) => count >= 3 && newer.values.filter((value) => value.type === type).length < count);
}

/** The slot of an entry (cached by text in ledger-slot.ts). */
export function entrySlot(entry: LedgerEntry): LedgerSlot {
  return ledgerSlotOf(currentText(entry.text));
}

/**
 * The entry a statement supersedes, or -1: the most recent one whose slot it fills with a new value (see
 * ledger-slot.ts). A correction (a cue such as "actually" or "update on") needs a value of the entry's type
 * and one sign they are about one thing: it names the old value, shares a subject word or the kind of
 * statement, names the type by a generic noun ("the time"), or, at least, changes a value of a specific type
 * written alike (a calendar date for a calendar date). When two candidates tie with no word linking either,
 * it supersedes none: a wrong guess would lose one fact to fix another. A statement without a cue supersedes only an entry about the same thing ("The meeting
 * is at 15:00" after "The meeting is at 13:00", or one naming the old value beside the new: "52, not 37"): half or
 * more of the larger subject's words shared, never a shared generic noun
 * alone ("my name" and "the repository name" are two facts) nor a label ("item 2" beside "item 1").
 */
export function supersededIndex(ledger: readonly LedgerEntry[], statement: Statement): { at: number; sure: boolean } {
  // The same sentence said again with another value in one place is that slot's newer version, however the
  // value is typed ("Marisol is my emergency contact." after "Dorothea is my emergency contact.").
  // So is a value given again for the key it was given for ("Best way to reach me: …" / "best way to reach me is … now").
  for (let index = ledger.length - 1; index >= 0; index -= 1) if (sameFrame(currentText(ledger[index]!.text), statement.text) || sameKey(currentText(ledger[index]!.text), statement.text)) return { at: index, sure: true };
  // Words it retires as written ("…, not early mornings.", "remove Florian"): the latest line saying them is the one replaced.
  const retired = retiredPhrases(statement.text);
  if (retired.length > 0) {
    for (let index = ledger.length - 1; index >= 0; index -= 1) {
      const line = currentText(ledger[index]!.text);
      if (line !== statement.text && retired.some((phrase) => saysPhrase(line, phrase))) return { at: index, sure: true };
    }
  }
  // Its key said in other words ("install date → …" for "install: the 14th"), one line only.
  const lines = ledger.map((entry) => currentText(entry.text));
  const keyed = keyedLine(lines, statement.text);
  if (keyed >= 0) return { at: keyed, sure: true };
  // Weaker: its key is the only line's subject ("solicitor is …" for "… is our solicitor."), when its values link no line.
  const subjectKeyed = () => keyedLine(lines, statement.text, keyInSubject);
  const slot = ledgerSlotOf(statement.replaces === undefined ? statement.text : `${statement.text} Not ${statement.replaces}.`);
  if (slot.values.length === 0) return { at: subjectKeyed(), sure: true };
  const cued = statement.correction || slot.refersBack;
  let best = -1;
  let bestScore = 0;
  let tied = false;
  let bestLexical = false;
  // Two things of one kind ("outbound flight", "return flight") are two facts unless the statement names the old value.
  const read = ledger.map((entry) => {
    const line = currentText(entry.text);
    return line === statement.text ? undefined : slotMatch(slot, entrySlot(entry));
  });
  // Two subjects named in words, each with a word of its own, are two facts even when a value matches by chance
  // ("one friendly paragraph" for the release notes, "two approvals, one from mobile" for the team rule).
  const matches = read.map((match, index) => (match !== undefined && ((!match.namesOld && contrastingKeys(currentText(ledger[index]!.text), statement.text)) || differentSubjects(currentText(ledger[index]!.text), statement.text)) ? undefined : match));
  // Entries holding a value of the statement's specific type written alike (the one email address, the one
  // clock time): when only one does and the statement names that type ("the email address is …"), it is the slot.
  // Counted before the contrast rule: a line of another key ("the contact email" beside "my own email") is still
  // a second fact of that type, so the remaining one is not "the only" one.
  const alike = read.filter((match) => match?.changes === true && match.specific && match.sameShape).length;
  matches.forEach((match, index) => {
    if (match === undefined || !match.changes) return;
    // A shared generic noun ("the date" in both) is weaker evidence than a shared subject word ("renewal").
    const lexical = match.namesOld || match.sharedSpecific + match.sharedKinds + match.nameClassLinks >= 1;
    const onlyOfItsType = alike === 1 && match.specific && match.sameShape && match.namedPlainType >= 1;
    // Without a cue, a restatement of the same slot with a new value is the newer version of it (recency): the
    // same subject word and a value of a specific type or the same kind of statement, or the only value of
    // its type named by that type. A count or a name with one word in common is not enough ("my team" and
    // "my team's repository"), nor a label ("item 2").
    const restated = match.namesOld || (match.sharedSpecific >= 1 && (match.overlap >= 0.5 || match.specific || match.sharedKinds >= 1 || match.sharedNames >= 1)) || onlyOfItsType;
    const accepted = cued ? lexical || match.shared >= 1 || match.namedType > 0 || (match.specific && match.sameShape) : !match.label && restated;
    if (!accepted) return;
    const score = (match.namesOld ? 4 : 0) + match.sharedSpecific + match.nameClassLinks / 2 + (match.shared - match.sharedSpecific) / 4 + match.sharedKinds / 2 + match.namedType / 2 + match.sameShapeCount * 1.5 + (match.sameShape ? 0.25 : 0) + (lexical || match.namedType > 0 ? 0 : 0.1);
    if (score === bestScore) tied = true;
    // Equal scores: the most recent entry, the one a person correcting themselves most likely means.
    if (score >= bestScore) {
      if (score > bestScore) tied = false;
      best = index;
      bestScore = score;
      bestLexical = lexical;
    }
  });
  // Two candidates alike and no word linking either: a guess would lose a fact to fix another, so none.
  if (best >= 0 && !(tied && !bestLexical)) return { at: best, sure: true };
  // A value with no subject of its own ("Unit 14B.", "it's £84.50, not what I said") is the newer version of the one recent line it can be.
  const bare = bareValueTarget(lines, statement.text, cued);
  if (bare >= 0) return { at: bare, sure: true };
  // "change it to 1 % of users": "it" is the latest line holding a value of that type.
  const bySubject = subjectKeyed();
  const fallback = bySubject >= 0 ? bySubject : pronounAntecedent(lines, statement.text);
  return fallback >= 0 ? { at: fallback, sure: true } : { at: unsureIndex(matches, cued), sure: false };
}
