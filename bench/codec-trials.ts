import fc from "fast-check";
import { OUTPUT_MODES, type OutputMode } from "../src/output-modes/index.ts";
import { codecPairs } from "../test/fixtures/output-modes/codec-pairs.ts";
import { roundTrip } from "../test/fixtures/output-modes/codec-round-trip.ts";

/** How each mode fared on the generated pairs: exact, refused up front, silently corrupted, failed loudly. */
export type CodecTally = Record<OutputMode, { pairs: number; exact: number; refused: number; corrupted: number; failed: number; example?: string }>;

/**
 * Round-trips `count` generated (schema, value) pairs through every mode (the same pairs for each), seeded so
 * a run repeats. A corruption is an answer that structured successfully into a different value.
 */
export function codecTrials(count: number, seed = 20261206): CodecTally {
  const pairs = fc.sample(codecPairs(), { numRuns: count, seed });
  const tally = Object.fromEntries(OUTPUT_MODES.map((mode) => [mode, { pairs: 0, exact: 0, refused: 0, corrupted: 0, failed: 0 }])) as CodecTally;
  for (const mode of OUTPUT_MODES) {
    const row = tally[mode];
    for (const pair of pairs) {
      const outcome = roundTrip(mode, pair.schema, pair.value);
      row.pairs += 1;
      row[outcome.kind] += 1;
      if ((outcome.kind === "corrupted" || outcome.kind === "failed") && row.example === undefined) row.example = `${pair.shape}: ${JSON.stringify(outcome).slice(0, 300)}`;
    }
  }
  return tally;
}
