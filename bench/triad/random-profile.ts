import { defaultProfile, emulatorProviders, type EmulatorProfile, type FidelitySpec } from "../../src/emulators/index.ts";
import { OUTPUT_MODES } from "../../src/output-modes/protocol.ts";
import { seededRandom } from "../../src/workload/seeded-random.ts";

/**
 * A held-out triad profile drawn from a seed: the default profile's latencies and error mix, and per
 * backend and mode its own structural faults (wrong values up to 12 %, missing fields up to 8 %, broken
 * JSON up to 6 %), so which mode is best on a backend is whatever the draw made it. Nobody tuned on these.
 *
 * @example
 * const profile = randomTriadProfile(101);
 */
export function randomTriadProfile(seed: number): EmulatorProfile {
  const random = seededRandom(seed);
  const base = defaultProfile();
  const fidelity = (): Partial<FidelitySpec> => ({ wrongValue: round(0.12 * random.next()), missingField: round(0.08 * random.next()), brokenJson: round(0.06 * random.next()) });
  const modes: NonNullable<EmulatorProfile["modes"]> = {};
  for (const provider of emulatorProviders) modes[provider] = Object.fromEntries(OUTPUT_MODES.map((mode) => [mode, fidelity()]));
  return { ...base, seed, modes };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
