import { correctionCues, salienceOf, sentenceStarters } from "./salience.ts";
import { aliasesOf, classOf, isWeakClass, rootsOf } from "./subject-classes.ts";
import { writtenValues } from "./spoken-values.ts";
import { dayFollowers, relativeDates } from "./relative-dates.ts";

/**
 * The typed slot of a ledger statement: which values it states (a time, a date, an amount of money, a
 * quantity with its unit, a bare count, a code, an email address, a name) and what it states them about
 * (its subject: stemmed content words, generic nouns folded by a small synonym table). Two statements
 * fill the same slot when a value type matches and the subjects agree; the ledger uses this to let a
 * correction supersede what it corrects, however either is phrased (the comparison is in slot-match.ts).
 */
export const ledgerValueTypes = ["time", "date", "money", "quantity", "count", "code", "email", "name"] as const;
export type LedgerValueType = (typeof ledgerValueTypes)[number];

export interface TypedValue {
  type: LedgerValueType;
  /** Lower-cased, as said. */
  text: string;
  /** Quantities: the unit's subject class ("seats" and "users" are one). */
  unit?: string;
  /** A bare integer naming which one ("item 2"), not how many: part of the subject, never a new value. */
  label: boolean;
  /** How it is written, finer than its type: a weekday or a calendar date, a code's letters ("ord-#"), a person's name. */
  shape: string;
  /** A person's role as the sentence gives it ("my partner Lorcan": the partner's class), empty when it gives none. */
  role?: readonly string[];
  /** A label's noun, by class ("extension" in "extension 55"): a statement about that noun may give its value. */
  labelOf?: string;
}

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

const months = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const dayMonth = `\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${months})\\b(?: \\d{4})?|(?:${months}) \\d{1,2}(?:st|nd|rd|th)?\\b(?:,? \\d{4})?`;
/** Longest first: an email before the code it contains, a date before the number in it. Runs are bounded: unbounded, "4-4-…" was re-read from each position (quadratic). */
const valuePatterns: Array<[LedgerValueType, RegExp]> = [
  ["email", /\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b/gi],
  // A phone number or a dotted version is one value, not the counts in it ("+1 415 555 0142", "2.7.14").
  ["code", /\+\d[\d ()-]{6,}\d|\b\d+(?:\.\d+){2,}\b/g],
  ["time", /\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\b)?|\b\d{1,2}(?:\.\d{2})?\s?[ap]\.?m\b\.?/gi],
  // Dates as people type them too: "Friday the 4th", "the 14th" (a day of the month, not "the 3rd floor"), "12/04", "mid-October".
  ["date", new RegExp(`\\b(?:(?:${weekdays}),? (?:the )?)?(?:${dayMonth})|\\b(?:(?:${weekdays}),? )?the \\d{1,2}(?:st|nd|rd|th)\\b(?! (?!${dayFollowers})[a-z])|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b|\\b(?:early|mid|late)[- ](?:${months})\\b|\\b(?:${weekdays})\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|${relativeDates}`, "gi")],
  ["money", /[€$£]\s?\d[\d,]*(?:\.\d+)?\b|\b\d[\d,]{0,32}(?:\.\d+)?\s?(?:euros?|eur|dollars?|usd|pounds?|gbp)\b|\b\d[\d,]{0,32}(?:\.\d+)?\s?[€$£]/gi],
  ["code", /\b(?=[\w-]{0,64}\d)(?=[\w-]{0,64}[a-z])[a-z0-9]+(?:[-_][a-z0-9]+)*\b/gi],
  ["count", /\b\d[\d,]*(?:\.\d+)?\b/g],
];

/** Function words, common verbs and adverbs, and correction cues: none of them says what a fact is about. */
const stopwords = new Set(
  "the a an and or but so to of in on at for with from by is are was were be been being am it its it's this that these those i i'm i've i'd i'll my me we we're we've we'll our us you you're your he she they them their his her as if then than there here not no yes do does did done have has had having will would can could should shall may might must just also please actually now that's correction sorry instead meant rather any more anymore changed change mind scratch update updated wrong earlier mistake got get gets made make moved small should said say tell told think know let let's go goes going went come comes coming take takes taking put keep use used using need needs want wants like really right still only very much many some all each every about around roughly currently anything something everything nothing one two way thing things bit lot by-the-way okay ok well sure thanks after before over under into onto within without through until since during most least everything prefer prefers preferred like likes love hate want wants wish new old current latest info information hold wait bad correct corrected correcting myself misspoke misremembered mistaken ignore revise oops fyi fix swap replace scrap cancel forget".split(" "),
);
const monthOrDay = new RegExp(`^(?:${months}|${weekdays})$`, "i");

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

/** A value's written form: a correction most likely restates a date as the date it corrects was written. */
function shapeOf(type: LedgerValueType, text: string, bound = ""): string {
  if (type === "date") return new RegExp(`^(?:${weekdays})$`, "i").test(text.trim()) ? "weekday" : /\d{4}-/.test(text) ? "iso" : /\d/.test(text) ? "calendar" : "relative";
  if (type === "code") return text.toLowerCase().replace(/\d+/g, "#");
  if (type === "time") return `time${bound}`;
  // A number is corrected by one of its magnitude: "2,150" for "3,250 euros" rather than for "5".
  if (type === "count" || type === "money") return `number:${(/\d[\d,]*/.exec(text)?.[0] ?? "").replace(/,/g, "").length}`;
  return type;
}

/** Words that present a value as the current one in place of another: "now" (not "for now": provisional), "instead", "switched … to". */
const refersBackPattern = /\b(?<!(?:for|just|right|until|till) )now\b|\b(?:instead|anymore|any longer|after all|from now on)\b|\b(?:changed|changes|switched|switching|moved|bumped|swapped|shifted|pushed|upgraded|downgraded) (?:[\w'’-]+ ){0,4}(?:to|into|for)\b/i;

/** Words before a value that retire it: "not 37", "forget the 07:30 sailing", "instead of Friday", "swap Ben for …". */
const retiring = /\b(?:not|forget|forget about|instead of|no longer|rather than|scrap|drop|cancel|replace|swap|cross off|take off)\s+(?:the\s+)?$/i;
/** Words after a value (and its unit) that retire it: "eighteen months fell through", "the 24th is gone too", "07:30 doesn't work any more". */
export const retiringAfter = /^(?:\s+[a-z]+)??\s*,?\s*(?:fell through|falls through|(?:is|was|are|were|'s) (?:off|out|gone|cancelled|canceled|dead|scrapped|wrong|no good|the old (?:one|value)|dropped|outdated|out of date)\b|(?:doesn't|does not|won't|will not|didn't|did not) work|(?:has|have) (?:pulled out|dropped out|fallen through)|pulled out|dropped out|is no longer|isn't (?:happening|right|it)|no longer)/i;

/** The word is followed, somewhere in the text, by words retiring it ("Casimir fell through"). */
function retiredAfterWord(text: string, word: string): boolean {
  const at = text.indexOf(word);
  return at >= 0 && retiringAfter.test(text.slice(at + word.length, at + word.length + 40));
}

const determiners = new Set("my our your the a an his her their us me him them".split(" "));

/**
 * A capital at a sentence's start that acts as a person or a firm does ("Benedikt looks after our account",
 * "Perpetua manages my diary", "Henrietta is my emergency contact", "Gudrun from your team"): a name, not a
 * common noun ("Licence count is 52", "Shore trips cost us", "Parking costs 12 euros" stay subject words).
 * Read from the words after it: a verb in the third person then a determiner (perhaps after a preposition), or
 * "is"/"was" then a possessive.
 */
function actsAsPerson(words: readonly string[], index: number): boolean {
  // "Leopold, my brother, can …": an appositive.
  if (/[,.!?:;]$/.test(words[index] ?? "")) return /,$/.test(words[index] ?? "") && /^(?:my|our|your)$/i.test(words[index + 1] ?? "");
  const next = (words[index + 1] ?? "").toLowerCase();
  const [after, third] = [(words[index + 2] ?? "").toLowerCase().replace(/[^\p{L}']/gu, ""), (words[index + 3] ?? "").toLowerCase()];
  // "Ferdinand is reviewing the PR": a person doing something to a thing.
  if (/^(?:is|was|will be)$/.test(next)) return /^(?:my|our|your|his|her|their)$/.test(after) || (/^[a-z]{3,}ing$/.test(after) && determiners.has(third));
  if (next === "from") return /^(?:my|our|your)$/.test(after);
  // A verb in the third person ("leads", "manages"; not "trips", a noun before "cost"), perhaps a phrasal verb's particle then its object ("Yolanda signs off anything").
  return /^[a-z]{2,}[^s']s$/.test(next) && !stopwords.has(next) && (determiners.has(after) || (/^(?:off|out|up)$/.test(after) && /^(?:anything|everything|all|any|every|the|our|my|your|their)$/.test(third)) || (/^(?:after|for|with|to|on|over|through|into)$/.test(after) && determiners.has(third)));
}

/**
 * The role of a one-word name that stands for a person by its place in the sentence, or undefined: acting as
 * one ("Ottilie runs payroll"), after a possessive role ("my sister Oonagh": ["sister"]), after "is" in "our
 * tech lead is Tamsin" (["tech", "lead"]), before ", my manager", or spoken to ("I spoke to Lysander").
 * "Tests go in Jasmine" is no person. The role's words are subject classes.
 */
function personRole(words: readonly string[], start: number): string[] | undefined {
  const at = (index: number) => (words[index] ?? "").toLowerCase().replace(/[^\p{L}']/gu, "");
  const possessive = /^(?:my|our|your)$/;
  const roleOf = (from: number, to: number) => words.slice(from, to).map((_, offset) => at(from + offset)).filter((word) => word.length > 2 && !stopwords.has(word)).map(classOf);
  if (actsAsPerson(words, start)) return [];
  if (possessive.test(at(start - 2)) && at(start - 1).length > 2 && !stopwords.has(at(start - 1))) return roleOf(start - 1, start);
  if (/^(?:is|was)$/.test(at(start - 1))) {
    const back = [2, 3, 4, 5].find((distance) => possessive.test(at(start - distance)));
    if (back !== undefined) return roleOf(start - back + 1, start - 1);
  }
  if (/,$/.test(words[start] ?? "") && possessive.test(at(start + 1))) return roleOf(start + 2, start + 4);
  return /^(?:to|with)$/.test(at(start - 1)) && /^(?:spoke|talked|spoken|speak|talk|up)$/.test(at(start - 2)) ? [] : undefined;
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
