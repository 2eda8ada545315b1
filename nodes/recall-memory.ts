import { getConfig } from "@langchain/langgraph";
import { memorySettingsOf } from "../src/runtime/memory-settings.ts";
import type { VerificationConfig } from "../src/config/schema.ts";
import { extractFacts, memoryStateOf, recallFacts, rememberFacts, roleOf, textOf, type FactGuard } from "../src/memory/index.ts";
import { recordTiming } from "../src/telemetry/timings.ts";
import { scrubPii } from "../src/verification/index.ts";
import type { MemoryGraphUpdate, MemoryGraphValue } from "../src/memory/index.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * Facts follow the verification policy's PII strategy: `block` stores no fact that carries PII, `redact`,
 * `mask` and `hash` store it scrubbed. With verification off, facts are stored as said, except that a
 * secret (an API key, a password) is never stored.
 */
export function factGuardOf(verification: VerificationConfig | undefined): FactGuard {
  const options = verification?.enabled === true ? { strategy: verification.pii.strategy, ...(verification.pii.kinds === undefined ? {} : { kinds: verification.pii.kinds }), ...(verification.pii.salt_env === undefined ? {} : { salt: process.env[verification.pii.salt_env] ?? "" }) } : { strategy: "block" as const, kinds: ["secret" as const] };
  return (text) => {
    const result = scrubPii(text, options);
    return result.blocked ? undefined : result.text;
  };
}

/**
 * Cross-session memory for a thread with a `memory.user_id`: recalls the user's facts that match the
 * latest message (stated in other threads; this thread's are in its history already), then stores the
 * facts of the messages not read yet. Needs the graph's store; without one, or without a user, it is a
 * no-op.
 */
export async function recallMemory(state: MemoryGraphValue, runtime: GatewayRuntime): Promise<MemoryGraphUpdate> {
  const engine = engineOf(runtime);
  const settings = memorySettingsOf(engine.config).recall;
  const memory = memoryStateOf(state.memory);
  const store = runtime.store;
  const configurable = getConfig()?.configurable;
  // A user id the deployment set in the run's config (an auth layer) wins over the one in the thread's state.
  const userId = typeof configurable?.user_id === "string" && configurable.user_id !== "" ? configurable.user_id : memory.user_id;
  if (!settings.enabled || userId === undefined || store === undefined) return {};
  const threadId = String(configurable?.thread_id ?? "");
  const lastHuman = [...state.messages].reverse().find((message) => roleOf(message) === "human");
  const startedAt = engine.now();
  const started = performance.now();
  const recalled = lastHuman === undefined ? [] : await recallFacts(store, userId, textOf(lastHuman), { limit: settings.max_facts * 2 });
  recordTiming("memory_query", (performance.now() - started) / 1000, { operation: "recall" });
  const latencyMs = engine.now() - startedAt;
  const fromElsewhere = recalled.filter((fact) => threadId === "" || fact.thread_id !== threadId).slice(0, settings.max_facts);

  const seenAt = memory.remembered_through === undefined ? -1 : state.messages.findIndex((message) => message.id === memory.remembered_through);
  const unread = state.messages.slice(seenAt + 1);
  await rememberFacts(store, userId, extractFacts(unread), { now: engine.now, guard: factGuardOf(engine.config.verification), ...(threadId === "" ? {} : { threadId }) });
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
