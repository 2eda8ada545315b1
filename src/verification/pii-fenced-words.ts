/**
 * A spoken address whose words are fenced by a symbol instead of spaces: "tina.v 🔸 at 🔸 fastmail 🔸 com",
 * "ana.ribeiro·arroba·sapo·ponto·pt", "hugo | kukac | wp | pont | pl". The same fence on both sides of a spoken "@"
 * is as deliberate as brackets around it, so it is read as brackets: "tina.v(at)fastmail.com",
 * "ana.ribeiro(arroba)sapo(ponto)pt"; the email recogniser then decides (a handle, a real top-level domain).
 * A normaliser stage: it keeps the map back to the original text.
 */
import type { NormalisedText } from "./pii-normalised-text.ts";
import { spokenAts, spokenDots } from "./pii-spoken-email-words.ts";
import { rewrite, type Edit } from "./pii-separators.ts";

const alternation = (words: readonly string[]) => [...words].sort((left, right) => right.length - left.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, String.raw`\s`)).join("|");
const atWords = alternation(spokenAts);
/** One or two symbols that are no letter, digit, space, handle character, bracket, quote or list punctuation. */
const fence = String.raw`[^\p{L}\p{N}\s_@()[\]{}<>"'\x60,;:+%-]{1,2}`;
/**
 * A handle, a fence, a spoken "@", the same fence, then up to six labels or spoken dots joined by that fence.
 * The handle starts where a handle can start, so a long run of letters is not retried from every position.
 */
const fencedAddress = new RegExp(
  String.raw`(?<![\p{L}\d._%+-])(?<handle>[\p{L}\d._%+-]*[\p{L}\d])(?=\s?(?<fence>${fence})\s?(?:${atWords})\s?\k<fence>)(?:\s?\k<fence>\s?[\p{L}\d-]+){2,7}`,
  "giu",
);
/** A fence touching a spoken "@" on both sides: without one nothing here can match. */
const mayHold = new RegExp(String.raw`[^\p{L}\p{N}\s]\s?(?:${atWords})\s?[^\p{L}\p{N}\s]`, "iu");
const spokenAt = new RegExp(String.raw`^(?:${atWords})$`, "iu");
const spokenDot = new RegExp(String.raw`^(?:${alternation(spokenDots)})$`, "iu");

/**
 * Reads the fences of a fenced spoken address: around a spoken "@" or "." they are brackets, between two other
 * words a dot.
 *
 * @example
 * readFencedConnectors(text("ana.ribeiro·arroba·sapo·ponto·pt")).text // "ana.ribeiro(arroba)sapo(ponto)pt" (after NFKC: "·" is ".")
 */
export function readFencedConnectors(input: NormalisedText): NormalisedText {
  if (!mayHold.test(input.text)) return input;
  const edits: Edit[] = [];
  fencedAddress.lastIndex = 0;
  for (let match = fencedAddress.exec(input.text); match !== null; match = fencedAddress.exec(input.text)) {
    // After the handle (which may hold the fence itself: "ana.ribeiro·arroba·…" reads "ana.ribeiro.arroba.…").
    const from = match.index + (match.groups?.handle ?? "").length;
    const chain = match[0].slice(from - match.index);
    const symbol = (match.groups?.fence ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const parts = [...chain.matchAll(new RegExp(String.raw`\s?${symbol}\s?`, "gu"))];
    const words = ["", ...chain.split(new RegExp(String.raw`\s?${symbol}\s?`, "u")).slice(1)];
    // A fence between two plain words is a dot only by guess: "see you · at · 5 · pm" is prose. Without a spoken
    // dot in the chain, the handle must look like one (a dot, underscore or digit in it: "tina.v", "noah_k").
    if (!words.some((word) => spokenDot.test(word)) && !/[._\d]/.test(match.groups?.handle ?? "")) continue;
    parts.forEach((part, index) => {
      const left = words[index] ?? "";
      const right = words[index + 1] ?? "";
      const spoken = (word: string) => spokenAt.test(word) || spokenDot.test(word);
      const by = spoken(right) ? "(" : spoken(left) ? ")" : ".";
      edits.push({ start: from + part.index, end: from + part.index + part[0].length, by });
    });
  }
  return rewrite(input, edits);
}

/** The spoken "@" and "." of scripts written without spaces ("艾特", "アットマーク", "골뱅이", "ドット", "닷", "จุด"). */
const unspaced = (words: readonly string[]) => alternation(words.filter((word) => /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}ー]+$/u.test(word)));
const unspacedAt = unspaced(spokenAts);
const unspacedDot = unspaced(spokenDots);
/**
 * A Latin handle, a spoken "@" of such a script, and Latin labels joined by its spoken "." or a dot, with nothing
 * between them: "wangfang1988艾特163点com", "kenji_moriアットマークposteoドットde". Written so, the words are as
 * deliberate as brackets.
 */
const unspacedAddress = new RegExp(String.raw`(?<![A-Za-z\d._%+-])[A-Za-z\d._%+-]*[A-Za-z\d](?:${unspacedAt})[A-Za-z\d-]+(?:(?:${unspacedDot}|\.)[A-Za-z\d-]+)*(?:${unspacedDot})[A-Za-z]{2,24}(?![A-Za-z\d])`, "gu");
const unspacedWord = new RegExp(`${unspacedAt}|${unspacedDot}`, "gu");
const mayHoldUnspaced = new RegExp(`[A-Za-z\\d](?:${unspacedAt})[A-Za-z\\d]`, "u");

/**
 * Reads the spoken "@" and "." of a script written without spaces as bracketed words when they join the Latin parts
 * of an address: "ann艾特example点com" reads "ann(艾特)example(点)com", which the email recogniser takes.
 *
 * @example
 * readUnspacedConnectors(text("邮箱wangfang1988艾特163点com")).text // "邮箱 wangfang1988(艾特)163(点)com "
 */
export function readUnspacedConnectors(input: NormalisedText): NormalisedText {
  if (!mayHoldUnspaced.test(input.text)) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(unspacedAddress)) {
    const end = match.index + match[0].length;
    // The sentence's own words touch the address too ("メールはann…deです"): a space sets it apart from them.
    edits.push({ start: match.index, end: match.index + 1, by: ` ${match[0][0] ?? ""}` });
    for (const word of match[0].matchAll(unspacedWord)) edits.push({ start: match.index + word.index, end: match.index + word.index + word[0].length, by: `(${word[0]})` });
    edits.push({ start: end - 1, end, by: `${match[0].at(-1) ?? ""} ` });
  }
  return rewrite(input, edits);
}
