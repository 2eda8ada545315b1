import { runBusSettingsSchema, type RunBusSettings } from "../../config/server-config.ts";
import type { RunBus } from "../run-bus.ts";
import { InMemoryRunBus } from "./in-memory-run-bus.ts";
import { RedisRunBus } from "./redis-run-bus.ts";

export { runBusSettingsSchema, type RunBusSettings };

/**
 * The bus the settings ask for: Redis when a URL is given, else the in-process bus.
 *
 * @example
 * const bus = createRunBus(runBusSettingsSchema.parse({ url: "redis://127.0.0.1:6379", key_prefix: "switchyard:prod" }));
 */
export function createRunBus(settings: RunBusSettings | undefined, log?: (line: string) => void): RunBus {
  const common = {
    maxEvents: settings?.max_events_per_run ?? 10_000,
    retentionMs: (settings?.retention_seconds ?? 600) * 1_000,
    ...(log === undefined ? {} : { log }),
  };
  if (settings?.url === undefined) return new InMemoryRunBus(common);
  return new RedisRunBus({ redis: settings.url, keyPrefix: settings.key_prefix, ...common });
}
