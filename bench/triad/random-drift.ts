import { emulatorProviders, type EmulatorProfile, type EmulatorProvider, type FidelitySpec } from "../../src/emulators/index.ts";
import { OUTPUT_MODES, type OutputMode } from "../../src/output-modes/protocol.ts";
import { seededRandom } from "../../src/workload/seeded-random.ts";
import { randomTriadProfile } from "./random-profile.ts";

/** One generated drift: a random static profile, the profile it drifts to, and what the draw changed. */
export interface RandomDrift {
  profile: EmulatorProfile;
  drift: EmulatorProfile;
  /** Share of the policy requests after which the emulators switch. */
  driftAt: number;
  backend: EmulatorProvider;
  mode: OutputMode;
  /** Whether the degraded mode was its backend's best (fewest faults) before the drift. */
  wasBest: boolean;
  /** Fault rate added to the mode, and the share of it that is silent (wrong values, valid answers). */
  size: number;
  silentShare: number;
  /** The 429 rate drawn for each backend (both halves): cooldowns are part of the draw. */
  rateLimits: Record<EmulatorProvider, number>;
}

/**
 * A drift scenario drawn from a seed, nobody's pick: {@link randomTriadProfile}'s static faults, a 429 rate per
 * backend from 1 to 8 %, and at a random point (30–70 % of the requests) one backend's mode (its best one two
 * times in three, else any) gains 4–20 points of faults, a random share of them silent (wrong values) and the
 * rest visible (broken JSON or missing fields).
 *
 * @example
 * const { profile, drift, driftAt } = randomDrift(301);
 */
export function randomDrift(seed: number): RandomDrift {
  const profile = randomTriadProfile(seed);
  const random = seededRandom(seed * 31 + 5);
  const pick = <T>(list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(random.next() * list.length))] as T;
  const rateLimits = Object.fromEntries(emulatorProviders.map((provider) => [provider, round(0.01 + 0.07 * random.next())])) as Record<EmulatorProvider, number>;
  const backends = structuredClone(profile.backends);
  for (const provider of emulatorProviders) backends[provider].errors = { ...backends[provider].errors, rateLimit: rateLimits[provider] };
  const withLimits: EmulatorProfile = { ...profile, backends };
  const backend = pick(emulatorProviders);
  const faults = (mode: OutputMode) => {
    const spec = withLimits.modes?.[backend]?.[mode] ?? {};
    return (spec.wrongValue ?? 0) + (spec.missingField ?? 0) + (spec.brokenJson ?? 0);
  };
  const best = [...OUTPUT_MODES].sort((left, right) => faults(left) - faults(right))[0] as OutputMode;
  const mode = random.next() < 2 / 3 ? best : pick(OUTPUT_MODES);
  const size = round(0.04 + 0.16 * random.next());
  const silentShare = round(random.next());
  const driftAt = round(0.3 + 0.4 * random.next());
  const before: Partial<FidelitySpec> = withLimits.modes?.[backend]?.[mode] ?? {};
  const visible = size * (1 - silentShare);
  const brokenShare = random.next();
  const after: Partial<FidelitySpec> = {
    ...before,
    wrongValue: round((before.wrongValue ?? 0) + size * silentShare),
    brokenJson: round((before.brokenJson ?? 0) + visible * brokenShare),
    missingField: round((before.missingField ?? 0) + visible * (1 - brokenShare)),
  };
  const modes = structuredClone(withLimits.modes ?? {});
  modes[backend] = { ...modes[backend], [mode]: after };
  return { profile: withLimits, drift: { ...withLimits, modes }, driftAt, backend, mode, wasBest: mode === best, size, silentShare, rateLimits };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
