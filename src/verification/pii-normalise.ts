/**
 * Undoes the obfuscations people use to slip personal data past a filter, keeping a map from every
 * character of the normalised text back to the original, so a finding can be redacted where it was written.
 * A pipeline of stages, each general rather than a list of phrases: characters (NFKC, Unicode digits,
 * look-alike letters, entities, base64 runs), separators (any kind, line breaks, markdown, emoji), then spelled numbers.
 */
import { readSanitisedAddresses } from "./pii-sanitised-labels.ts";
import { readTypedDigits } from "./pii-typed-digits.ts";
import { decodeByteArrays } from "./pii-byte-arrays.ts";
import { readSpokenHandles } from "./pii-spoken-handles.ts";
import { closeSpacedCharacters, closeSpacedColons, collapseSeparators, readCardGroups, readCjkNumerals, readHomoglyphDigits, readLookAlikesInCodes } from "./pii-separators.ts";
import { joinCarrierSplits } from "./pii-carrier-splits.ts";
import { decodeBase64Values } from "./pii-base64.ts";
import { decodeRot13Values } from "./pii-rot13.ts";
import { decodeSignalEncodings } from "./pii-signal-encodings.ts";
import { decodeCodeEscapes } from "./pii-code-escapes.ts";
import { joinSubtitleCues } from "./pii-subtitle-cues.ts";
import { readRomanDigits } from "./pii-roman-digits.ts";
import { readCommaSpelling } from "./pii-comma-spelling.ts";
import { readRepeatedMarks } from "./pii-repeated-marks.ts";
import { joinMessageSplits } from "./pii-message-splits.ts";
import { joinSpelledNumbers } from "./pii-spelled-numbers.ts";
import { readSpellingAlphabet } from "./pii-spelling-alphabet.ts";
import { readFencedConnectors, readUnspacedConnectors } from "./pii-fenced-words.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

export type { NormalisedText } from "./pii-normalised-text.ts";

/**
 * Any decimal digit the runtime's Unicode data knows (\p{Nd}: Arabic-Indic, Devanagari, Gujarati, Lao, Tibetan,
 * Balinese, Ol Chiki, mathematical bold and monospace, … and whatever a newer Unicode adds) as an ASCII digit. Unicode
 * encodes every decimal digit set as ten consecutive code points, zero first, so a digit's value is its distance from
 * the start of its run of Nd code points, modulo ten (adjacent sets, as the mathematical ones, are whole tens).
 */
const decimalDigit = /\p{Nd}/u;
const digitValues = new Map<number, string>();

function asciiDigit(codePoint: number): string | undefined {
  // Below the Arabic-Indic digits no set but ASCII's (Latin, Greek, Cyrillic, Hebrew: most non-ASCII text).
  if (codePoint < 0x660) return undefined;
  const known = digitValues.get(codePoint);
  if (known !== undefined) return known;
  const char = String.fromCodePoint(codePoint);
  if (!decimalDigit.test(char)) return circledDigits.get(char);
  let first = codePoint;
  while (first > 0 && decimalDigit.test(String.fromCodePoint(first - 1))) first -= 1;
  const value = String((codePoint - first) % 10);
  digitValues.set(codePoint, value);
  return value;
}

/**
 * Digits drawn in circles that NFKC leaves alone ("①" it reads, "❶", "➀", "➊", "⓵", "⓿" and "🄋" it does not). Unicode
 * gives them a numeric value the runtime cannot read (no Intl API exposes it), so the four sets of one to ten and the
 * zeros are listed by range.
 */
const circledDigits = new Map<string, string>([
  ...[0x2776, 0x2780, 0x278a, 0x24f5].flatMap((one) => Array.from({ length: 10 }, (_, offset) => [String.fromCodePoint(one + offset), String(offset + 1)] as [string, string])),
  ...[0x24ff, 0x1f10b, 0x1f10c].map((zero) => [String.fromCodePoint(zero), "0"] as [string, string]),
  // Parenthesised and full-stop digits ("⑴", "⒈"), which NFKC turns into "(1)" and "1.", and the digit-comma ones ("🄁").
  ...[0x2474, 0x2488].flatMap((one) => Array.from({ length: 9 }, (_, offset) => [String.fromCodePoint(one + offset), String(offset + 1)] as [string, string])),
  ...Array.from({ length: 11 }, (_, offset) => [String.fromCodePoint(0x1f100 + offset), String(Math.max(0, offset - 1))] as [string, string]),
]);

/**
 * Latin small capitals ("ᴀɴɴᴀ@ɢᴍᴀɪʟ.ᴄᴏᴍ"), which NFKC leaves alone: no language writes words in them, a filter-dodger
 * does. Read as the lower-case letters they draw.
 */
const smallCapitals = new Map<string, string>([..."ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ"].map((char, index) => [char, "abcdefghijklmnopqrstuvwyz"[index] ?? char]));

/** Dashes that look like "-" (en, em, figure, minus, non-breaking hyphen...). */
const dashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
/** Zero-width characters, soft hyphens, variation selectors and the keycap mark ("4️⃣" is a 4). */
const invisible = /[\u200B-\u200D\u2060\uFEFF\u00AD\uFE00-\uFE0F\u20E3]/;
/**
 * Marks drawn over, under or around the character before them: overline, low line (underline), the overlays that strike a
 * character through (tilde, stroke, solidus), the long vertical overlay, and the enclosing circle, square, diamond, screen
 * and triangle ("4̲5̲5̲3", "+4̶8̶", "9⃝0⃝"). No spelling uses them; a text decorated or struck out still says its characters.
 */
const drawnMarks = /[\u0305\u0332\u0333\u0334-\u0338\u033F\u20D2\u20D3\u20DD-\u20E0\u20E2\u20E4]/;
/**
 * Dots that are not "." (middle dot, Greek ano teleia, runic and word-separator dots, bullets, katakana middle
 * dot, one-dot leader, hyphenation point, dot operators, ideographic full stops).
 */
const dotLike = /[\u00B7\u0387\u16EB\u2022\u2024\u2027\u2219\u22C5\u2E31\u2E33\u30FB\uFF65\u3002\uFF61\u25E6\u2981]/;
/** A nonspacing or enclosing combining mark, and the characters whose marks are decoration (the last one read is checked, not the text). */
const combiningMark = /[\p{Mn}\p{Me}]/u;
const markable = /^[A-Za-z\d@.+\/_-]$/;
/** Slashes that are not "/" and that NFKC leaves alone (fraction slash, division slash, big solidus). */
const slashLike = /[\u2044\u2215\u29F8]/;

/** Cyrillic and Greek letters drawn like Latin ones; read as Latin inside a word that mixes scripts. */
const confusables = new Map<string, string>(
  Object.entries({
    а: "a", е: "e", о: "o", р: "p", с: "c", у: "y", х: "x", і: "i", ј: "j", ѕ: "s", һ: "h", ԁ: "d", ɡ: "g",
    А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", Х: "X", І: "I", Ј: "J", Ѕ: "S",
    α: "a", ο: "o", ρ: "p", ν: "v", ι: "i", κ: "k", Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
  }),
);

/**
 * HTML character references, URL and JSON escapes that hide an "@", a "." or a "+" ("ann&#64;example.org", "ann%40example.org",
 * "ann\\u0040example.org", quoted-printable "ann=40example.org"), a number's separators ("?pan=5574%200798%20…",
 * "4111&nbsp;1111…"), a query's own marks encoded inside another's value, once or twice ("?next=%2Faccount%3Fuser%3Dann%2540…"),
 * letters and digits percent-encoded or "\\x"-escaped ("%34%31…", "\\x34\\x31…"), any other character as its UTF-8 bytes ("%D9%A4"), a
 * string's escaped line break or tab ("\\n", not before a letter: "C:\\new" is a path), quoted-printable's bytes ("=C4=99")
 * and soft line breaks ("=" ending a line; not after another "=": quoted-printable writes a literal one "=3D", so "==" ending a
 * line is base64's padding, as in "Authorization: Basic …==" and LDIF's "mail:: …=="), inline HTML tags, which a browser does not
 * show ("<span>ann</span>@<span>example.org</span>"), and SSML's, which a speech engine does not read out ("<say-as …>", "<break/>"), and table cells and blocks, which it shows apart.
 * Only inline elements, and only with attributes that hold no ":", "@" or "%" (a "mailto:" or "tel:" link is data;
 * "<at>" and "<dot>" are spoken connectors in brackets).
 */
const escapes = /&#(\d{1,7});|&#x([0-9a-f]{1,6});|&(commat|period|amp|nbsp|ensp|emsp|thinsp|plus|hyphen|dash|sol|lowbar);|%(?:25)?(40|2e|2b|20|2d|2f|09|3d|26|3f|c2%a0)(?=[\p{L}\p{N}%_.@+-])|%(3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a])|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})|(?<=[\p{L}\d])=(40|2e)(?=\p{L})|(<\/?(?:span|font|b|i|u|s|em|strong|small|big|mark|code|kbd|sub|sup|del|ins|wbr|br|a|speak|say-as|break|prosody|emphasis|phoneme|voice)(?:\s[^<>:@%]{0,80})?\/?>)|((?:<\/?(?:td|th|tr|li|dt|dd|p|div)>)+)|%([c-f][0-9a-f](?:%[89ab][0-9a-f]){1,3})|\\([nrt])(?![\p{L}])|=([c-f][0-9a-f](?:=[89ab][0-9a-f]){1,3})|((?<!=)=(?:\r?\n|\\n))/giu;
const namedEscapes: Record<string, string> = { commat: "@", period: ".", amp: "&", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ", plus: "+", hyphen: "-", dash: "-", sol: "/", lowbar: "_" };
const percentEscapes: Record<string, string> = { "40": "@", "2e": ".", "2b": "+", "20": " ", "09": " ", "c2%a0": " ", "2d": "-", "2f": "/", "3d": "=", "26": "&", "3f": "?" };

function unescape(match: RegExpExecArray): string {
  const [, decimal, hex, named, percent, encoded, json, escaped, quoted, tag, cells, utf8, control, quotedUtf8, softBreak] = match;
  // Quoted-printable, as a raw mail shows text: a character as its UTF-8 bytes ("=C4=99" is "ę"), and "=" ending a line,
  // a soft line break that only wraps the line (the value goes on right after it).
  if (softBreak !== undefined) return "";
  if (quotedUtf8 !== undefined) return decodedUtf8(quotedUtf8.replace(/=/g, "%").replace(/^/, "%"));
  // A JSON or C string's escaped line break or tab ("31.40\\n.9.20" in a request body) is one: the value goes on after it.
  if (control !== undefined) return control.toLowerCase() === "t" ? "\t" : "\n";
  if (tag !== undefined) return "";
  // One character percent-encoded as its UTF-8 bytes ("%D9%A4" is "٤"): a URL or form body carries any script this way,
  // and the character then reads as any other (a Unicode digit as its digit). Bytes that are no character stay.
  if (utf8 !== undefined) return decodedUtf8(match[0]);
  // Table cells and blocks are shown apart: a run of their bare tags reads as one space ("<td>4943</td><td>1301</td>");
  // a tag with attributes stays, as its class may name the value (`<td class="nhs">`).
  if (cells !== undefined) return " ";
  // A letter or digit percent-encoded, or written as a "\\x" escape, is only ever hidden on purpose.
  const coded = hex ?? json ?? encoded ?? escaped;
  if (decimal !== undefined || coded !== undefined) {
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(coded ?? "", 16);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match[0];
  }
  if (named !== undefined) return namedEscapes[named.toLowerCase()] ?? match[0];
  // Quoted-printable, as a raw mail shows an address ("ann=40example=2Eorg"): only between a letter or digit and a letter.
  if (quoted !== undefined) return quoted === "40" ? "@" : ".";
  // "%2B" is the "+" of a dialling prefix in a URL's query ("?phone=%2B4917…"); the space, tab, no-break space,
  // dash and slash are the separators of a number's groups ("?pan=5574%200798%20…", "tel:%2B33%206%2012…").
  return percentEscapes[percent?.toLowerCase() ?? ""] ?? ".";
}

function decodedUtf8(escaped: string): string {
  try {
    return decodeURIComponent(escaped);
  } catch {
    return escaped;
  }
}

/** One character (or escape) as the detectors should read it. */
function readCharacter(char: string): string {
  if (invisible.test(char) || drawnMarks.test(char)) return "";
  if (dashes.test(char)) return "-";
  if (dotLike.test(char)) return ".";
  if (slashLike.test(char)) return "/";
  return asciiDigit(char.codePointAt(0) ?? 0) ?? smallCapitals.get(char) ?? char.normalize("NFKC");
}

/** Per character: escapes decoded, NFKC, Unicode digits to ASCII, dashes to "-", dot look-alikes to ".", invisible characters dropped. */
function normaliseCharacters(input: string): NormalisedText {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (replaced: string, from: number, to: number) => {
    // Per UTF-16 unit, as the detectors index the text: an emoji is two ("📧 ann@…" was redacted one unit late).
    text += replaced;
    for (let unit = 0; unit < replaced.length; unit += 1) {
      starts.push(from);
      ends.push(to);
    }
  };
  let offset = 0;
  let last = "";
  escapes.lastIndex = 0;
  for (let match = escapes.exec(input); ; match = escapes.exec(input)) {
    const until = match?.index ?? input.length;
    for (const char of input.slice(offset, until)) {
      // ASCII is its own normal form: the per-character checks are for the rest (and the hot path is ASCII). A combining
      // mark on an ASCII letter, digit or address sign ("5̈3̣1", "k_nov̀ak@") is decoration: no digit takes one, and an
      // ASCII word written with one is a decomposed accent the cue lists read folded anyway.
      // The last character read is kept aside: indexing the text being built would flatten it on every mark.
      const mark = char.charCodeAt(0) >= 0x300 && combiningMark.test(char) && markable.test(last);
      const read = char.charCodeAt(0) < 0x80 ? char : mark ? "" : readCharacter(char);
      if (read !== "") last = read.slice(-1);
      emit(read, offset, offset + char.length);
      offset += char.length;
    }
    if (match === null) break;
    const decoded = readCharacter(unescape(match));
    if (decoded !== "") last = decoded.slice(-1);
    emit(decoded, match.index, match.index + match[0].length);
    offset = match.index + match[0].length;
  }
  return { text, starts, ends, spelled: [] };
}

/**
 * Inside a word that mixes Latin with Cyrillic or Greek ("аnna" with a Cyrillic "а"), the look-alikes are Latin; so
 * are they in a token of digits, Latin letters and look-alikes only ("ВЕ57 0008 …", an IBAN's country code copied
 * from a Cyrillic document): no Cyrillic or Greek word is written with digits inside it.
 */
function readConfusables(input: NormalisedText): NormalisedText {
  if (!/[\u0370-\u03FF\u0400-\u04FF]/.test(input.text)) return input;
  const read = (word: string) => [...word].map((char) => confusables.get(char) ?? char).join("");
  const text = input.text.replace(/[\p{L}\p{M}\d]+/gu, (word) => {
    if (!/[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word)) return word;
    if (/\d/.test(word)) return [...word].every((char) => /[\dA-Za-z]/.test(char) || confusables.has(char)) ? read(word) : word;
    return /\p{Script=Latin}/u.test(word) ? read(word) : word;
  });
  return { ...input, text };
}

/**
 * Between two digits, the katakana long-vowel mark and wave dashes are dashes ("０８０ー９８７６"); inside a word
 * ("カード") the mark is a letter and stays. One character for one, so the map back is unchanged.
 */
function readLongVowelDashes(input: NormalisedText): NormalisedText {
  return /\d[ーｰ〜～]\d/u.test(input.text) ? { ...input, text: input.text.replace(/(?<=\d)[ーｰ〜～](?=\d)/gu, "-") } : input;
}

/**
 * Normalises a text for the PII detectors: escapes decoded, NFKC (full-width digits), Arabic-Indic,
 * Devanagari and other Unicode digits to ASCII, every dash to "-", dot look-alikes to ".", zero-width
 * characters and emoji marks dropped, look-alike letters read in mixed-script words and in digit groups ("5l2O"),
 * separators of any kind between digits collapsed, text spaced out one character at a time closed up, spelling-alphabet
 * words to capitals ("golf bravo"), spelled numbers to digits.
 *
 * @example
 * normaliseForPii("card four one one one ١٢٣٤").text // "card 4111 1234"
 */
export function normaliseForPii(input: string): NormalisedText {
  const characters = readRomanDigits(readUnspacedConnectors(readFencedConnectors(readLongVowelDashes(readHomoglyphDigits(readTypedDigits(readLookAlikesInCodes(readCjkNumerals(readConfusables(decodeRot13Values(decodeBase64Values(readSanitisedAddresses(decodeByteArrays(joinSubtitleCues(decodeSignalEncodings(decodeCodeEscapes(normaliseCharacters(input)))))))))))))))));
  return joinSpelledNumbers(readSpokenHandles(readSpellingAlphabet(closeSpacedCharacters(collapseSeparators(readCardGroups(readRepeatedMarks(closeSpacedColons(readCommaSpelling(joinMessageSplits(joinCarrierSplits(characters)))))))))));
}
