import path from "node:path";
import { createGateway } from "../../graphs/create-gateway.ts";
import { defaultProfile, emulatorLauncher, loadEmulatorProfile, type EmulatorProfile } from "../../src/emulators/index.ts";
import { loadConfig } from "../../src/config/load.ts";
import { intFlag, parseCommandArgs, UsageError } from "../../src/cli/args.ts";
import { commandFlags } from "../../src/cli/command-flags.ts";
import { seededRandom } from "../../src/workload/seeded-random.ts";
import { profileKey } from "./fixed-run-cache.ts";
import { randomDrift } from "./random-drift.ts";
import { randomTriadProfile } from "./random-profile.ts";
import { emulatedLatency } from "./emulated-latency.ts";
import type { TriadGatewayFactory } from "./triad-study.ts";
import { runTriadBench, TRIAD_POLICY_REQUESTS, type TriadScenario } from "./triad-bench.ts";

/**
 * Every gateway of the study: in-memory checkpoints, fresh emulators on `profile`; with `drift`, the
 * gateway's `drift()` switches its emulators to that profile (the policy is not told).
 */
export function triadGatewayFactory(profile: EmulatorProfile, drift?: EmulatorProfile): TriadGatewayFactory {
  return async (config) => {
    // The policy's randomness is seeded from the run's emulator seed, so a seed repeats as a whole.
    const gateway = await createGateway({ checkpoints: ":memory:", emulators: emulatorLauncher({ profile }), config, random: seededRandom(config.emulators.seed * 7919 + 17).next });
    let current = profile;
    // The policy learns the profile's latency, not the machine's: a seed then repeats (bench only).
    gateway.engine.policy.measureLatencyWith(emulatedLatency(config, () => current));
    return {
      invoke: (request, options) => gateway.invoke(request, options),
      feedback: (input) => gateway.feedback(input),
      shadowStats: () => gateway.engine.shadow.stats(),
      settle: () => gateway.engine.shadow.drain(),
      ...(drift === undefined
        ? {}
        : {
            drift: () => {
              current = drift;
              gateway.engine.emulators?.setProfile(drift);
            },
          }),
      close: () => gateway.close(),
    };
  };
}

/** The default profile's factory (kept for callers of the first wave). */
export const openTriadGateway: TriadGatewayFactory = triadGatewayFactory(defaultProfile());

/** The shipped scenarios: the default profile (with the factorial), two profiles with other weak modes, and a drift. */
export function shippedTriadScenarios(root = "."): TriadScenario[] {
  const profile = (name: string) => loadEmulatorProfile(path.join(root, "profiles", name));
  return [
    scenario("default", defaultProfile(), undefined, { factorial: true }),
    scenario("profiles/triad-inverted.yaml", profile("triad-inverted.yaml")),
    scenario("profiles/triad-silent-errors.yaml", profile("triad-silent-errors.yaml")),
    scenario("drift: default -> profiles/triad-drift.yaml", defaultProfile(), profile("triad-drift.yaml"), { driftAt: 0.5 }),
  ];
}

/** A scenario on `profile` (drifting to `drift`), keyed by its profiles for the fixed-run cache. */
function scenario(name: string, profile: EmulatorProfile, drift?: EmulatorProfile, extra: Pick<TriadScenario, "factorial" | "driftAt"> = {}): TriadScenario {
  return { name, open: triadGatewayFactory(profile, drift), cacheKey: profileKey(profile, drift), ...extra };
}

/**
 * The held-out scenarios (issue #15: not tuned on, measured once): a profile with two weak modes per
 * backend, a drift on Ollama instead of OpenAI, and two seeded random profiles.
 */
export function heldOutTriadScenarios(root = "."): TriadScenario[] {
  const profile = (name: string) => loadEmulatorProfile(path.join(root, "profiles", name));
  return [
    scenario("held-out profiles/heldout-two-weak.yaml", profile("heldout-two-weak.yaml")),
    scenario("held-out drift: default -> profiles/heldout-drift-ollama.yaml", defaultProfile(), profile("heldout-drift-ollama.yaml"), { driftAt: 0.5 }),
    ...[101, 102].map((seed) => scenario(`held-out random profile #${seed}`, randomTriadProfile(seed))),
  ];
}

const usage = `switchyard bench triad [--profile FILE] [--drift FILE] [--drift-at SHARE] [--shipped | --held-out] [--policies-only]
                       [--feedback-rate SHARE] [--shadow-rate SHARE] [--policy-sees-gold]
                       [--repetitions N] [--policy-requests N] [--seeds 7,8,9] [--concurrency N] [--out DIR]
  The triad study on the embedded emulators: 48 configurations (3 backends x 4 modes x schema constraint
  on/off x transport compression on/off), N requests each (default 24), then fixed, per-backend-default and
  adaptive output-mode policies on the same requests (default 264 per backend: every workload task once),
  with the guardian on, once per seed; the goals pool the seeds (paired per request).
  --profile FILE     emulator profile to study (default: the built-in default profile)
  --drift FILE       switch the emulators to this profile after --drift-at of the policy requests (default 0.5)
  --shipped          the default profile, the two shipped triad profiles and the drift scenario, in one run
  --held-out         the held-out scenarios (two-weak profile, drift on Ollama, two seeded random profiles)
  --random-profile N a held-out profile drawn from seed N (bench/triad/random-profile.ts) instead of --profile;
                     a comma-separated list runs one scenario per seed
  --random-drift N   a generated drift drawn from seed N (bench/triad/random-drift.ts: which backend and mode,
                     how big, how silent, when, 429 rates) instead of --profile/--drift; a list runs each
  --reuse-fixed DIR  keep the fixed-mode runs in DIR and reuse them (same profile, seed and size): a policy
                     change is then measured against the very same fixed answers, at a quarter of the cost
  --policies-only    skip the factorial (the policy comparison and its goals only)
  --feedback-rate    share of answers the simulated user gives a delayed verdict on (default 0.15)
  --shadow-rate      output_modes.shadow.rate for the adaptive run (default 0.05)
  --policy-sees-gold also run an adaptive policy given every verdict at once (comparison only)
  --seeds LIST       comma-separated seeds, one full study each (default 7,8,9)
  Prints the tables and goal figures; writes DIR/triad.svg and DIR/triad.json (default .switchyard/bench).`;

/** Parses the triad flags (shared by `switchyard bench triad` and `npm run bench -- triad`) and runs the bench. */
export async function runTriadFromArgs(argv: string[], command = "bench"): Promise<Awaited<ReturnType<typeof runTriadBench>> | undefined> {
  const { values, positionals } = parseCommandArgs(command, argv, commandFlags.bench);
  if (values.help) return void console.log(usage);
  const [name] = positionals;
  if (name !== "triad") throw new UsageError(`switchyard bench: unknown benchmark "${name ?? ""}". Fix: run "switchyard bench triad".\n${usage}`);
  const share = (flag: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) throw new UsageError(`--${flag} must be a number from 0 to 1, got "${value}". Fix: e.g. --${flag} 0.15`);
    return parsed;
  };
  if (values["drift-at"] !== undefined && values.drift === undefined) throw new UsageError(`--drift-at needs --drift FILE (the profile to switch to). Fix: add --drift profiles/triad-drift.yaml`);
  const randomSeeds = values["random-profile"] === undefined ? [undefined] : parseSeeds(values["random-profile"], "random-profile") ?? [undefined];
  const drift = values.drift === undefined ? undefined : loadEmulatorProfile(values.drift);
  const singles = randomSeeds.map((randomSeed) => {
    const profile = randomSeed !== undefined ? randomTriadProfile(randomSeed) : values.profile === undefined ? defaultProfile() : loadEmulatorProfile(values.profile);
    const name = `${randomSeed === undefined ? (values.profile ?? "default") : `held-out random profile #${randomSeed}`}${values.drift === undefined ? "" : ` -> ${values.drift}`}`;
    return scenario(name, profile, drift, { factorial: values["policies-only"] !== true, ...(drift === undefined ? {} : { driftAt: share("drift-at", values["drift-at"], 0.5) }) });
  });
  const drifts = values["random-drift"] === undefined ? undefined : (parseSeeds(values["random-drift"], "random-drift") ?? []).map((seed) => {
    const drawn = randomDrift(seed);
    const name = `random drift #${seed}: ${drawn.backend} ${drawn.mode}${drawn.wasBest ? " (its best)" : ""} +${Math.round(drawn.size * 100)} pts faults, ${Math.round(drawn.silentShare * 100)} % silent, at ${Math.round(drawn.driftAt * 100)} %`;
    return scenario(name, drawn.profile, drawn.drift, { factorial: false, driftAt: drawn.driftAt });
  });
  const listed = drifts ?? (values.shipped ? shippedTriadScenarios() : values["held-out"] ? heldOutTriadScenarios() : undefined);
  const scenarios = listed === undefined ? singles : listed.map((scenario) => (values["policies-only"] ? { ...scenario, factorial: false } : scenario));
  return runTriadBench({
    config: loadConfig().config,
    scenarios,
    repetitions: intFlag(command, "repetitions", values.repetitions, 24),
    policyRequests: intFlag(command, "policy-requests", values["policy-requests"], TRIAD_POLICY_REQUESTS),
    seeds: parseSeeds(values.seeds),
    concurrency: intFlag(command, "concurrency", values.concurrency, 12),
    feedbackRate: share("feedback-rate", values["feedback-rate"], 0.15),
    shadowRate: share("shadow-rate", values["shadow-rate"], 0.05),
    ...(values["policy-sees-gold"] ? { policySeesGold: true } : {}),
    ...(values.out ? { outDir: values.out } : {}),
    ...(values["reuse-fixed"] ? { fixedCacheDir: values["reuse-fixed"] } : {}),
  });
}

function parseSeeds(value: string | undefined, flag = "seeds"): number[] | undefined {
  if (value === undefined) return undefined;
  const seeds = value.split(",").map((part) => Number(part.trim()));
  if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) throw new UsageError(`--${flag} must be comma-separated non-negative integers, got "${value}". Fix: e.g. --${flag} 7,8,9`);
  return seeds;
}
