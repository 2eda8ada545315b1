import { HumanMessage, RemoveMessage, SystemMessage, type AIMessage } from "@langchain/core/messages";
import { defaultMemoryConfig, type MemoryConfig } from "../src/config/memory-config.ts";
import { compactHistory, memoryBudget, memoryStateOf, sharedTokenCounter, textOf, type MemoryTarget, type Summarise } from "../src/memory/index.ts";
import type { MemoryGraphUpdate, MemoryGraphValue } from "../src/memory/index.ts";
import { classifyError, countTokens } from "../src/routing/index.ts";
import type { Engine } from "../src/runtime/engine.ts";
import type { RouterPlanner } from "../src/runtime/router-planner.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * The summariser, routed like any call: in the summary model group (the request's group when the config
 * has none of that name), through the router's selection, limits and health when the engine has one,
 * else the group's first deployment. Its outcome feeds the router's statistics.
 */
export function summariserFor(engine: Engine, settings: MemoryConfig["summary"], target: MemoryTarget, signal?: AbortSignal): Summarise {
  const groups = engine.config.model_groups;
  const group =
    groups.find((candidate) => candidate.name === settings.model_group) ??
    groups.find((candidate) => candidate.name === (target.model_group ?? engine.config.requests.model_group)) ??
    groups[0];
  return async (prompt) => {
    if (group === undefined) throw new Error("config has no model groups");
    const router = (engine.planner as Partial<RouterPlanner>).router;
    const estimatedInputTokens = countTokens(prompt.user, engine.config.deployments[0]?.model ?? "gpt-4o");
    const routed = router === undefined ? undefined : await router.route({ group: group.name, request: { estimatedInputTokens, estimatedOutputTokens: 1_024 } });
    const deploymentId = routed?.selection.deployment?.id ?? group.deployments[0];
    if (deploymentId === undefined) throw new Error(`model group ${group.name} has no deployments`);
    const lease = routed?.lease ?? undefined;
    const startedAt = engine.now();
    try {
      const reply = (await engine.model(deploymentId).invoke([new SystemMessage(prompt.system), new HumanMessage(prompt.user)], signal ? { signal } : {})) as AIMessage;
      const tokens = (reply.usage_metadata?.input_tokens ?? 0) + (reply.usage_metadata?.output_tokens ?? 0);
      await router?.recordSuccess({ deployment: deploymentId, latencyMs: engine.now() - startedAt, tokens, ...(lease ? { lease } : {}) });
      return { text: textOf(reply), by: deploymentId };
    } catch (error) {
      await router?.recordFailure({ deployment: deploymentId, classified: classifyError(error, { now: engine.now }), ...(lease ? { lease } : {}) });
      throw error;
    }
  };
}

/**
 * Keeps the thread inside its token budget by the thread's strategy (window, summary or priority),
 * emitting RemoveMessage for what goes, so the checkpointed history really shrinks; summaries and the
 * compaction record land in `memory`.
 */
export async function compactMemory(state: MemoryGraphValue, runtime: GatewayRuntime): Promise<MemoryGraphUpdate> {
  const engine = await engineOf(runtime);
  const settings = engine.config.memory ?? defaultMemoryConfig();
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
