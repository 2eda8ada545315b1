/**
 * The digit-run recogniser: a run of digits joined by separators is one candidate, classified by its structure
 * (checksums, lengths, grouping) and the label before it (an order number, a version or a phone).
 */
import { brazilianCpfValid, cardIssuerValid, frenchNirValid, germanTaxIdValid, luhnValid } from "./pii-checksums.ts";
import { cardCompanionAfter } from "./pii-card-companions.ts";
import { printedCard } from "./pii-card-layout.ts";
import { labelBefore, type LabelKind } from "./pii-context.ts";

/** What a run of digits can be. */
export type DigitKind = "payment_card" | "ip_address" | "national_id" | "phone";

/**
 * A run of digits joined by separators (space, dot, slash, dash, underscore, brackets, a line break), so
 * "0176 123 45 67", "4111.1111.1111.1111", "+49 151\n2345 6789" and spaced "0 1 7 6 ..." are one candidate. A letter of a
 * script written with spaces ends a run; kana, hanzi or Arabic letters may touch it ("携帯は080-9876-5432です"). A run
 * starts after no "++": "+++…+++" fences a Belgian payment reference (a typed "++49 …" still reads as "+49 …"). A run
 * may start right after a URL's "://" (the host of "hxxp://185[.]220[.]101[.]4/gate"), and after a click-to-chat link's
 * host ("wa.me/4917…", "t.me/+4917…"), whose path is a phone number.
 */
export const digitRun = /(?:(?<=:\/\/|\b(?:wa|t)\.me\/)|(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\d.\/_-]|\d[ .\/_-]|\+\+))(?:\+\s?|\(\s?)?\d(?:(?:[ .\/()_-]{1,2}|\n|\s[-./]\s|\s?[[(](?:\.|dot)[\])]\s?|\s(?:[Dd]ot|[Pp]unkt|[Pp]oint|[Pp]unto)\s)?\d)*(?!-?[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]|\d)/gu;

const datePattern = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}(?::\d{2})?)?$/;

/** An order, invoice, ticket or part number label, or a version label, says the number is not personal data. */
export function labelAllows(label: LabelKind | undefined): boolean {
  return label !== "identifier" && label !== "version";
}

/**
 * A subnet mask ("255.255.255.0", "255.255.240.0"): ones then zeros, from a full first octet. It describes a
 * network's size, no host's address.
 */
function netmask(parts: readonly string[]): boolean {
  if (parts[0] !== "255") return false;
  const bits = parts.map((part) => Number(part).toString(2).padStart(8, "0")).join("");
  return /^1+0*$/.test(bits);
}

/** Loopback (127.0.0.0/8) and "this network" (0.0.0.0/8) addresses: every machine's own, so no one's in particular. */
function noOnesAddress(parts: readonly string[]): boolean {
  return parts[0] === "127" || Number(parts[0]) === 0;
}

/** One run's reading, with the label that decided it. */
function classifyRun(text: string, start: number, written: string): DigitKind | undefined {
  // A dot with a space on each side ("030 . 1234", a bullet read as a dot) is a dot.
  const run = written.replace(/\s\.\s/g, ".");
  // Defanged and spelled dots ("10[.]0", "10 dot 0") are dots.
  const dotted = run.replace(/\s?[[(](?:\.|dot)[\])]\s?|\s(?:dot|punkt|point|punto)\s/giu, ".");
  const ipShape = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(dotted);
  const fourGroups = /^\d{1,3}(?: \d{1,3}){3}$/.test(run);
  // Every reading but an IPv4 address needs eight digits or more: shorter runs are not worth a label lookup.
  if (!ipShape && !fourGroups && run.replace(/\D/g, "").length < 8) return undefined;
  const label = labelBefore(text, start);
  // "ip 10 0 0 1": four groups of at most three digits after an IP label.
  const spacedIp = label === "ip" && fourGroups;
  if (ipShape || spacedIp) {
    const parts = spacedIp ? run.split(" ") : dotted.split(".");
    const valid = parts.every((part) => Number(part) <= 255);
    return valid && !netmask(parts) && !noOnesAddress(parts) && labelAllows(label) ? "ip_address" : undefined;
  }
  if (dotted !== run) return undefined;
  // A decimal fraction with its digits grouped in threes or fives ("2.71828 18284 59045", "3.141 592 653"), as
  // mathematical constants and tables print them: one to three digits, a point, then groups of one size. No card,
  // phone or id is written so.
  if (/^\d{1,3}\.(?:\d{3}(?: \d{3})+|\d{5}(?: \d{5})+)$/.test(run)) return undefined;
  const digits = run.replace(/\D/g, "");
  // A number written with a leading "+" is dialled, never a card ("+44 (0)7911 123456" happens to pass Luhn).
  const cardLength = digits.length >= 13 && digits.length <= 19 && !run.startsWith("+");
  // An order or invoice label does not excuse a card that carries its security code or expiry (pii-card-companions.ts),
  // nor one printed in its network's layout (pii-card-layout.ts): a label is the caller's word, the layout the card's.
  if (cardLength && luhnValid(digits) && cardIssuerValid(digits) && (labelAllows(label) || printedCard(run) || cardCompanionAfter(text, start + written.length))) return "payment_card";
  if (label === "card" && cardLength && luhnValid(digits)) return "payment_card";
  if (digits.length === 9 && labelAllows(label)) {
    const ssn = /^(\d{3})([ .\/-]?)(\d{2})\2(\d{4})$/.exec(run);
    const plausible = ssn !== null && !/^(?:000|666|9)/.test(digits) && ssn[3] !== "00" && ssn[4] !== "0000";
    if (plausible && (ssn[2] !== "" || label === "national_id")) return "national_id";
  }
  if (digits.length === 15 && frenchNirValid(digits) && labelAllows(label)) return "national_id";
  if (digits.length === 11 && germanTaxIdValid(digits) && label === "national_id") return "national_id";
  // The CPF's own layout (123.456.789-09) with its two check digits needs no label.
  if (/^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(run) && brazilianCpfValid(digits) && labelAllows(label)) return "national_id";
  if (label === "national_id" && digits.length >= 8 && digits.length <= 15) return "national_id";
  // Eight digits are a phone in Denmark, Norway or Estonia: the scorer keeps one only under a direct phone label
  // (its own list, "my number" in any language, not only pii-context.ts's).
  if (digits.length < 8) return undefined;
  if (digits.length > 15 || !labelAllows(label) || datePattern.test(run)) return undefined;
  // Any other run of 9 to 15 digits may be a phone number: the context scorer (pii-score.ts) weighs its form
  // (a dialling prefix, a national or North-American layout, spelled digits) against the words around it.
  return "phone";
}

/**
 * What a run of digits is (card, IPv4, national id or phone), and where; a run over line breaks that is nothing
 * as a whole is read line by line (two phone numbers on two lines are two findings).
 *
 * @example
 * classifyDigits("call 0176 1234 5678", 5, "0176 1234 5678") // [{ kind: "phone", start: 5, end: 19 }]
 */
export function classifyDigits(text: string, start: number, run: string): Array<{ kind: DigitKind; start: number; end: number }> {
  const whole = classifyRun(text, start, run.replace(/\n/g, " "));
  if (whole !== undefined) return [{ kind: whole, start, end: start + run.length }];
  // A card's expiry written after it ("5206-7892-0465-7679 11/28") joins its run: the number is read without it.
  const expiry = /\s(?:0[1-9]|1[0-2])\/(?:\d{2}|20\d{2})$/.exec(run);
  if (expiry !== null) {
    const head = run.slice(0, expiry.index);
    if (classifyRun(text, start, head.replace(/\n/g, " ")) === "payment_card") return [{ kind: "payment_card", start, end: start + head.length }];
  }
  if (!run.includes("\n")) return [];
  let offset = start;
  const found: Array<{ kind: DigitKind; start: number; end: number }> = [];
  for (const line of run.split("\n")) {
    const kind = line === "" ? undefined : classifyRun(text, offset, line);
    if (kind !== undefined) found.push({ kind, start: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  return found;
}
