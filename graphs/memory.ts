import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { RemoveMessage, type BaseMessage } from "@langchain/core/messages";
import { END, START, StateGraph } from "@langchain/langgraph";
import { compactMemory } from "../nodes/compact-memory.ts";
import type { GatewayRuntime } from "../nodes/context.ts";
import { recallMemory } from "../nodes/recall-memory.ts";
import { MemoryGraphState, memoryStateOf, type MemoryGraphValue, type MemoryState, type MemoryStateInput } from "../src/memory/index.ts";

/**
 * The memory subgraph: recall_memory (store the user's new facts, recall earlier ones) then
 * compact_memory (window, summary or priority truncation when over budget). The strategy is the
 * thread's `memory.strategy`, else the config's.
 */
export function buildMemoryGraph() {
  return new StateGraph(MemoryGraphState)
    .addNode("recall_memory", recallMemory)
    .addNode("compact_memory", compactMemory)
    .addEdge(START, "recall_memory")
    .addEdge("recall_memory", "compact_memory")
    .addEdge("compact_memory", END);
}

export interface CompileMemoryOptions {
  checkpointer?: BaseCheckpointSaver;
  store?: BaseStore;
}

/** Compiles the memory graph on its own (Studio, tests, app code keeping a conversation's memory). */
export function compileMemory(options: CompileMemoryOptions = {}) {
  return buildMemoryGraph().compile({
    ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}),
    ...(options.store ? { store: options.store } : {}),
    name: "memory",
  });
}

export type CompiledMemory = ReturnType<typeof compileMemory>;

/** For langgraph.json: the dev server supplies its own checkpointer and store. */
export const memory = compileMemory();

/** The part of a host graph's state the memory step reads: its conversation, memory, and request target. */
export interface MemoryHostState {
  messages: BaseMessage[];
  memory?: MemoryStateInput | undefined;
  request?: { user_id?: string | undefined; deployment?: string | undefined; model_group?: string | undefined } | undefined;
}

/**
 * The memory graph's two steps as one node of another graph (the gateway, before route): recall_memory then
 * compact_memory on the host's messages, in the host's superstep. Run as a nested graph they cost three
 * supersteps and checkpoints of their own for what is one step of the request; Studio and app code still
 * get the subgraph from `buildMemoryGraph`. Returns RemoveMessage for every message compaction dropped, and
 * the new `memory`. The request's `user_id` becomes `memory.user_id`. Name the node anything but `memory` (a state key).
 *
 * @example
 * new StateGraph(GatewayState).addNode("memory_step", memoryStep).addEdge("accept", "memory_step").addEdge("memory_step", "route")
 */
export async function memoryStep(state: MemoryHostState, runtime: GatewayRuntime): Promise<{ messages?: BaseMessage[]; memory: MemoryState }> {
  const userId = state.request?.user_id ?? state.memory?.user_id;
  const input: MemoryGraphValue = {
    messages: state.messages,
    memory: memoryStateOf({ ...state.memory, ...(userId === undefined ? {} : { user_id: userId }) }),
    memory_target: {
      ...(state.request?.deployment ? { deployment: state.request.deployment } : {}),
      ...(state.request?.model_group ? { model_group: state.request.model_group } : {}),
    },
  };
  const recalled = await recallMemory(input, runtime);
  const afterRecall = recalled.memory === undefined ? input.memory : memoryStateOf(recalled.memory);
  const compacted = await compactMemory({ ...input, memory: afterRecall }, runtime);
  const removals = Array.isArray(compacted.messages) ? compacted.messages.filter((message) => RemoveMessage.isInstance(message)) : [];
  return { ...(removals.length > 0 ? { messages: removals } : {}), memory: compacted.memory === undefined ? memoryStateOf(afterRecall) : memoryStateOf(compacted.memory) };
}
