/**
 * A card number written as its network prints it. A label before a number is free text: a caller (or a model steered
 * by one) can write "order", "sample" or "ticket" before a live card as easily as before an order number. The layout
 * and the checks are the value's own: sixteen digits in fours with a Visa or Mastercard range and a Luhn digit are
 * what a card says about itself, and no label before them changes that. An unbroken run of digits has no layout, and
 * ticket, order and tracking systems print those every day (one in ten passes Luhn): there the label still decides.
 */
import { luhnValid } from "./pii-checksums.ts";
import { regionalPrintedNetwork } from "./pii-regional-card-networks.ts";

/** One network's ranges (inclusive prefixes of any length), its lengths and the groupings it prints them in. */
interface Network {
  name: string;
  ranges: Array<[from: string, to: string]>;
  /** Group sizes: "4,4,4,4" is sixteen digits in fours, "4,6,5" Amex's fifteen. */
  layouts: readonly string[];
  /** The number lengths the network issues: a number in fours (below) is read at these lengths only. */
  lengths: readonly number[];
}

/**
 * The networks' IIN ranges (ISO/IEC 7812 registrations as the networks publish them) and printed layouts. Narrower than
 * `cardIssuerValid` (pii-checksums.ts), which also reads unbroken runs: only a number in one of these is a card by form.
 */
const networks: readonly Network[] = [
  { name: "Visa", ranges: [["4", "4"]], layouts: ["4,4,4,4", "4,4,4,4,3"], lengths: [13, 16, 19] },
  { name: "Mastercard", ranges: [["51", "55"], ["2221", "2720"]], layouts: ["4,4,4,4"], lengths: [16] },
  { name: "American Express", ranges: [["34", "34"], ["37", "37"]], layouts: ["4,6,5"], lengths: [15] },
  { name: "Diners Club", ranges: [["300", "305"], ["3095", "3095"], ["36", "36"], ["38", "39"]], layouts: ["4,6,4", "4,4,4,4"], lengths: [14, 16] },
  { name: "Discover", ranges: [["6011", "6011"], ["644", "649"], ["65", "65"]], layouts: ["4,4,4,4", "4,4,4,4,3"], lengths: [16, 19] },
  { name: "JCB", ranges: [["3528", "3589"]], layouts: ["4,4,4,4", "4,4,4,4,3"], lengths: [16, 19] },
  { name: "UnionPay", ranges: [["62", "62"]], layouts: ["4,4,4,4", "4,4,4,4,3"], lengths: [16, 19] },
  { name: "Maestro", ranges: [["5018", "5018"], ["5020", "5020"], ["5038", "5038"], ["5893", "5893"], ["6304", "6304"], ["6759", "6759"], ["6761", "6763"]], layouts: ["4,4,4,4", "4,4,4,4,3"], lengths: [16, 19] },
  { name: "Mir", ranges: [["2200", "2204"]], layouts: ["4,4,4,4", "4,4,4,4,3"], lengths: [16, 19] },
  { name: "RuPay", ranges: [["508500", "508999"], ["606985", "607984"], ["608001", "608500"]], layouts: ["4,4,4,4"], lengths: [16] },
];

/**
 * "3782 8224 6310 005", "4222 2222 2222 2": a number copied off a card by a person is chunked in fours whatever its
 * network prints, the last group short. That is the card's own digits in a card's rhythm, not a label a caller chose,
 * so it counts as a layout at any length the network issues (Amex's 15, a 13-digit Visa, a 14-digit Diners).
 */
function inFours(sizes: readonly number[]): boolean {
  return sizes.length >= 3 && sizes.slice(0, -1).every((size) => size === 4) && (sizes.at(-1) ?? 0) >= 1 && (sizes.at(-1) ?? 0) <= 4;
}

function inRange(digits: string, [from, to]: [string, string]): boolean {
  const prefix = Number(digits.slice(0, from.length));
  return prefix >= Number(from) && prefix <= Number(to);
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
  return networks.find((network) => (network.layouts.includes(layout) || (fours && network.lengths.includes(digits.length))) && network.ranges.some((range) => inRange(digits, range)))?.name ?? regionalPrintedNetwork(layout, digits);
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
