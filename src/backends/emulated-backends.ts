import { SwitchyardError } from "../errors.ts";
import type { EmulatorUrls } from "./build-model.ts";

/** Backends emulated on loopback (see src/emulators): where they listen, and how to stop them. */
export interface EmulatedBackends {
  readonly urls: EmulatorUrls;
  close(): Promise<void>;
}

/** What the engine tells an emulator launcher: the seed and the profile file the config names. */
export interface EmulatorLaunchOptions {
  seed: number;
  /** `emulators.profile` of the config, when it names one; a launcher given a profile object ignores it. */
  profilePath: string | undefined;
}

/**
 * Starts the emulated backends a config's `base_url: emulator` deployments need. Passed in by the outer
 * shell (the CLI, the dev entry, tests) so the engine itself never loads the emulators: a production engine
 * has no fake backends in it to fall back on.
 *
 * @example
 * import { emulatorLauncher } from "switchyard/src/emulators/index.ts";
 * const engine = await startEngine({ emulators: emulatorLauncher({ profile: quietProfile() }) });
 */
export type EmulatorLauncher<Running extends EmulatedBackends = EmulatedBackends> = (options: EmulatorLaunchOptions) => Promise<Running>;

/** A config with emulated deployments was started without a launcher for them. */
export class EmulatorsRequiredError extends SwitchyardError {
  /** The deployments whose base_url is "emulator". */
  readonly deployments: readonly string[];

  constructor(deployments: readonly string[]) {
    super(
      "config_invalid",
      `deployments ${deployments.join(", ")} have base_url "emulator", but no emulator launcher was given. Fix: give those deployments a real base_url (and api_key_env) in switchyard.yaml, or pass { emulators: emulatorLauncher() } from src/emulators (the CLI and tests do).`,
    );
    this.deployments = deployments;
  }
}
