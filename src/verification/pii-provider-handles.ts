/**
 * Addresses given by their mail provider's name instead of a domain: "my gmail is jane.doe1984", "meine GMX-Adresse:
 * k.weber77", "jane.doe84 at gmail" (no "dot com": the provider says it). The provider's name stands for the domain,
 * so the handle is the personal part. A handle must look like one (`handleLike`): "my gmail is full", "Outlook is
 * 2.3 GB" and "meet me at gmail" are prose.
 */
import { spokenAts } from "./pii-number-words.ts";

/** Webmail providers whose name alone says the domain; none is a common word in the languages read. */
const providers = "gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|aol|gmx|protonmail|proton|yandex|libero|wanadoo|laposte|seznam|interia|naver|hanmail|rediffmail";
const handle = String.raw`[\p{L}\d](?:[\p{L}\d._+-]*[\p{L}\d])?`;
/**
 * A handle read with spoken dots ("tom dot reilly 77", "ana punto ruiz"), a number after its last part allowed: the
 * spoken dot makes it a handle, as a written one does. Only before the provider's name (`providerLast`, `providerAfterWord`).
 */
const spokenHandle = String.raw`${handle}(?:\s+(?:dot|punkt|point|punto|ponto|kropka|nokta|tečka|pont|piste)\s+${handle}){1,3}(?:\s+\d{1,4})?`;
const ats = spokenAts.filter((phrase) => !phrase.includes(" ")).join("|");
/** "gmail (address|account|id) is|:|= <handle>", in the languages' copulas. */
const providerFirst = new RegExp(String.raw`(?<![\p{L}\d])(?:${providers})(?:[\s-]*(?:address|account|addy|id|adresse|konto|cuenta|correo|compte|indirizzo|conta))?\s*(?:is|es|ist|est|c'est|è|é|är|er|jest|:|=)\s+(${handle})`, "giu");
/** "<handle> at|@|arroba gmail", with no domain ending after it (that address is the email recogniser's). */
const providerLast = new RegExp(String.raw`(?<![\p{L}\d._+-])(${spokenHandle}|${handle})\s*(?:@|\s(?:${ats})\s)\s*(?:${providers})(?![\p{L}\d]|\s*(?:\.|\s(?:dot|punkt|point|punto|ponto|kropka|nokta|tečka)\s)\s*\p{L})`, "giu");
/**
 * "<handle> on|by|fuq gmail", "@jess_runs, at gmail": a short word of any language (a preposition: 2 to 4 letters)
 * between a handle and its provider's name, a comma allowed before it. The provider's name is what says "address" here,
 * so a domain ending after it ("… fuq gmail dot com") changes nothing.
 */
const providerAfterWord = new RegExp(String.raw`(?<![\p{L}\d._+-])(${spokenHandle}|${handle}),?\s+\p{L}{2,4}\s+(?:${providers})(?![\p{L}\d])`, "giu");
/**
 * A handle as people choose one: starts with a letter, has two letters together and a dot, underscore or digit ("Outlook
 * is 2.3 GB" has none), or is read with spoken dots (only `spokenHandle` matches a value with a space).
 */
const handleLike = /^(?=\p{L})(?=.*\p{L}{2})(?=.*[._\d]|\S+\s)/u;
const anyProvider = new RegExp(providers, "i");

/**
 * Spans (normalised text) of handles named with their provider instead of a domain.
 *
 * @example
 * providerHandleSpans("my gmail is jane.doe1984") // [[12, 24]]
 */
export function providerHandleSpans(text: string): Array<[number, number]> {
  if (!anyProvider.test(text)) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(providerFirst)) {
    const value = match[1] ?? "";
    if (!handleLike.test(value) || value.includes("@")) continue;
    const start = match.index + match[0].length - value.length;
    spans.push([start, start + value.length]);
  }
  for (const pattern of [providerLast, providerAfterWord]) {
    for (const match of text.matchAll(pattern)) {
      if (handleLike.test(match[1] ?? "") && !spans.some(([start]) => start === match.index)) spans.push([match.index, match.index + match[0].length]);
    }
  }
  return spans;
}
