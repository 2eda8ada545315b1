import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { SwitchyardSqliteStore } from "../../checkpoints/index.ts";
import type { TtlConfig } from "../config/server-config.ts";

/**
 * The store the HTTP API writes through, with `server.ttl.store` applied: a second SwitchyardSqliteStore on
 * the same database, so items put through /store/items get the default TTL while the graphs' own store (the
 * engine's learned state in `switchyard.*`) never expires by default. Expiry is per row: the sweeper's
 * `sweep()` on this store removes expired items whoever wrote them. Other stores are returned as they are.
 *
 * @example
 * const apiStore = storeWithTtl(store, { default_minutes: 1440, refresh_on_read: true }, Date.now);
 */
export function storeWithTtl(store: BaseStore, ttl: TtlConfig["store"], now: () => number): BaseStore {
  if (ttl === undefined || !(store instanceof SwitchyardSqliteStore)) return store;
  const defaults = ttl.default_minutes === undefined ? {} : { defaultTtlMinutes: ttl.default_minutes };
  return new SwitchyardSqliteStore(store.database, { now, ttl: { ...defaults, refreshOnRead: ttl.refresh_on_read } });
}
