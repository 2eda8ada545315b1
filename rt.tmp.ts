import fc from "fast-check";
import { codecPairs } from "./test/fixtures/output-modes/codec-pairs.ts";
import { roundTrip } from "./test/fixtures/output-modes/codec-round-trip.ts";
const pairs = fc.sample(codecPairs(), { numRuns: 2000, seed: 1 });
for (const mode of ["emit", "compressed", "reconstruct"] as const) {
  const tally: Record<string, number> = {};
  const shown: Record<string, number> = {};
  for (const pair of pairs) {
    let outcome;
    try { outcome = roundTrip(mode, pair.schema, pair.value); } catch (e) { outcome = { kind: "threw", message: String(e) } as const; }
    tally[outcome.kind] = (tally[outcome.kind] ?? 0) + 1;
    if (outcome.kind !== "exact" && outcome.kind !== "refused" && (shown[outcome.kind] ?? 0) < 4) {
      shown[outcome.kind] = (shown[outcome.kind] ?? 0) + 1;
      console.log(mode, outcome.kind, pair.shape.slice(0, 200), JSON.stringify(pair.value).slice(0, 200), JSON.stringify(outcome).slice(0, 400));
    }
  }
  console.log(mode, tally);
}
