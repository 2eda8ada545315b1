import type { LedgerEntry } from "../state/ledger-entry.ts";
import type { Statement } from "./ledger-statements.ts";
import { ledgerSlotOf } from "./ledger-slot.ts";
import { currentText, withEarlier } from "./earlier-version.ts";
import { topicTarget } from "./topic-openers.ts";
import { staleCompanions } from "./stale-companions.ts";
import { namesOnlyIdentifiers, repeatsEntry, sameFrame } from "./statement-frame.ts";
import { changesOneItem, entrySlot, supersededIndex } from "./superseded-index.ts";
import { byTurn, quotedCorrections } from "./quoted-values.ts";
import { quotedReplies } from "./quoted-reply.ts";

export { statementsOf, type Statement } from "./ledger-statements.ts";
export { subjectWords } from "./statement-frame.ts";

const MAX_HISTORY = 8; // earlier versions kept per entry

/** Statements of kept messages a correction may wait for (see AddOptions.pending). */
const MAX_PENDING = 64;

export interface AddOptions {
  /** Add only statements that supersede an entry (a correction seen before its message is folded). */
  onlySuperseding?: boolean;
  /** Statements of messages still kept, not in the ledger yet: a correction whose best target is one of them waits. */
  pending?: readonly Statement[];
}

/**
 * The ledger with the statements added in `block`: a statement already present (or repeated with no new
 * value) is skipped, and a statement that fills an entry's slot with a new value supersedes it (the old text
 * moves into `replaces`; see supersededIndex).
 *
 * @example
 * let ledger = addStatements([], statementsOf([new HumanMessage("My flight lands at 14:30 on Friday.")]), 0);
 * ledger = addStatements(ledger, statementsOf([new HumanMessage("Correction: my flight lands at 16:10.")]), 1);
 * ledger.map((entry) => entry.text) // ["Correction: my flight lands at 16:10."]
 */
export function addStatements(ledger: readonly LedgerEntry[], statements: readonly Statement[], block: number, options: AddOptions = {}): LedgerEntry[] {
  const next = [...ledger];
  const present = new Set(next.map((entry) => currentText(entry.text).toLowerCase()));
  // The newest pending statements only: each statement is matched against every candidate, so an unbounded
  // list would make one long message cost its length squared.
  const pending = (options.pending ?? []).slice(-MAX_PENDING).filter((statement) => !present.has(statement.text.toLowerCase())).map((statement) => ({ text: statement.text, score: statement.score, block, replaces: [] }));
  // Openers already answered in this call (topic-openers.ts): an announcement opens one change.
  const usedOpeners = new Set<string>();
  for (const { statement, quotes } of withQuotedCorrections(statements, () => next.map((entry) => currentText(entry.text)), () => next.flatMap((entry) => entry.replaces))) {
    const key = statement.text.toLowerCase();
    if (present.has(key) || next.some((entry) => entry.replaces.some((old) => old.toLowerCase() === key))) continue;
    // A remark repeated with only a new identifier ("It showed error E7353 once …" again) is the same remark:
    // replacing it every time would rewrite the ledger (and lose the cached prefix) for nothing a user corrected.
    if (!statement.correction && (repeatsEntry(next, statement) || (ledgerSlotOf(statement.text).values.length > 0 && namesOnlyIdentifiers(statement.text) && next.some((entry) => sameFrame(currentText(entry.text), statement.text))))) continue;
    // An answer already inside a line or its history (joined to its opener when its message was newest, maybe
    // replaced since): the ledger has it; read again when its message is folded, it must not replace the newer line.
    if (statement.openers !== undefined && next.some((entry) => currentText(entry.text).toLowerCase().includes(key) || entry.replaces.some((old) => old.toLowerCase().includes(key)))) continue;
    const candidates = pending.length === 0 ? next : [...next, ...pending.filter((entry) => entry.text !== statement.text)];
    // A turn that strikes out a line's value as written and gives another replaces that line (quoted-values.ts).
    const quotedLines = (quotes ?? []).map((line) => next.findIndex((entry) => currentText(entry.text) === line)).filter((index) => index >= 0);
    const quoted = quotedLines[0] ?? -1;
    const found = quoted >= 0 ? { at: quoted, sure: true } : supersededIndex(candidates, statement);
    // Not sure from its own words: the line an earlier sentence announced as changing ("Hold on, the install day I
    // gave you won't work." … "We can do the 19th instead.") is the one it replaces, and the opener joins its line.
    const topic = found.sure && found.at >= 0 ? undefined : topicTarget(next, statement.text, statement.openers ?? [], usedOpeners);
    if (topic !== undefined) usedOpeners.add(topic.opener);
    // What it corrects is still in the kept messages: it supersedes when that is folded, not a stand-in now.
    const at = topic !== undefined ? topic.at : found.at >= next.length ? -1 : found.at;
    // A list where one item changes ("Swap Ben for Dmitri." for "The attendees are Anna, Ben and Carla."): the
    // other items are still current, so the list stays as the line's earlier version rather than only in history.
    const sure = (topic !== undefined || found.sure) && !(at >= 0 && changesOneItem(entrySlot(next[at]!), ledgerSlotOf(statement.text)));
    if (options.onlySuperseding === true && at < 0) continue;
    present.add(key);
    const older = at < 0 ? undefined : next[at]!;
    // History is kept, bounded: a value restated every few turns must not grow the checkpoint without end.
    // Other lines still stating only the value it replaced (the offer the user took, the question before the decision) go too.
    const stale = older === undefined || !sure ? [] : staleCompanions(next.map((entry) => currentText(entry.text)), at, statement.text);
    // Other lines the same sentence struck out as written go with the one it replaces.
    const companions = sure && at === quoted ? [...new Set([...stale, ...quotedLines.slice(1)])] : stale;
    const replaces = older === undefined ? [] : [...older.replaces, ...companions.map((index) => currentText(next[index]!.text)), currentText(older.text)].slice(-MAX_HISTORY);
    for (const index of [at, ...companions].filter((index) => index >= 0).sort((left, right) => right - left)) next.splice(index, 1);
    // Unsure which line it replaces: both stay, on one line, the latest first.
    const said = topic === undefined || statement.text.startsWith(topic.opener) ? statement.text : `${topic.opener} ${statement.text}`;
    const text = older !== undefined && !sure ? withEarlier(said, older) : said;
    next.push({ text, score: Math.max(statement.score, older !== undefined && !sure ? older.score : 0), block, replaces });
  }
  return next;
}

/**
 * The statements in order, each turn's read for lines it quotes and strikes out (quoted-values.ts): a quoting
 * sentence and its neighbour giving the new value become one statement, carrying the line it replaces. Lines are
 * read when a turn starts, so a turn never quotes what it added itself.
 */
function* withQuotedCorrections(statements: readonly Statement[], lines: () => string[], history: () => string[]): Generator<{ statement: Statement; quotes?: readonly string[] }> {
  for (const group of byTurn(statements)) {
    const positions = group.every((statement) => statement.position !== undefined) ? group.map((statement) => statement.position!) : undefined;
    const texts = group.map((statement) => statement.text);
    const struck = group[0]!.turn === undefined ? [] : quotedCorrections(lines(), texts, positions);
    // A reply under a quoted line (quoted-reply.ts), where no struck quote already took either sentence.
    const taken = new Set(struck.flatMap((correction) => correction.parts));
    const found = [...struck, ...(group[0]!.turn === undefined ? [] : quotedReplies(lines(), texts, positions).filter((reply) => reply.parts.every((part) => !taken.has(part))))];
    const byFirst = new Map(found.map((correction) => [correction.parts[0]!, correction]));
    const joined = new Set(found.flatMap((correction) => correction.parts.slice(1)));
    // Two sentences joined when their message was newest are read again when it is folded: the line (or its
    // history) already says them together, so neither may come back alone as a line of its own.
    const said = group[0]!.turn === undefined || group.length < 2 ? [] : [...lines(), ...history()];
    const seen = new Set<number>();
    group.forEach((statement, index) => {
      const next = group[index + 1];
      if (next !== undefined && !byFirst.has(index) && said.some((line) => line.includes(`${statement.text} ${next.text}`))) seen.add(index).add(index + 1);
    });
    for (const [index, statement] of group.entries()) {
      if (joined.has(index) || seen.has(index)) continue;
      const correction = byFirst.get(index);
      if (correction === undefined) {
        yield { statement };
        continue;
      }
      const parts = correction.parts.map((part) => group[part]!);
      yield { statement: { text: correction.text, score: Math.max(...parts.map((part) => part.score)), correction: true, turn: statement.turn, position: statement.position }, quotes: correction.lines };
    }
  }
}

/**
 * Keeps the ledger within `maxTokens` by dropping its least salient entries (the oldest of equals), never
 * by age alone: a fact stated on the first turn matters as much as one stated last. Entries that superseded
 * another (a corrected or restated fact, in its latest version; not a remark naming a new identifier) go
 * only after all the others.
 *
 * @example
 * capLedger(memory.ledger, Math.floor(budget * LEDGER_SHARE), (text) => counter.text(text))
 */
export function capLedger(ledger: readonly LedgerEntry[], maxTokens: number, countText: (text: string) => number): LedgerEntry[] {
  const sizes = ledger.map((entry) => countText(entry.text) + 2);
  let used = sizes.reduce((total, size) => total + size, 0);
  if (used <= maxTokens) return [...ledger];
  // A line that superseded another is the latest version of a fact the user restated: it goes last.
  const order = ledger
    .map((entry, index) => ({ index, score: entry.score, restated: entry.replaces.length > 0 && !namesOnlyIdentifiers(entry.text) ? 1 : 0 }))
    .sort((left, right) => left.restated - right.restated || left.score - right.score || left.index - right.index);
  const dropped = new Set<number>();
  for (const { index } of order) {
    if (used <= maxTokens) break;
    dropped.add(index);
    used -= sizes[index]!;
  }
  return ledger.filter((_, index) => !dropped.has(index));
}
