import { z } from "zod";
import { urlField } from "../../config/url-field.ts";
import type { RunBus } from "../run-bus.ts";
import { InMemoryRunBus } from "./in-memory-run-bus.ts";
import { RedisRunBus } from "./redis-run-bus.ts";

/**
 * The run bus settings a switchyard.yaml section would carry (e.g. `run_bus:`): no URL keeps the one-process bus;
 * a redis:// URL shares runs with every replica using the same `key_prefix`.
 */
export const runBusSettingsSchema = z.strictObject({
  url: urlField(["redis", "rediss"], { example: "redis://127.0.0.1:6379" }).optional(),
  /** One per deployment: two deployments on one Redis with different prefixes never see each other's runs. */
  key_prefix: z.string().regex(/^[A-Za-z0-9_:.-]{1,120}$/, "letters, digits, _ : . - only (1 to 120), e.g. switchyard:prod").default("switchyard:bus"),
  max_events_per_run: z.number().int().positive().default(10_000),
  retention_seconds: z.number().int().positive().default(600),
});

export type RunBusSettings = z.infer<typeof runBusSettingsSchema>;

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
