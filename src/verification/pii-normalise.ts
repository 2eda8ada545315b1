/**
 * Undoes the obfuscations people use to slip personal data past a filter, keeping a map from every
 * character of the normalised text back to the original, so a finding can be redacted where it was written.
 */

/** The normalised text and, per normalised character, the offset of the original character it came from. */
export interface NormalisedText {
  text: string;
  /** `starts[i]` to `ends[i]` is the span of the original text that `text[i]` came from. */
  starts: number[];
  ends: number[];
  /** Spans of `text` that were spelled-out digits: spelling a number out is itself a sign it is personal data. */
  spelled: Array<[number, number]>;
}

/** First code point (the zero) of each Unicode decimal-digit block that NFKC leaves alone. */
const digitZeros = [0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810];

function asciiDigit(codePoint: number): string | undefined {
  for (const zero of digitZeros) if (codePoint >= zero && codePoint <= zero + 9) return String(codePoint - zero);
  return undefined;
}

/** Dashes that look like "-" (en, em, figure, minus, non-breaking hyphen...). */
const dashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const invisible = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

/**
 * Digit words in English, German, French, Spanish, Italian, Portuguese and Dutch ("oh" for zero, as people
 * read phone numbers).
 */
const digitWords = new Map<string, string>(
  Object.entries({
    zero: "0", oh: "0", null: "0", "zéro": "0", cero: "0", nul: "0",
    one: "1", eins: "1", un: "1", une: "1", uno: "1", "één": "1",
    two: "2", zwei: "2", zwo: "2", deux: "2", dos: "2", dois: "2", duas: "2", twee: "2",
    three: "3", drei: "3", trois: "3", tres: "3", tre: "3", "três": "3", drie: "3",
    four: "4", vier: "4", quatre: "4", cuatro: "4", quattro: "4", quatro: "4",
    five: "5", "fünf": "5", fuenf: "5", cinq: "5", cinco: "5", cinque: "5", vijf: "5",
    six: "6", sechs: "6", seis: "6", zes: "6",
    seven: "7", sieben: "7", sept: "7", siete: "7", sette: "7", sete: "7", zeven: "7",
    eight: "8", acht: "8", huit: "8", ocho: "8", oito: "8",
    nine: "9", neun: "9", neuf: "9", nueve: "9", nove: "9", negen: "9",
  }),
);

/**
 * Digit words that are also common words elsewhere ("due" in English, "een" and "um" articles, "sei", "otto"):
 * they count as digits only next to an unambiguous digit word ("tre due sette", "een twee drie").
 */
const weakDigitWords = new Map<string, string>(Object.entries({ due: "2", een: "1", um: "1", sei: "6", otto: "8" }));

/** Words read aloud for the dot of an address: "one nine two dot one six eight". */
const dotWords = new Set(["dot", "point", "punto", "punkt", "ponto", "punt"]);

/** Fewer spelled digits in a row than this stay words: "one or two" is prose, "four one one one" is a number. */
const minimumSpelledRun = 4;

/** Per character: NFKC, Unicode digits to ASCII, dashes to "-", invisible characters dropped. */
function normaliseCharacters(input: string): NormalisedText {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const char of input) {
    const codePoint = char.codePointAt(0) ?? 0;
    let replaced: string;
    if (invisible.test(char)) replaced = "";
    else if (dashes.test(char)) replaced = "-";
    else replaced = asciiDigit(codePoint) ?? char.normalize("NFKC");
    for (const unit of replaced) {
      text += unit;
      starts.push(offset);
      ends.push(offset + char.length);
    }
    offset += char.length;
  }
  return { text, starts, ends, spelled: [] };
}

/** "double four" is "44": repeat counts spoken before a digit. */
const repeats = new Map<string, number>(Object.entries({ double: 2, triple: 3, doppel: 2, doble: 2 }));

interface Token {
  start: number;
  end: number;
  lower: string;
  /** The digits this token stands for ("4111", "4"), or a repeat count, or nothing (an ordinary word). */
  digits?: string;
  repeat?: number;
  /** A spoken dot ("dot", "punto"): inside a run of digits it is the "." of an address. */
  dot?: boolean;
}

function tokenise(text: string): Token[] {
  const tokens = [...text.matchAll(/\p{L}+|\d+/gu)].map((match) => {
    const lower = match[0].toLowerCase();
    const token: Token = { start: match.index, end: match.index + match[0].length, lower };
    const digits = /^\d+$/.test(lower) ? lower : digitWords.get(lower);
    if (digits !== undefined) token.digits = digits;
    const repeat = repeats.get(lower);
    if (repeat !== undefined) token.repeat = repeat;
    if (dotWords.has(lower)) token.dot = true;
    return token;
  });
  const spelledWord = (token: Token | undefined) => token !== undefined && token.digits !== undefined && !/^\d+$/.test(token.lower);
  tokens.forEach((token, index) => {
    const weak = weakDigitWords.get(token.lower);
    if (weak !== undefined && (spelledWord(tokens[index - 1]) || spelledWord(tokens[index + 1]))) token.digits = weak;
  });
  return tokens;
}

/**
 * Replaces runs of spelled digits by the digits: "four one one one ...", "plus four four ...", "double four",
 * and runs that mix words and digits ("0176 one two 3456"). A run needs a spelled word and at least four parts.
 */
function joinSpelledDigits(input: NormalisedText): NormalisedText {
  const tokens = tokenise(input.text);
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  const copy = (position: number) => {
    text += input.text[position];
    starts.push(input.starts[position] as number);
    ends.push(input.ends[position] as number);
  };
  const numeric = (token: Token | undefined) => token !== undefined && (token.digits !== undefined || token.repeat !== undefined);
  const separated = (left: Token | undefined, right: Token | undefined) => left !== undefined && right !== undefined && /^[\s,.\-/_]*$/.test(input.text.slice(left.end, right.start));
  const spelled: Array<[number, number]> = [];
  let cursor = 0;
  let index = 0;
  while (index < tokens.length) {
    let last = index;
    // A run continues over separators only (spaces, commas, hyphens, dots, slashes, underscores), and over a
    // spoken dot between two digits.
    for (;;) {
      const next = tokens[last + 1];
      if (numeric(tokens[last]) && numeric(next) && separated(tokens[last], next)) last += 1;
      else if (numeric(tokens[last]) && next?.dot === true && numeric(tokens[last + 2]) && separated(tokens[last], next) && separated(next, tokens[last + 2])) last += 2;
      else break;
    }
    const run = tokens.slice(index, last + 1);
    const parts = run.filter((token) => token.dot !== true);
    const words = parts.filter((token) => !/^\d+$/.test(token.lower)).length;
    if (!numeric(tokens[index]) || parts.length < minimumSpelledRun || words === 0) {
      // A rejected run's tails are rejected too (fewer parts, no more words): skip it whole, or a long run of
      // plain numbers is rescanned from every token (quadratic).
      index = numeric(tokens[index]) ? last + 1 : index + 1;
      continue;
    }
    const first = run[0] as Token;
    const before = tokens[index - 1];
    const plus = before !== undefined && (before.lower === "plus" || before.lower === "más") && /^\s*$/.test(input.text.slice(before.end, first.start));
    const runStart = plus && before !== undefined ? before.start : first.start;
    for (let position = cursor; position < runStart; position += 1) copy(position);
    if (plus && before !== undefined) {
      text += "+";
      starts.push(input.starts[before.start] as number);
      ends.push(input.ends[before.end - 1] as number);
    }
    const spelledStart = text.length;
    let repeat = 1;
    let from: number | undefined;
    for (const token of run) {
      if (token.dot === true) {
        text += ".";
        starts.push(input.starts[token.start] as number);
        ends.push(input.ends[token.end - 1] as number);
        continue;
      }
      if (token.repeat !== undefined && token.digits === undefined) {
        repeat = token.repeat;
        from = token.start;
        continue;
      }
      // "double four" maps back to both words, so a redaction covers "double" too.
      for (const digit of (token.digits ?? "").repeat(repeat)) {
        text += digit;
        starts.push(input.starts[from ?? token.start] as number);
        ends.push(input.ends[token.end - 1] as number);
      }
      repeat = 1;
      from = undefined;
    }
    spelled.push([spelledStart, text.length]);
    cursor = (run.at(-1) as Token).end;
    index = last + 1;
  }
  for (let position = cursor; position < input.text.length; position += 1) copy(position);
  return { text, starts, ends, spelled };
}

/** Six or more single letters or digits with one space between each: "A T 6 1 1 9 ...", "c a r d 4 1 1 1". */
const spacedCharacters = /(?<![\p{L}\d])(?:[\p{L}\d] ){5,}[\p{L}\d](?![\p{L}\d])/gu;

/**
 * Closes up text spelled out one character at a time, keeping one space where letters meet digits, so
 * "A T 6 1 1 9" reads "AT 6119" and "c a r d 4 1 1 1" reads "card 4111".
 */
function closeSpacedCharacters(input: NormalisedText): NormalisedText {
  const drop = new Set<number>();
  for (const match of input.text.matchAll(spacedCharacters)) {
    for (let position = match.index + 1; position < match.index + match[0].length; position += 2) {
      const left = input.text[position - 1] ?? "";
      const right = input.text[position + 1] ?? "";
      if (/\d/.test(left) === /\d/.test(right)) drop.add(position);
    }
  }
  if (drop.size === 0) return input;
  const kept = Array.from({ length: input.text.length }, (_, position) => position).filter((position) => !drop.has(position));
  return { text: kept.map((position) => input.text[position]).join(""), starts: kept.map((position) => input.starts[position] as number), ends: kept.map((position) => input.ends[position] as number), spelled: [] };
}

/**
 * Normalises a text for the PII detectors: NFKC (full-width digits), Arabic-Indic, Devanagari and other
 * Unicode digits to ASCII, every dash to "-", zero-width characters dropped, text spaced out one character at
 * a time closed up, spelled digit runs to digits.
 *
 * @example
 * normaliseForPii("card four one one one ١٢٣٤").text // "card 4111 1234"
 */
export function normaliseForPii(input: string): NormalisedText {
  return joinSpelledDigits(closeSpacedCharacters(normaliseCharacters(input)));
}
