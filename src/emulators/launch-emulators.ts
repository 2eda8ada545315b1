import type { EmulatorLauncher } from "../backends/emulated-backends.ts";
import { loadEmulatorProfile } from "./load-profile.ts";
import type { EmulatorProfile } from "./profile.ts";
import { startEmulatorsInWorker } from "./emulator-worker.ts";
import { startEmulators, type RunningEmulators } from "./start-emulators.ts";

export interface EmulatorLauncherOptions {
  /** The behaviour profile; else the file the config's `emulators.profile` names; else the default. */
  profile?: EmulatorProfile;
  /**
   * Where they run: "main" (this thread, the default, so tests can steer them synchronously) or "worker" (a
   * thread of their own, as a server wants: a provider's work is not the gateway's).
   */
  thread?: "main" | "worker";
}

/**
 * The launcher the outer shell hands the engine (`startEngine({ emulators })`, `createGateway({ emulators })`).
 *
 * @example
 * const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:" });
 */
export function emulatorLauncher(options: EmulatorLauncherOptions = {}): EmulatorLauncher<RunningEmulators> {
  return async ({ seed, profilePath }) => {
    const profile = options.profile ?? (profilePath === undefined ? undefined : loadEmulatorProfile(profilePath));
    const start = options.thread === "worker" ? startEmulatorsInWorker : startEmulators;
    return start({ seed, ...(profile ? { profile } : {}) });
  };
}
