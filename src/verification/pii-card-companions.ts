import { cardIssuerValid, luhnValid } from "./pii-checksums.ts";

/**
 * What comes with a real card: a security code or an expiry date written after the number. A caller (or a model
 * steered by one) can put "order", "sample" or another id's label before a live card, and those labels excuse a
 * number; one that passes Luhn and an issuer range and carries its CVV or expiry is a card whatever word stands
 * before it. Published test cards stay specimens (pii-specimens.ts). Read on a bounded slice: linear.
 */
const securityCode = /^[^\n]{0,80}?\b(?:cvv2?|cvc2?|cid|csc|security code|card verification(?: code| value)?|kartenprüfnummer|prüfziffer|cryptogramme|código de seguridad|codice di sicurezza)\b\W{0,4}\d{3,4}(?!\d)/iu;
const expiry = /^[^\n]{0,80}?\b(?:exp(?:iry|ires|iration)?(?: date)?|valid (?:thru|through|until)|gültig bis|ablauf(?:datum)?|vence|vencimiento|scadenza|date d'expiration)\b\.?\W{0,4}(?:0[1-9]|1[0-2]) ?[/-] ?(?:\d{2}|20\d{2})(?!\d)/iu;

/** How far after a card-shaped number its companion is looked for (characters); a stream holds the number that long. */
export const companionReach = 140;

/**
 * Whether a security code or an expiry date follows a card-shaped number ending at `end`.
 *
 * @example
 * cardCompanionAfter("order 4539 1488 0343 6467, cvv 123", 25) // true
 * cardCompanionAfter("order 4539 1488 0343 6467 shipped", 25) // false
 */
export function cardCompanionAfter(text: string, end: number): boolean {
  const after = text.slice(end, end + companionReach);
  return securityCode.test(after) || expiry.test(after);
}

/**
 * Where the first card-shaped number (13–19 digits, Luhn and an issuer range) starts whose companion could still
 * arrive: fewer than `companionReach` characters follow it. The buffer's length when there is none.
 *
 * @example
 * cardAwaitingCompanion("order 4539 1488 0343 6467 — ") // 6
 */
export function cardAwaitingCompanion(buffer: string): number {
  for (const match of buffer.matchAll(/\d(?:[ -]?\d){12,18}(?!\d)/g)) {
    if (buffer.length - (match.index + match[0].length) >= companionReach) continue;
    const digits = match[0].replace(/\D/g, "");
    if (luhnValid(digits) && cardIssuerValid(digits)) return match.index;
  }
  return buffer.length;
}
