import { irishNumerals, numberJoiners, numberWord, repeatWords, scandinavianTwo, spokenDashes, spokenDots, spokenSlashes, type NumberWord } from "./pii-number-words.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

interface Token {
  start: number;
  end: number;
  lower: string;
  /** Written digits ("4111"). */
  digits?: string;
  word?: NumberWord;
  repeat?: number;
  /** A spoken dot ("dot", "punto"): inside a run of digits it is the "." of an address. */
  dot?: boolean;
  /** A spoken dash ("dash", "tiret"): inside a run of digits it is the "-" between groups. */
  dash?: boolean;
  /** "y", "et", "und": joins a ten to its unit inside one number. */
  joiner?: boolean;
}

const dotWords = new Set(spokenDots);
const dashWords = new Set([...spokenDashes, ...spokenSlashes]);

/** A hesitation between groups ("two one two, uh, five five five") is no word of the number: read as a separator. */
const hesitation = /^(?:u+h+|u+m+|uhm|e+r+m*|a+h+|e+h+|hmm+)$/;
/** Is this word (lower case) a hesitation, which can stand between the spoken groups of one number? */
export const isHesitation = (word: string): boolean => hesitation.test(word);
const plainGap = /^[\s,.\-/_()]*$/;
const hesitationBetween = /^(?:[\s,.\-/_()]|(?<!\p{L})(?:u+h+|u+m+|uhm|e+r+m*|a+h+|e+h+|hmm+)(?!\p{L}))*$/u;

/**
 * Irish counts with a particle before each numeral ("a náid a hocht a seacht"): it is no word of the number, and is
 * read as a gap (`separated` below). Only right before an Irish numeral: "de dos a tres" keeps its "a".
 */
function irishParticle(text: string, token: Token, next: Token | undefined): boolean {
  return token.lower === "a" && next !== undefined && irishNumerals.has(next.lower) && /^\s+$/.test(text.slice(token.end, next.start));
}
const particleGap = /^[\s,.\-/_()]*(?<!\p{L})a\s+$/u;

function tokenise(text: string): Token[] {
  // Marks belong to their word: Devanagari, Bengali and Thai vowels are marks ("तीन", "สี่"); so does an apostrophe
  // between letters, which Ukrainian spells numbers with ("п’ять", "дев'ять").
  const tokens = [...text.matchAll(/[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*|\d+/gu)].map((match) => {
    const lower = match[0].toLowerCase();
    const token: Token = { start: match.index, end: match.index + match[0].length, lower };
    if (/^\d+$/.test(lower)) token.digits = lower;
    // A capital standing alone is a letter read out ("R O opt șase", an IBAN's country), not Korean "o" (five).
    const word = match[0].length === 1 && match[0] !== lower ? undefined : numberWord(lower);
    if (word !== undefined) token.word = word;
    const repeat = repeatWords.get(lower);
    if (repeat !== undefined) token.repeat = repeat;
    if (dotWords.has(lower)) token.dot = true;
    if (dashWords.has(lower)) token.dash = true;
    if (numberJoiners.has(lower)) token.joiner = true;
    return token;
  }).filter((token, index, all) => token.digits !== undefined || (!hesitation.test(token.lower) && !irishParticle(text, token, all[index + 1])));
  tokens.forEach((token, index) => {
    if (token.lower !== "to") return;
    const [previous, next] = [tokens[index - 1], tokens[index + 1]];
    const beside = (other: Token | undefined, from: number, to: number) => (other !== undefined && plainGap.test(text.slice(from, to)) ? other.lower : undefined);
    if (scandinavianTwo(beside(previous, previous?.end ?? 0, token.start), beside(next, token.end, next?.start ?? 0))) token.word = { value: 2, kind: "digit", weak: true };
  });
  // A weak number word ("due", "een", "elf", Vietnamese "hai", "ba") counts only in a chain of number words with a
  // strong one in it: a sweep each way carries the strong word's standing along the chain ("không chín một hai ba").
  const kept = tokens.map((token) => token.word !== undefined && !token.word.weak);
  for (let index = 1; index < tokens.length; index += 1) if (tokens[index]?.word?.weak === true && kept[index - 1]) kept[index] = true;
  for (let index = tokens.length - 2; index >= 0; index -= 1) if (tokens[index]?.word?.weak === true && kept[index + 1]) kept[index] = true;
  tokens.forEach((token, index) => {
    if (token.word?.weak === true && !kept[index]) delete token.word;
    // Turkish "on" (ten) is English "on": a ten only right after another number word ("altı yüz on", "beş on").
    const previous = tokens[index - 1];
    if (token.lower === "on" && previous?.word !== undefined && /^[\s,]*$/.test(text.slice(previous.end, token.start))) token.word = { value: 10, kind: "ten", weak: false };
  });
  return tokens;
}

/**
 * Two digit words between a country code and the rest of an account number ("IE eight nine AIBK 0494 …") are an
 * IBAN's check digits, said aloud: read them though the run is shorter than a spelled number must be.
 */
function ibanCheckDigits(text: string, tokens: readonly Token[], first: number, last: number): boolean {
  const country = tokens[first - 1];
  const next = tokens[last + 1];
  if (last !== first + 1 || country === undefined || next === undefined) return false;
  // Two digits, or a ten and its unit ("thirty-one"): check digits are read in a pair as often as one by one.
  const kinds = [tokens[first]?.word?.kind, tokens[last]?.word?.kind].join();
  // The country's letters may be read out one by one ("I T quattro due X …", "R O opt șase BTRL …").
  const spaced = /^[A-Z]$/.test(text.slice(country.start, country.end)) && /^[A-Z] $/.test(text.slice(country.start - 2, country.start));
  const code = /^[A-Z]{2}$/.test(text.slice(country.start, country.end)) || spaced;
  return (kinds === "digit,digit" || kinds === "ten,digit") && code && /^\s+$/.test(text.slice(country.end, tokens[first]?.start)) && /^[A-Z\d]+$/.test(text.slice(next.start, next.end));
}

const numeric = (token: Token | undefined) => token !== undefined && (token.digits !== undefined || token.word !== undefined || token.repeat !== undefined);

/** Fewer parts than this stay words: "one or two", "nineteen ninety-nine" are prose, "four one one one" is a number. */
const minimumParts = 4;

/** One number read from words, with the token span it came from. */
interface Piece {
  text: string;
  from: Token;
  to: Token;
}

/**
 * Reads a run of number words the way people say numbers: digit by digit ("four one five"), in groups
 * ("quarante-deux, dix-huit"), with tens and hundreds ("six hundred one", "sześćset jeden", "treinta y dos",
 * "soixante-treize", "quatre-vingt-dix-huit") and repeats ("double four"). A comma ends a group.
 */
function readRun(run: Token[], text: string): Piece[] {
  const pieces: Piece[] = [];
  let open: { value: number; place: number; from: Token; to: Token } | undefined;
  let repeat: { count: number; from: Token } | undefined;
  const flush = () => {
    if (open !== undefined) pieces.push({ text: String(open.value), from: open.from, to: open.to });
    open = undefined;
  };
  run.forEach((token, index) => {
    const before = index === 0 ? "" : text.slice((run[index - 1] as Token).end, token.start);
    const joined = !before.includes(",");
    // "en" is a joiner and a digit: a digit unless it follows a ten or a hundred ("fire tre en ni", Danish).
    if (token.joiner === true && (token.word === undefined || open?.place === 10 || open?.place === 100)) return;
    // A written dot between spelled numbers ("one nine two . one six eight") is the dot of an address.
    if (/^\s*\.\s*$/.test(before)) {
      flush();
      pieces.push({ text: ".", from: token, to: token });
    }
    if (token.dot === true || token.dash === true) {
      flush();
      pieces.push({ text: token.dot === true ? "." : "-", from: token, to: token });
      return;
    }
    if (token.repeat !== undefined && token.word === undefined) {
      flush();
      repeat = { count: token.repeat, from: token };
      return;
    }
    if (token.digits !== undefined) {
      flush();
      pieces.push({ text: token.digits, from: token, to: token });
      return;
    }
    const word = token.word as NumberWord;
    const continues = open !== undefined && joined;
    if (word.kind === "hundred") {
      if (continues && open !== undefined && open.place === 1 && word.value === 100) open = { value: open.value * 100, place: 100, from: open.from, to: token };
      else {
        flush();
        open = { value: word.value, place: 100, from: token, to: token };
      }
    } else if (word.kind === "ten") {
      // French "quatre-vingt(s)" is four twenties.
      if (continues && open !== undefined && open.place === 1 && open.value === 4 && word.value === 20) open = { value: 80, place: 10, from: open.from, to: token };
      else if (continues && open !== undefined && open.place === 100) open = { value: open.value + word.value, place: 10, from: open.from, to: token };
      else {
        flush();
        open = { value: word.value, place: 10, from: token, to: token };
      }
    } else if (word.kind === "teen") {
      // "soixante-dix", "quatre-vingt-treize": a teen completes sixty and eighty in French; "dix-huit": ten takes a unit.
      const french = open !== undefined && (open.value % 100 === 60 || open.value % 100 === 80) && open.place === 10;
      if (continues && open !== undefined && (open.place === 100 || french)) open = { value: open.value + word.value, place: word.value === 10 ? 10 : 0, from: open.from, to: token };
      else {
        flush();
        open = { value: word.value, place: word.value === 10 && /^-$/.test(text.slice(token.end, run[index + 1]?.start ?? token.end)) ? 10 : 0, from: token, to: token };
      }
    } else if (continues && open !== undefined && (open.place === 10 || open.place === 100) && open.value % 10 === 0) {
      open = { value: open.value + word.value, place: 0, from: open.from, to: token };
    } else {
      flush();
      if (repeat !== undefined) {
        pieces.push({ text: String(word.value).repeat(repeat.count), from: repeat.from, to: token });
        repeat = undefined;
      } else open = { value: word.value, place: 1, from: token, to: token };
    }
    if (open !== undefined && open.place === 0) flush();
  });
  flush();
  return pieces;
}

/**
 * Replaces runs of spelled numbers by their digits: "four one one one ...", "plus four four ...", "double
 * four", "zéro six, quarante-deux", and runs that mix words and digits ("0176 one two 3456"). A run needs a
 * spelled word and at least four parts; each digit maps back to the words it was read from.
 *
 * @example
 * // text(s): s as a NormalisedText whose characters map to themselves
 * joinSpelledNumbers(text("zéro six, quarante-deux")).text // "0642"
 */
export function joinSpelledNumbers(input: NormalisedText): NormalisedText {
  const tokens = tokenise(input.text);
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  const copy = (position: number) => {
    text += input.text[position];
    starts.push(input.starts[position] as number);
    ends.push(input.ends[position] as number);
  };
  // Brackets separate groups too: "(four one five) five five five" is one number, as "(415) 555" is.
  const separated = (left: Token | undefined, right: Token | undefined) => {
    if (left === undefined || right === undefined) return false;
    // Most gaps are a space or a comma: the plain pattern first, the one that knows hesitations only when it fails.
    const gap = input.text.slice(left.end, right.start);
    return plainGap.test(gap) || hesitationBetween.test(gap) || (irishNumerals.has(right.lower) && particleGap.test(gap));
  };
  const spelled: Array<[number, number]> = [];
  let cursor = 0;
  let index = 0;
  while (index < tokens.length) {
    let last = index;
    // A run continues over separators only, over a spoken dot between two numbers, and over a joiner after a
    // ten or a hundred ("treinta y dos").
    for (;;) {
      const here = tokens[last];
      const next = tokens[last + 1];
      const after = tokens[last + 2];
      const bridge = next?.dot === true || next?.dash === true || (next?.joiner === true && (here?.word?.kind === "ten" || here?.word?.kind === "hundred"));
      if (numeric(here) && numeric(next) && separated(here, next)) last += 1;
      else if (numeric(here) && bridge && numeric(after) && separated(here, next) && separated(next, after)) last += 2;
      else break;
    }
    const run = tokens.slice(index, last + 1);
    const parts = run.filter((token) => token.dot !== true && token.dash !== true && (token.joiner !== true || token.word !== undefined));
    // A spoken dash is a spelled part too: "6 1 9 dash 3 2 dash 7 7 0 4" was dictated.
    const words = parts.filter((token) => token.digits === undefined).length + run.filter((token) => token.dash === true).length;
    // Groups of digits with a dash or slash read aloud between them ("270674 bandstrik 8959") were dictated, however few.
    const dictatedGroups = run.some((token) => token.dash === true) && parts.every((token) => token.digits !== undefined) && parts.reduce((count, token) => count + (token.digits?.length ?? 0), 0) >= 9;
    if (!numeric(tokens[index]) || (parts.length < minimumParts && !dictatedGroups && !ibanCheckDigits(input.text, tokens, index, last)) || words === 0) {
      // A rejected run's tails are rejected too (fewer parts, no more words): skip it whole, or a long run of
      // plain numbers is rescanned from every token (quadratic).
      index = numeric(tokens[index]) ? last + 1 : index + 1;
      continue;
    }
    const first = run[0] as Token;
    const before = tokens[index - 1];
    const plus = before !== undefined && ["plus", "más", "mais", "плюс"].includes(before.lower) && /^\s*$/.test(input.text.slice(before.end, first.start));
    const runStart = plus && before !== undefined ? before.start : first.start;
    for (let position = cursor; position < runStart; position += 1) copy(position);
    if (plus && before !== undefined) {
      text += "+";
      starts.push(input.starts[before.start] as number);
      ends.push(input.ends[before.end - 1] as number);
    }
    const spelledStart = text.length;
    // Each digit maps back to the words it was read from, so a redaction covers "double" and "quarante-deux".
    for (const piece of readRun(run, input.text)) {
      for (const char of piece.text) {
        text += char;
        starts.push(input.starts[piece.from.start] as number);
        ends.push(input.ends[piece.to.end - 1] as number);
      }
    }
    spelled.push([spelledStart, text.length]);
    cursor = (run.at(-1) as Token).end;
    index = last + 1;
  }
  for (let position = cursor; position < input.text.length; position += 1) copy(position);
  return { text, starts, ends, spelled };
}
