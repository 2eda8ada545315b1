/**
 * Separator stages of the PII normaliser: whatever stands between the groups of a number (emoji, bullets,
 * markdown, table pipes, line breaks, runs of spaces), look-alike letters inside digit groups, and text spaced
 * out one character at a time. Each keeps the map back to the original text.
 * In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import type { NormalisedText } from "./pii-normalised-text.ts";
import { numericAccounts } from "./pii-iban-accounts.ts";

/** A replacement of `text[start, end)` by `by`, in normalised coordinates. */
export interface Edit {
  start: number;
  end: number;
  by: string;
}

/** Applies sorted, non-overlapping edits; each replacement character maps to the span it replaced. */
export function rewrite(input: NormalisedText, edits: readonly Edit[]): NormalisedText {
  if (edits.length === 0) return input;
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  const keep = (until: number) => {
    text += input.text.slice(cursor, until);
    for (let position = cursor; position < until; position += 1) {
      starts.push(input.starts[position] as number);
      ends.push(input.ends[position] as number);
    }
  };
  for (const edit of edits) {
    keep(edit.start);
    for (const char of edit.by) {
      text += char;
      starts.push(input.starts[edit.start] as number);
      ends.push(input.ends[edit.end - 1] as number);
    }
    cursor = edit.end;
  }
  keep(input.text.length);
  return { text, starts, ends, spelled: [] };
}

/**
 * A cluster of separator characters between two letters or digits: spaces, line breaks, tabs, "|", markdown
 * marks, emoji (pictographs, modifiers, joiners), and the ordinary ". / -". Clusters of ordinary separators
 * alone are left as written.
 */
const cluster = /(?<=[\p{L}\d])(?:[\s|*`~>.\/_-]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{So})+(?=[\p{L}\d])/gu;
const ordinary = /^(?:[ .\/_-]{1,2}| [-.\/] |\n)$/;

/**
 * Whether the table cell that ends (`direction` -1) or starts (1) at `from` is a plain group: no digits joined by a
 * mark of their own ("5.3.0", "2026-11-30", "12:30" are values of their own; "2221", "+39", "6821 for the refund" not),
 * and two digits or more or a code in capitals ("RABO") in it. A cell of words is a name or a label ("王芳", "Maria"): joined to the
 * number beside it, it would shift the row's columns away from its header's.
 */
function plainCell(text: string, from: number, direction: -1 | 1): boolean {
  let position = direction === 1 ? from : from - 1;
  while (position >= 0 && position < text.length && !/[|\n\t]/.test(text[position] as string)) position += direction;
  const cell = direction === 1 ? text.slice(from, position) : text.slice(position + 1, from);
  // One digit alone is a row's number, a count or a quantity ("| 1 | 0176 …", "| 0615… | 3 |"), never a group of a
  // value split over cells: groups are two digits or more.
  return !/\d[.\/:,-]\d/.test(cell) && (/\d\D*\d/.test(cell) || /^\s*[A-Z]{2,6}\s*$/.test(cell));
}

/**
 * Collapses the separators between two groups when a digit stands on either side: one dot stays a dot, a dash a
 * dash, a slash a slash, a line break a line break; anything else ("✨", " • ", "** **", " | ", three spaces) is
 * one space. So "2221✨4159", "**4398** **4907**" and "151\n2345" read as the digit runs they are.
 *
 * @example
 * collapseSeparators(text("2221✨4159")).text // "2221 4159"
 */
export function collapseSeparators(input: NormalisedText): NormalisedText {
  if (!/\d/.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(cluster)) {
    const separator = match[0];
    if (ordinary.test(separator)) continue;
    const left = input.text[match.index - 1] ?? "";
    const right = input.text[match.index + separator.length] ?? "";
    if (!/\d/.test(left) && !/\d/.test(right)) continue;
    // Cells of one row join only when both are plain groups ("| 2221 | 8538 |"); a cell with marks of its own is a
    // value of its own ("| 5.3.0 | 2026-11-30 |": a version, then a date).
    // A tab is a TSV's "|" ("Ada\t4539\t1488…": the name is no group of the card).
    if (/[|\t]/.test(separator) && !separator.includes("\n") && !(plainCell(input.text, match.index, -1) && plainCell(input.text, match.index + separator.length, 1))) continue;
    const marks = separator.replace(/[^.\/-]/g, "");
    let by = " ";
    // A table's row ends where a line break meets a "|": the header's last cell is no group of the row below.
    if (separator.includes("\n") && separator.includes("|")) by = "\n";
    else if (marks === "." || marks === "-" || marks === "/") by = marks;
    else if (marks === "" && separator.includes("\n") && !/[|*`~>\p{Extended_Pictographic}]/u.test(separator)) by = "\n";
    edits.push({ start: match.index, end: match.index + separator.length, by });
  }
  return rewrite(input, edits);
}

/** Hex groups joined by colons with spaces around them: an IPv6 address spaced out ("2a02 : 8108 : 1cc0 :: 1a"). */
const spacedColons = /(?<![\w:])[0-9a-f]{1,4}(?:[ \t]*::?[ \t]*[0-9a-f]{1,4}){3,7}(?![\w:])/giu;

/**
 * Closes up the spaces around the colons of an IPv6-shaped run (four groups or more); the IPv6 pattern then
 * decides. Times ("12 : 30 : 45") close up too, and stay no address: they have neither eight groups nor "::".
 *
 * @example
 * closeSpacedColons(text("2a02 : 8108 : 1cc0 :: 1a")).text // "2a02:8108:1cc0::1a"
 */
export function closeSpacedColons(input: NormalisedText): NormalisedText {
  if (!/[0-9a-f][ \t]+:|:[ \t]+[0-9a-f]/i.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(spacedColons)) {
    for (const space of match[0].matchAll(/[ \t]+/g)) edits.push({ start: match.index + space.index, end: match.index + space.index + space[0].length, by: "" });
  }
  return rewrite(input, edits);
}

/**
 * Four groups of four digits joined by the same "+", "," or ";", or by the same letter "x" or sign "×" ("5209x6581x…"):
 * the layout of a card number, not of a list (a size or a resolution has two or three parts, not four of four). A CSV
 * row's other cells may stand around it ("R9,Eileen,4539,1488,0343,6467,09/29"), only no fifth plain group of digits.
 */
const fourByFour = /(?<!\d|(?:^|[\s,;+xX×-])\d{1,4}[,+;xX×])\d{4}([,+;xX×])\d{4}\1\d{4}\1\d{1,4}(?!\d|\1\d{1,4}(?![\d.\/:-]))/g;

/**
 * Reads the separators of a card-shaped run of four-digit groups as spaces ("4111+1111+1111+1111",
 * "4111,1111,1111,1111"); the checksums then decide whether it is a card.
 *
 * @example
 * readCardGroups(text("4111+1111+1111+1111")).text // "4111 1111 1111 1111"
 */
export function readCardGroups(input: NormalisedText): NormalisedText {
  if (!/\d{4}[,+;xX×]\d{4}/.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(fourByFour)) {
    for (let offset = 4; offset < match[0].length; offset += 5) edits.push({ start: match.index + offset, end: match.index + offset + 1, by: " " });
  }
  return rewrite(input, edits);
}

/**
 * Letters drawn like digits: "O" and "o" for 0, "l", "I" and "|" for 1, "B" for 8 and "S" for 5 (what an OCR pass
 * misreads in a scanned form: "8B5l 1S70"), and the Cyrillic and Greek round letters,
 * "З" and "Б" that an OCR pass or a copy from a Cyrillic form leaves in a number ("O1З2", "Ο53"), and the Greek iota, the
 * Ukrainian "і" and the Cyrillic "Ч" typed for 1 and 4 ("Ч558 Ο7ЗΟ").
 */
export const lookAlikeDigits: Record<string, string> = {
  O: "0", o: "0", l: "1", I: "1", B: "8", S: "5", О: "0", о: "0", Ο: "0", ο: "0", З: "3", з: "3", Б: "6", б: "6", Ι: "1", ι: "1", І: "1", і: "1", Ч: "4", ч: "4",
  // The rest of the common digit look-alikes (Unicode's confusables and keyboard habits): Z 2, Ʒ 3, G b 6, Ȣ 8, g q 9, ӏ 1, Ѕ 5.
  Z: "2", Ʒ: "3", ʒ: "3", G: "6", b: "6", Ȣ: "8", ȣ: "8", g: "9", q: "9", ӏ: "1", Ӏ: "1", Ѕ: "5", ѕ: "5",
  // A slashed zero and a bar, typed for 0 and 1 on a typewriter or a phone keyboard: read only under a label (pii-typed-digits.ts).
  Ø: "0", ø: "0", "|": "1",
};
const groupPattern = /(?<![\p{L}\d])[\dOolIBSОоΟοЗзБбΙιІіЧчZƷʒGbȢȣgqӏӀЅѕ]+(?![\p{L}\d])/gu;
/** A group of Cyrillic and Greek look-alikes only that mixes the two scripts ("ЗΙЧΙ"): no word of either language does. */
const mixedLookAlikes = /^(?=.*\p{Script=Cyrillic})(?=.*\p{Script=Greek})[ОоΟοЗзБбΙιІіЧч]{2,}$/u;
/** One upper-case Greek or Cyrillic look-alike standing alone after a group of digits (an IBAN's last character, "… 8бЗP Ι"). */
const loneLookAlike = /^[ΟЗБΙІЧ]$/u;
const digitGroup = /^\d+$/;

/**
 * Reads, in one code, each look-alike joined to a digit through other look-alikes ("8бЗP": б, then З): one sweep each
 * way, so a chain of any length costs its length.
 */
function readTouchingDigits(code: string): string {
  const chars = [...code];
  const read = (index: number, neighbour: number) => {
    const digit = lookAlikeDigits[chars[index] ?? ""];
    if (digit !== undefined && !/[A-Za-z]/.test(chars[index] ?? "") && /\d/.test(chars[neighbour] ?? "")) chars[index] = digit;
  };
  for (let index = 1; index < chars.length; index += 1) read(index, index - 1);
  for (let index = chars.length - 2; index >= 0; index -= 1) read(index, index + 1);
  return chars.join("");
}

/**
 * Inside a code of Latin capitals and digits (an IBAN's last group, a CURP), a Greek or Cyrillic letter drawn like a
 * digit and touching a digit is that digit: no Latin code holds a Cyrillic or Greek letter, a copy that swapped digits does.
 * One character for one, so the map back is unchanged.
 *
 * @example
 * readLookAlikesInCodes(text("8бЗP")).text // "863P"
 */
export function readLookAlikesInCodes(input: NormalisedText): NormalisedText {
  if (!/[ОΟЗБбΙІЧ]/u.test(input.text)) return input;
  // Whole runs of code characters, each tried once: a run without a Latin capital is left as it is.
  const text = input.text.replace(/[A-Z\dОΟЗБбΙІЧ]+/gu, (code) => (/[A-Z]/.test(code) && /\d/.test(code) && /[ОΟЗБбΙІЧ]/u.test(code) ? readTouchingDigits(code) : code));
  return { ...input, text };
}

/**
 * Reads look-alike letters as digits inside a digit group ("5l2O 4471", "4O8-l2-6639", "O2O 7946"): a group of
 * digits and such letters only, with a digit in it, next to (one separator away from) another group of digits.
 *
 * @example
 * readHomoglyphDigits(text("5l2O 4471")).text // "5120 4471"
 */
export function readHomoglyphDigits(input: NormalisedText): NormalisedText {
  if (!/\d/.test(input.text)) return input;
  const groups = [...input.text.matchAll(groupPattern)];
  const edits: Edit[] = [];
  groups.forEach((group, index) => {
    const value = group[0];
    const lone = loneLookAlike.test(value) && /\d[\p{L}\d]*[ .\/_-]{1,2}$/u.test(input.text.slice(Math.max(0, group.index - 40), group.index));
    if (lone) edits.push({ start: group.index, end: group.index + 1, by: lookAlikeDigits[value] ?? value });
    const drawn = mixedLookAlikes.test(value);
    // Two capitals then digits is a code's own letters (an IBAN's country, "SI79 5629 …"), not a misread number.
    if (digitGroup.test(value) || (!/\d/.test(value) && !drawn) || (value.length < 2 && !drawn) || /^[A-Z]{2}\d/.test(value)) return;
    const near = (other: RegExpMatchArray | undefined, gap: (other: RegExpMatchArray) => string) => other !== undefined && (/\d/.test(other[0]) || mixedLookAlikes.test(other[0])) && /^[ .\/_-]{1,2}$/.test(gap(other));
    const previous = groups[index - 1];
    // The group after an IBAN's head is its bank code, letters where the country puts them ("SM87 B935 …": a CIN
    // letter); only where the account is digits only is a letter there a misread digit.
    const ibanHead = /^[A-Z]/.test(value) ? /(?<![\p{L}\d])([A-Z]{2})\d{2}[ .\/_-]{1,2}$/u.exec(input.text.slice(Math.max(0, group.index - 7), group.index)) : null;
    if (ibanHead !== null && !numericAccounts.has(ibanHead[1] ?? "")) return;
    const next = groups[index + 1];
    const neighbour = near(previous, (other) => input.text.slice((other.index ?? 0) + other[0].length, group.index)) || near(next, (other) => input.text.slice(group.index + value.length, other.index));
    if (!neighbour) return;
    edits.push({ start: group.index, end: group.index + value.length, by: [...value].map((char) => lookAlikeDigits[char] ?? char).join("") });
  });
  // Each edit replaces a group by one of the same length: rewrite's per-character spans stay exact enough.
  return rewrite(input, edits);
}

/**
 * Six or more single characters with one space between each: "A T 6 1 1 9 ...", "e m m a . w @ b t . c o m". Around
 * an "@" the gap may be wider ("t o m   @   g m x . d e"): the sign is set apart, the address goes on. A record's quotes,
 * brackets or "=" may stand right around it (`"mail": "t o m @ …"`).
 */
const spacedCharacters = /(?<![^\s"'(\[{<:=])(?:[\p{L}\d._+-](?: | {1,3}(?=@ ))|@ {1,3}){5,}[\p{L}\d.@_+-](?![^\s"')\]}>,;])/gu;

/**
 * Closes up text spelled out one character at a time, keeping one space where letters meet digits, so
 * "A T 6 1 1 9" reads "AT 6119", "c a r d 4 1 1 1" reads "card 4111" and "e m m a @ b t . c o m" an address. A run
 * holding an "@" is one address: its letters and digits close up too ("n 9 2 @ …" is "n92@…").
 *
 * @example
 * closeSpacedCharacters(text("A T 6 1 1 9")).text // "AT 6119"
 */
export function closeSpacedCharacters(input: NormalisedText): NormalisedText {
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(spacedCharacters)) {
    if (!/[\p{L}\d]/u.test(match[0])) continue;
    const address = match[0].includes("@");
    for (const gap of match[0].matchAll(/ +/g)) {
      const position = match.index + gap.index;
      const left = input.text[position - 1] ?? "";
      const right = input.text[position + gap[0].length] ?? "";
      if (address || /\d/.test(left) === /\d/.test(right) || /[.@_+-]/.test(left) || /[.@_+-]/.test(right)) edits.push({ start: position, end: position + gap[0].length, by: "" });
    }
  }
  return rewrite(input, edits);
}

/** Chinese and Japanese numerals: plain, the "幺" and "两" of read-out phone numbers, and the financial forms. */
const cjkDigits: Record<string, string> = {
  〇: "0", 零: "0", 洞: "0", 一: "1", 幺: "1", 壹: "1", 二: "2", 两: "2", 兩: "2", 贰: "2", 貳: "2", 三: "3", 叁: "3", 參: "3", 四: "4", 肆: "4",
  五: "5", 伍: "5", 六: "6", 陆: "6", 陸: "6", 七: "7", 柒: "7", 八: "8", 捌: "8", 九: "9", 玖: "9",
};
/** Korean (Sino-Korean) digit syllables, as a phone number is read out: "공일공-일이삼사-…". */
const hangulDigits: Record<string, string> = { 공: "0", 영: "0", 일: "1", 이: "2", 삼: "3", 사: "4", 오: "5", 육: "6", 륙: "6", 칠: "7", 팔: "8", 구: "9" };
const cjkClass = `[${Object.keys(cjkDigits).join("")}]`;
const hangulClass = `[${Object.keys(hangulDigits).join("")}]`;
/** A token written only in CJK or Korean digit characters ("공일공", "幺三九"): the stream checker holds it back. */
export const numeralToken = new RegExp(`^(?:${cjkClass}|${hangulClass}|[-ー・の])+$`, "u");
/** Groups of numerals joined by dashes, spaces, slashes or "の" ("〇九〇の一二三四の五六七八", a birth number's "伍伍伍陆壹陆/贰叁壹伍"). */
const cjkNumber = new RegExp(`${cjkClass}+(?:[-ー\\s・の/]${cjkClass}+)*`, "gu");
/** Groups of Korean digit syllables, not inside a longer Korean word ("이사" and "사이" are words, "공일공" a number). */
const hangulNumber = new RegExp(`(?<![\\uAC00-\\uD7A3])${hangulClass}+(?:[-\\s.]${hangulClass}+)*(?![\\uAC00-\\uD7A3])`, "gu");

/**
 * Reads Chinese, Japanese and Korean numerals written digit by digit as digits, when there are seven or more of
 * them in one number (a phone or card number; "一緒", a date or a Korean word stays as written). A Korean number
 * needs a group of three syllables or more: two-syllable words made of digit syllables are common.
 *
 * @example
 * readCjkNumerals(text("〇八〇の九八七六の五四三二")).text // "080-9876-5432"
 */
export function readCjkNumerals(input: NormalisedText): NormalisedText {
  const cjk = /[〇零洞一幺壹二两兩贰貳三叁參四肆五伍六陆陸七柒八捌九玖]/.test(input.text);
  const hangul = /[공영일이삼사오육륙칠팔구]/.test(input.text);
  if (!cjk && !hangul) return input;
  const edits: Edit[] = [];
  const read = (pattern: RegExp, table: Record<string, string>, groupMinimum: number) => {
    for (const match of input.text.matchAll(pattern)) {
      const numerals = [...match[0]].filter((char) => table[char] !== undefined);
      const longest = Math.max(...match[0].split(/[-ー\s・の.\/]/).map((group) => group.length));
      if (numerals.length < 7 || longest < groupMinimum) continue;
      [...match[0]].forEach((char, offset) => {
        const digit = table[char];
        const by = digit ?? (char === "の" || char === "ー" ? "-" : char);
        if (by !== char) edits.push({ start: match.index + offset, end: match.index + offset + 1, by });
      });
    }
  };
  if (cjk) read(cjkNumber, cjkDigits, 1);
  if (hangul) read(hangulNumber, hangulDigits, 3);
  edits.sort((left, right) => left.start - right.start);
  return rewrite(input, edits);
}
