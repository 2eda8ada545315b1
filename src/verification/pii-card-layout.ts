/**
 * A card number written as its network prints it. A label before a number is free text: a caller (or a model steered
 * by one) can write "order", "sample" or "ticket" before a live card as easily as before an order number. The layout
 * and the checks are the value's own: sixteen digits in fours with a Visa or Mastercard range and a Luhn digit are
 * what a card says about itself, and no label before them changes that. An unbroken run of digits has no layout, and
 * ticket, order and tracking systems print those every day (one in ten passes Luhn): there the label still decides.
 */
import { luhnValid } from "./pii-checksums.ts";
import { printedNetworks, inIinRange } from "./pii-card-networks.ts";

/**
 * "3782 8224 6310 005", "4222 2222 2222 2": a number copied off a card by a person is chunked in fours whatever its
 * network prints, the last group short. That is the card's own digits in a card's rhythm, not a label a caller chose,
 * so it counts as a layout at any length the network issues (Amex's 15, a 13-digit Visa, a 14-digit Diners).
 */
function inFours(sizes: readonly number[]): boolean {
  return sizes.length >= 3 && sizes.slice(0, -1).every((size) => size === 4) && (sizes.at(-1) ?? 0) >= 1 && (sizes.at(-1) ?? 0) <= 4;
}

/**
 * The network whose printed layout a run of digits has (group sizes, IIN range, length) and whose Luhn digit holds.
 * The separators between groups may be any the digit-run recogniser joins: a caller chooses them as freely as a label.
 *
 * @example
 * printedCardNetwork("4539 1488 0343 6467") // "Visa"
 * printedCardNetwork("3782-822463-10005") // "American Express"
 * printedCardNetwork("3782 8224 6310 005") // "American Express": copied in fours
 * printedCardNetwork("4539148803436467") // undefined: no layout
 */
export function printedCardNetwork(run: string): string | undefined {
  const groups = run.split(/\D+/).filter((group) => group !== "");
  if (groups.length < 3) return undefined;
  const sizes = groups.map((group) => group.length);
  const layout = sizes.join(",");
  const digits = groups.join("");
  if (!luhnValid(digits)) return undefined;
  const fours = inFours(sizes);
  return printedNetworks.find((network) => (network.layouts.includes(layout) || (fours && network.copiedInFours && network.lengths.includes(digits.length))) && network.ranges.some((range) => inIinRange(digits, range)))?.name;
}

/**
 * Whether a run of digits is a card by its own form: printed in its network's layout, in its range, Luhn-valid.
 *
 * @example
 * printedCard("4539 1488 0343 6467") // true
 * printedCard("4539 1488 0343 6468") // false: Luhn fails
 */
export function printedCard(run: string): boolean {
  return printedCardNetwork(run) !== undefined;
}
