import { defaultMemoryConfig, type MemoryConfig } from "../config/memory-config.ts";
import type { SwitchyardConfig } from "../config/schema.ts";

/** The default section, parsed once per config that has none (read only: no caller writes to it). */
const defaults = new WeakMap<SwitchyardConfig, MemoryConfig>();

/**
 * The config's `memory` section, or the defaults when switchyard.yaml has none. Why not
 * `config.memory ?? defaultMemoryConfig()` at each use: that parses the whole default section with zod on
 * every request, three times (accept, recall, compaction), for a value that never changes.
 *
 * @example
 * const { recall, strategy } = memorySettingsOf(engine.config);
 */
export function memorySettingsOf(config: SwitchyardConfig): MemoryConfig {
  if (config.memory !== undefined) return config.memory;
  let settings = defaults.get(config);
  if (settings === undefined) defaults.set(config, (settings = defaultMemoryConfig()));
  return settings;
}
