/**
 * Domestic and airline card networks beside the global ones of pii-checksums.ts and pii-card-layout.ts: RuPay's
 * 81 and 82 series (India), Troy (Turkey), Dankort (Denmark), UATP (airlines), Elo (Brazil), Verve (Nigeria). IIN
 * ranges and lengths as the networks publish them; every one uses a Luhn digit, checked by the caller.
 */

/** One network: its IIN ranges (inclusive prefixes of one length), its lengths, and the groupings it prints. */
interface RegionalNetwork {
  name: string;
  ranges: Array<[from: string, to: string]>;
  lengths: readonly number[];
  layouts: readonly string[];
}

const sixteen = ["4,4,4,4"];

export const regionalNetworks: readonly RegionalNetwork[] = [
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
];

function inRange(digits: string, [from, to]: [string, string]): boolean {
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
  return regionalNetworks.find((network) => network.lengths.includes(digits.length) && network.ranges.some((range) => inRange(digits, range)))?.name;
}

/**
 * The regional network a number printed in groups belongs to, if its grouping is one that network prints.
 *
 * @example
 * regionalPrintedNetwork("4,4,4,4", "5019000000000016") // "Dankort"
 */
export function regionalPrintedNetwork(layout: string, digits: string): string | undefined {
  const name = regionalCardNetwork(digits);
  return regionalNetworks.find((network) => network.name === name && network.layouts.includes(layout))?.name;
}

/** Card cue stems (pii-cues.ts conventions) naming these networks. */
export const regionalCardCueStems = "^rupay ^troy$ ^dankort ^uatp$ ^elo$ ^verve$";
