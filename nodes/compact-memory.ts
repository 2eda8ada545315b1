import { HumanMessage, RemoveMessage, SystemMessage } from "@langchain/core/messages";
import type { MemoryConfig } from "../src/config/memory-config.ts";
import { memorySettingsOf } from "../src/runtime/memory-settings.ts";
import { compactHistory, memoryBudget, memoryStateOf, sharedTokenCounter, textOf, type MemoryTarget, type Summarise } from "../src/memory/index.ts";
import type { MemoryGraphUpdate, MemoryGraphValue } from "../src/memory/index.ts";
import { countTokens } from "../src/routing/index.ts";
import type { Engine } from "../src/runtime/engine.ts";
import { SummariserUnavailableError } from "../src/runtime/summariser-unavailable-error.ts";
import { tracedModelCall } from "../src/telemetry/traced-model-call.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * The summariser, a routed call like any other (`engine.routing.routedCall`): in the summary model group
 * (the request's group when the config has none of that name), through selection, limits and health; its
 * outcome feeds routing's statistics. When nothing in the group can take it now, the summary fails with
 * SummariserUnavailableError (compaction falls back as it does for any failed summary).
 */
export function summariserFor(engine: Engine, settings: MemoryConfig["summary"], target: MemoryTarget, signal?: AbortSignal): Summarise {
  const groups = engine.config.model_groups;
  const group =
    groups.find((candidate) => candidate.name === settings.model_group) ??
    groups.find((candidate) => candidate.name === (target.model_group ?? engine.config.requests.model_group)) ??
    groups[0];
  return async (prompt) => {
    if (group === undefined) throw new Error("config has no model groups");
    const estimatedInputTokens = countTokens(prompt.user, engine.config.deployments[0]?.model ?? "gpt-4o");
    const routed = await engine.routing.routedCall({ group: group.name, estimatedInputTokens, estimatedOutputTokens: 1_024 }, async (deployment) => {
      const reply = await tracedModelCall(engine.tracing, deployment, "summary", () => engine.model(deployment.id).invoke([new SystemMessage(prompt.system), new HumanMessage(prompt.user)], signal ? { signal } : {}));
      return { value: reply, tokens: (reply.usage_metadata?.input_tokens ?? 0) + (reply.usage_metadata?.output_tokens ?? 0) };
    });
    if (routed === undefined) throw new SummariserUnavailableError(group.name);
    return { text: textOf(routed.value), by: routed.deployment.id };
  };
}

/**
 * Keeps the thread inside its token budget by the thread's strategy (window, summary or priority),
 * emitting RemoveMessage for what goes, so the checkpointed history really shrinks; summaries and the
 * compaction record land in `memory`.
 */
export async function compactMemory(state: MemoryGraphValue, runtime: GatewayRuntime): Promise<MemoryGraphUpdate> {
  const engine = engineOf(runtime);
  const settings = memorySettingsOf(engine.config);
  const memory = memoryStateOf(state.memory);
  const target = state.memory_target ?? {};
  const { budget, tokenizer } = memoryBudget(engine.config, settings, target, memory.budget_tokens);
  const result = await compactHistory(state.messages, {
    strategy: memory.strategy ?? settings.strategy,
    budget,
    counter: sharedTokenCounter(tokenizer),
    memory,
    recentMessages: settings.summary.recent_messages,
    detailedMessages: settings.summary.detailed_messages,
    weights: settings.priority,
    summarise: summariserFor(engine, settings.summary, target, runtime?.signal),
    now: engine.now,
  });
  const removals = result.removed.flatMap((message) => (message.id === undefined ? [] : [new RemoveMessage({ id: message.id })]));
  return { ...(removals.length > 0 ? { messages: removals } : {}), memory: result.memory };
}
