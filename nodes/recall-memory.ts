import { getConfig } from "@langchain/langgraph";
import { defaultMemoryConfig } from "../src/config/memory-config.ts";
import { extractFacts, memoryStateOf, recallFacts, rememberFacts, roleOf, textOf } from "../src/memory/index.ts";
import { recordTiming } from "../src/telemetry/timings.ts";
import type { MemoryGraphUpdate, MemoryGraphValue } from "../src/memory/index.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * Cross-session memory for a thread with a `memory.user_id`: recalls the user's facts that match the
 * latest message (stated in other threads; this thread's are in its history already), then stores the
 * facts of the messages not read yet. Needs the graph's store; without one, or without a user, it is a
 * no-op.
 */
export async function recallMemory(state: MemoryGraphValue, runtime: GatewayRuntime): Promise<MemoryGraphUpdate> {
  const engine = await engineOf(runtime);
  const settings = (engine.config.memory ?? defaultMemoryConfig()).recall;
  const memory = memoryStateOf(state.memory);
  const store = runtime.store;
  if (!settings.enabled || memory.user_id === undefined || store === undefined) return {};
  const threadId = String(getConfig()?.configurable?.thread_id ?? "");
  const lastHuman = [...state.messages].reverse().find((message) => roleOf(message) === "human");
  const startedAt = engine.now();
  const started = performance.now();
  const recalled = lastHuman === undefined ? [] : await recallFacts(store, memory.user_id, textOf(lastHuman), { limit: settings.max_facts * 2 });
  recordTiming("memory_query", (performance.now() - started) / 1000, { operation: "recall" });
  const latencyMs = engine.now() - startedAt;
  const fromElsewhere = recalled.filter((fact) => threadId === "" || fact.thread_id !== threadId).slice(0, settings.max_facts);

  const seenAt = memory.remembered_through === undefined ? -1 : state.messages.findIndex((message) => message.id === memory.remembered_through);
  const unread = state.messages.slice(seenAt + 1);
  await rememberFacts(store, memory.user_id, extractFacts(unread), { now: engine.now, ...(threadId === "" ? {} : { threadId }) });
  const lastId = state.messages.at(-1)?.id;
  return {
    memory: {
      ...memory,
      recalled: fromElsewhere.map((fact) => fact.text),
      recall_latency_ms: latencyMs,
      ...(lastId === undefined ? {} : { remembered_through: lastId }),
    },
  };
}
