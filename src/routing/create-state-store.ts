import type { SwitchyardConfig } from "../config/schema.ts";
import { MemoryRoutingStateStore } from "./memory-state-store.ts";
import { RedisRoutingStateStore } from "./redis-state-store.ts";
import type { RoutingStateStore } from "./state-store.ts";

/**
 * The store `routing_state` in switchyard.yaml asks for: memory by default, Redis (shared by replicas) with
 * `backend: redis` and a `url`.
 *
 * @example
 * const state = createRoutingStateStore(config); // routing_state: { backend: redis, url: redis://127.0.0.1:6379 }
 */
export function createRoutingStateStore(config: SwitchyardConfig): RoutingStateStore {
  const settings = config.routing_state;
  if (settings === undefined || settings.backend === "memory") return new MemoryRoutingStateStore();
  return new RedisRoutingStateStore({
    redis: settings.url ?? "redis://127.0.0.1:6379",
    keyPrefix: settings.key_prefix ?? "switchyard:routing",
  });
}
