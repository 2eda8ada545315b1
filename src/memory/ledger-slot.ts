import { correctionCues, salienceOf, sentenceStarters } from "./salience.ts";
import { aliasesOf, classOf, isWeakClass, rootsOf } from "./subject-classes.ts";
import { writtenValues } from "./spoken-values.ts";

/**
 * The typed slot of a ledger statement: which values it states (a time, a date, an amount of money, a
 * quantity with its unit, a bare count, a code, an email address, a name) and what it states them about
 * (its subject: stemmed content words, generic nouns folded by a small synonym table). Two statements
 * fill the same slot when a value type matches and the subjects agree; the ledger uses this to let a
 * correction supersede what it corrects, however either is phrased (the comparison is in slot-match.ts).
 */
import { refersBackPattern, retiredAfterWord, retiring, retiringAfter, shapeOf, valuePatterns, type LedgerValueType, type TypedValue } from "./ledger-values.ts";
import { actsAsPerson, monthOrDay, personRole, slotStopwords as stopwords } from "./person-role.ts";

export { ledgerValueTypes, retiringAfter, type LedgerValueType, type TypedValue } from "./ledger-values.ts";

export interface LedgerSlot {
  readonly values: readonly TypedValue[];
  readonly subject: ReadonlySet<string>;
  /** What kind of statement it is, when that alone links two: "choice" for a decision ("Let's go with …"); one person has many preferences, so those do not. */
  readonly kinds: ReadonlySet<string>;
  /** Value types the subject names by a generic noun ("the time", "the budget"), 1 for what it names first, less for what it may. */
  readonly named: ReadonlyMap<LedgerValueType, number>;
  /** Roots of the words inside its names (subject-classes.ts, rootsOf): "Hotel Vindrose" is a hotel, so "the hotel" names its slot. */
  readonly nameWords: ReadonlySet<string>;
  /** Roots of its subject's words, unfolded by the synonym table: what a name's words are matched against. */
  readonly roots: ReadonlySet<string>;
  /** Subject classes of the words inside its names: "Hartley Removals" is about a move, weaker evidence than a root. */
  readonly nameClasses: ReadonlySet<string>;
  /** Classes of possessive words ("the venue's curfew"): whose the fact is, not what it is. */
  readonly owners: ReadonlySet<string>;
  /**
   * The statement refers back to a value it replaces without a correction word: "It's Cosimo for the assistant
   * now", "We switched the venue to Old Mill Barn", "… instead". It is read as a correction of its slot.
   */
  readonly refersBack: boolean;
  /** Classes its words may also stand for (subject-classes.ts): "owner" owns, "call me back" is the callback. */
  readonly aliases: ReadonlySet<string>;
  /** Values it retires by name ("forget the 07:30 sailing", "not Bronwen"): what it corrects, even with no typed new value. */
  readonly retired: ReadonlySet<string>;
}

/** Generic nouns that name a value type, by subject class: a correction of "the time" corrects a time. */
const typeNouns = new Map<string, LedgerValueType[]>();
for (const [word, types] of Object.entries({ time: ["time"], hour: ["time"], date: ["date"], day: ["date"], count: ["count", "quantity", "money"], name: ["name"], called: ["name"], named: ["name"], money: ["money", "count"], email: ["email"], code: ["code"], serial: ["code"], reference: ["code"] } satisfies Record<string, LedgerValueType[]>)) typeNouns.set(classOf(word), types);

/**
 * A generic noun that only names a value type ("name", "time"), or an action any arrangement takes ("booked",
 * "call", "pay"): two facts are not one for sharing it ("my name" and "the repository name"; "We booked The
 * Copper Pot" and "We've reserved Riverside Pavilion").
 */
export function isGenericWord(wordClass: string): boolean {
  return typeNouns.has(wordClass) || isWeakClass(wordClass);
}

/** The same statements are read at every compaction (the ledger, the kept messages): their slots are kept. Never mutated. */
const slotCache = new Map<string, LedgerSlot>();
const SLOT_CACHE_SIZE = 4_096;

/** Characters of a statement read for its slot. */
const MAX_SLOT_CHARS = 2_000;

/**
 * The slot of one statement.
 *
 * @example
 * ledgerSlotOf("Licence count is 52 for now.") // values [{ type: "count", text: "52" }], subject { "people", "count" }
 */
export function ledgerSlotOf(statement: string): LedgerSlot {
  let slot = slotCache.get(statement);
  if (slot === undefined) {
    // Bounded: cleared when full, so a long-lived process holds at most SLOT_CACHE_SIZE slots.
    if (slotCache.size >= SLOT_CACHE_SIZE) slotCache.clear();
    slot = readSlot(statement);
    slotCache.set(statement, slot);
  }
  return slot;
}

function readSlot(statement: string): LedgerSlot {
  // A statement's slot is in its first words; a hostile megabyte-long "sentence" costs no more than this.
  // Values said in words are read as written ("forty handsets", "half past nine"; spoken-values.ts).
  const text = writtenValues(statement.length > MAX_SLOT_CHARS ? statement.slice(0, MAX_SLOT_CHARS) : statement);
  // The correction's own words ("scratch that", "I mixed it up") say nothing about what it corrects.
  // A cue with a gap ("got the renewal date wrong") keeps the words inside it: they name the subject.
  let rest = text.replace(correctionCues, (cue) => (/^(?:got|mixed) .+ \w+$/i.test(cue) ? cue.replace(/^\w+|\w+$/g, (word) => " ".repeat(word.length)) : " ".repeat(cue.length)));
  const values: TypedValue[] = [];
  const retired = new Set<string>();
  const said = text;
  const unitWords = new Set<string>();
  for (const [type, pattern] of valuePatterns) {
    rest = rest.replace(pattern, (match, offset: number) => {
      if (type === "code" && /^\d+(?:st|nd|rd|th)$/i.test(match)) return match;
      // An amount is its number ("2,150 euros" and "2,150" name one value); its unit is kept apart.
      const text = type === "money" ? (/\d[\d,]*(?:\.\d+)?/.exec(match)?.[0] ?? match) : match.toLowerCase().trim();
      // A code in mixed case is a product's name ("Neo4j", "ScyllaDB" stands beside it); "TP1342" and "E7831" stay codes.
      const product = type === "code" && /\p{Lu}/u.test(match) && /\p{Ll}/u.test(match);
      // A time given as a limit ("after 22:00", "before 6 in the morning") or a span ("12:30 to 1:30") is written
      // unlike a time of day: a correction of a limit most likely restates a limit.
      const bound = type !== "time" ? "" : /\b(?:after|before|until|till|by|no later than|no earlier than|not before|not after)\s+$/i.test(said.slice(Math.max(0, offset - 20), offset)) ? ":bound" : /^\s*(?:to|till|until|-|–)\s*\d/.test(said.slice(offset + match.length, offset + match.length + 8)) || /(?:\bbetween|\d\s*(?:to|-|–))\s*$/i.test(said.slice(Math.max(0, offset - 12), offset)) ? ":span" : "";
      const value: TypedValue = product ? { type: "name", text, label: false, shape: "name" } : { type, text, label: false, shape: shapeOf(type, match, bound) };
      if (type === "count") {
        const before = /([A-Za-z][\w'-]*)\s+$/.exec(rest.slice(0, offset))?.[1];
        const after = /^\s+([A-Za-z][\w'-]*)/.exec(rest.slice(offset + match.length))?.[1];
        // "22%" or "22 %": a share is a quantity of its own unit, corrected by another share, not by any count.
        if (/^ ?%/.test(rest.slice(offset + match.length, offset + match.length + 2))) Object.assign(value, { type: "quantity", unit: "%" });
        else if (after !== undefined && !stopwords.has(after.toLowerCase()) && after.length > 1) {
          Object.assign(value, { type: "quantity", unit: classOf(after) });
          // The unit belongs to the value ("450 GB"): a subject word, never a name of its own.
          unitWords.add(after);
        }
        // "item 2" names which one; "Java 11" after a name is its version, a value ("the Java version is 23").
        else if (before !== undefined && /^\d+$/.test(match) && !stopwords.has(before.toLowerCase()) && !/^\p{Lu}/u.test(before)) Object.assign(value, { label: true, labelOf: classOf(before) });
      }
      values.push(value);
      if (retiring.test(said.slice(Math.max(0, offset - 24), offset)) || retiringAfter.test(said.slice(offset + match.length, offset + match.length + 40))) retired.add(value.text);
      return " ".repeat(match.length);
    });
  }
  const subject = new Set<string>();
  const named = new Map<LedgerValueType, number>();
  const words = rest.split(/\s+/);
  // Masked cues leave empty leading words: the first real word starts the sentence only when nothing came
  // before it or what did ended a clause ("Correction: Licence count…"); after "Make that" a capital is a name.
  const firstChar = rest.search(/\S/);
  const before = firstChar < 0 ? "" : text.slice(0, firstChar).trim();
  const firstWord = before === "" || /[.!?:;]$/.test(before) ? words.findIndex((word) => word !== "") : -1;
  const nameRun: string[] = [];
  let nameStart = 0;
  const endName = () => {
    const role = nameRun.length === 1 ? personRole(words, nameStart) : undefined;
    // "Joaquin's approval": the name is Joaquin.
    if (nameRun.length > 0) values.push({ type: "name", text: nameRun.join(" ").toLowerCase().replace(/['’]s$/, ""), label: false, shape: role === undefined ? "name" : "person", ...(role === undefined ? {} : { role }) });
    nameRun.length = 0;
  };
  let nameCue = false;
  const contentWords: string[] = [];
  const owners = new Set<string>();
  words.forEach((token, index) => {
    const word = token.replace(/^[^\w]+|[^\w'-]+$/g, "");
    const startsSentence = (index === 0 && firstWord >= 0) || /[.!?:;]$/.test(words[index - 1] ?? "") || index === firstWord;
    // "is called lumen-gateway": the word after a naming verb is a name whatever its case.
    const named_ = nameCue && /^[\p{L}][\p{L}\d'_-]*$/u.test(word);
    nameCue = /^(?:called|named|name is)$/i.test(word) || (/^is$/i.test(word) && /^name$/i.test(words[index - 1]?.replace(/[^\w]/g, "") ?? ""));
    // "Harbor", and "gRPC" or "iPhone": a capital past the first letter marks a name too.
    const capitalised = (/^\p{Lu}[\p{L}'-]*$/u.test(word) || /^\p{Ll}+\p{Lu}[\p{L}'-]*$/u.test(word)) && !/^I(?:'|$)/.test(word) && !monthOrDay.test(word) && !(startsSentence && (sentenceStarters.has(word.toLowerCase()) || stopwords.has(word.toLowerCase())));
    // A single capital at a sentence start is as likely a common noun ("Licence count is 52"): a subject word,
    // unless the next word is capitalised too ("Harbor Pro it is").
    const nextCapitalised = /^\p{Lu}/u.test(words[index + 1] ?? "") && !/[,.!?:;]$/.test(token);
    const titleCase = /^\p{Lu}[\p{Ll}'-]*$/u.test(word);
    // A capital alone in its sentence ("Leontyne.", typed "ok latest: Kwabena") is a name: a common noun does not stand alone.
    const alone = startsSentence && (index + 1 >= words.length || (/[.!]$/.test(token) && /^\p{Lu}/u.test(words[index + 1] ?? "")));
    // "Casimir fell through.": what falls through or pulls out is a thing named, not a common noun.
    // Read in the unmasked text: the retiring words may be a correction cue, blanked in `rest`.
    const retiredHere = startsSentence && /^\p{Lu}[\p{L}'-]+$/u.test(word) && !/[,.!?:;]$/.test(token) && retiredAfterWord(said, word);
    if (word !== "" && ((startsSentence && capitalised && titleCase && !named_ && !nextCapitalised && !alone && !retiredHere && !actsAsPerson(words, index) && nameRun.length === 0) || unitWords.has(word))) {
      subject.add(classOf(word));
      if (word.includes("-")) for (const part of word.toLowerCase().split("-")) if (part.length > 2 && !stopwords.has(part)) subject.add(classOf(part));
      return;
    }
    if (word !== "" && (capitalised || named_)) {
      if (nameRun.length === 0) nameStart = index;
      nameRun.push(word);
      if (/[,.!?:;]$/.test(token)) endName();
      return;
    }
    endName();
    const lower = word.toLowerCase();
    if (!/^[a-z][a-z'-]+$/.test(lower) || lower.length < 3 || stopwords.has(lower) || monthOrDay.test(lower)) return;
    const wordClass = classOf(lower);
    subject.add(wordClass);
    contentWords.push(lower);
    // "the venue's curfew": whose it is; "last month's bill" is a when, not an owner.
    if (/['’]s$/.test(lower) && /^(?:the|our|my|your|their)$/i.test(words[index - 1] ?? "")) owners.add(wordClass);
    // A compound's parts name its subject too: "auto-renew" is about renewal, "check-in" about checking in.
    if (lower.includes("-")) for (const part of lower.split("-")) if (part.length > 2 && !stopwords.has(part)) subject.add(classOf(part));
    (typeNouns.get(wordClass) ?? []).forEach((type, rank) => named.set(type, Math.max(named.get(type) ?? 0, rank === 0 ? 1 : 0.6)));
  });
  endName();
  const nameWords = new Set<string>();
  for (const value of values) if (value.type === "name") for (const word of value.text.split(" ")) if (word.length > 2) for (const wordRoot of rootsOf(word)) nameWords.add(wordRoot);
  const roots = new Set(contentWords.flatMap(rootsOf));
  const nameClasses = new Set<string>();
  for (const value of values) if (value.type === "name") for (const word of value.text.split(" ")) if (word.length > 2) nameClasses.add(classOf(word));
  const kinds = new Set<string>();
  const salience = salienceOf(text).kinds;
  if (salience.includes("decision")) kinds.add("choice");
  const aliases = new Set([...aliasesOf(contentWords)].filter((alias) => !subject.has(alias)));
  // A name is read after the typed values, so its retiring word is looked for now ("forget Leopold").
  for (const value of values) {
    if (value.type !== "name") continue;
    const escaped = value.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (new RegExp(`${retiring.source.slice(0, -1)}${escaped}\\b`, "i").test(text)) retired.add(value.text);
    const at = text.toLowerCase().indexOf(value.text);
    if (at >= 0 && retiringAfter.test(text.slice(at + value.text.length, at + value.text.length + 40))) retired.add(value.text);
  }
  return { values, subject, named, kinds, nameWords, refersBack: refersBackPattern.test(text), aliases, roots, nameClasses, owners, retired };
}
