/** The run bus implementations: Redis for replicas of one deployment, in-memory for one process and tests. */
export { InMemoryRunBus, type InMemoryRunBusConfig } from "./in-memory-run-bus.ts";
export { RedisRunBus, type RedisRunBusConfig } from "./redis-run-bus.ts";
export { runKeySegment, maxRunIdLength } from "./run-key.ts";
export { createRunBus, runBusSettingsSchema, type RunBusSettings } from "./create-run-bus.ts";
