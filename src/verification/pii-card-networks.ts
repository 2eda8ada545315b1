/**
 * Card networks by IIN range, length and printed grouping: the global ones, and the domestic and airline networks
 * beside them (RuPay's 81 and 82 series, Troy, Dankort, UATP, Elo, Verve), as the networks publish them. Every one
 * uses a Luhn digit, checked by the caller. pii-card-layout.ts reads printed numbers against this table;
 * `cardIssuerValid` (pii-checksums.ts) reads unbroken runs with its own wider rules plus the domestic rows.
 */

/** One network's ranges (inclusive prefixes of any length), its lengths and the groupings it prints them in. */
export interface CardNetwork {
  name: string;
  ranges: Array<[from: string, to: string]>;
  /** Group sizes: "4,4,4,4" is sixteen digits in fours, "4,6,5" Amex's fifteen. */
  layouts: readonly string[];
  /** The number lengths the network issues: a number in fours is read at these lengths only. */
  lengths: readonly number[];
  /** Whether a number copied in fours at one of its lengths counts as printed (pii-card-layout.ts `inFours`). */
  copiedInFours: boolean;
}

/**
 * The global networks' IIN ranges (ISO/IEC 7812 registrations as the networks publish them) and printed layouts.
 * Narrower than `cardIssuerValid` (pii-checksums.ts), which also reads unbroken runs: only a number in one of these
 * (or the domestic rows below) is a card by form.
 */
const globalNetworks: readonly CardNetwork[] = (
  [
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
  ] as Array<Omit<CardNetwork, "copiedInFours">>
).map((network) => ({ ...network, copiedInFours: true }));

const sixteen = ["4,4,4,4"];

/** Domestic and airline networks: read in their printed groupings only, never copied in fours. */
const regionalNetworks: readonly CardNetwork[] = (
  [
    { name: "RuPay", ranges: [["81", "82"], ["6521", "6522"]], lengths: [16], layouts: sixteen },
    { name: "Troy", ranges: [["9792", "9792"]], lengths: [16], layouts: sixteen },
    { name: "Dankort", ranges: [["5019", "5019"]], lengths: [16], layouts: sixteen },
    // UATP: airline accounts, fifteen digits from a 1, printed 4-5-6.
    { name: "UATP", ranges: [["1", "1"]], lengths: [15], layouts: ["4,5,6"] },
    {
      name: "Elo",
      ranges: [
        ["401178", "401179"], ["431274", "431274"], ["438935", "438935"], ["451416", "451416"], ["457393", "457393"], ["457631", "457632"], ["504175", "504175"],
        ["506699", "506778"], ["509000", "509999"], ["627780", "627780"], ["636297", "636297"], ["636368", "636368"], ["650031", "650033"], ["650035", "650051"],
        ["650405", "650439"], ["650485", "650538"], ["650541", "650598"], ["650700", "650718"], ["650720", "650727"], ["650901", "650978"], ["651652", "651679"],
        ["655000", "655019"], ["655021", "655058"],
      ],
      lengths: [16],
      layouts: sixteen,
    },
    { name: "Verve", ranges: [["506099", "506198"], ["650002", "650027"]], lengths: [16, 18, 19], layouts: [...sixteen, "4,4,4,4,2", "4,4,4,4,3"] },
  ] as Array<Omit<CardNetwork, "copiedInFours">>
).map((network) => ({ ...network, copiedInFours: false }));

/** Every network a printed number is read against, the global ones first (the first match names it). */
export const printedNetworks: readonly CardNetwork[] = [...globalNetworks, ...regionalNetworks];

/** Whether the number's prefix of the range's length lies in the range. */
export function inIinRange(digits: string, [from, to]: [string, string]): boolean {
  const prefix = Number(digits.slice(0, from.length));
  return prefix >= Number(from) && prefix <= Number(to);
}

/**
 * The regional network whose range and length a run of digits has (its Luhn digit is the caller's to check).
 *
 * @example
 * regionalCardNetwork("9792000000000011") // "Troy"
 */
export function regionalCardNetwork(digits: string): string | undefined {
  return regionalNetworks.find((network) => network.lengths.includes(digits.length) && network.ranges.some((range) => inIinRange(digits, range)))?.name;
}

/** Card cue stems (pii-cues.ts conventions) naming these networks. */
export const regionalCardCueStems = "^rupay ^troy$ ^dankort ^uatp$ ^elo$ ^verve$";
