import { Command } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { RunCreateBody, StreamModeName } from "./request-schemas.ts";
import type { AssistantRecord, ServedGraph } from "./served-graph.ts";
import type { RunRecord } from "./server-tables.ts";

/** What one run passes to the graph: its input, the stream modes and the graph's run options. */
export interface RunInvocation {
  input: unknown;
  modes: StreamModeName[];
  graphOptions: Record<string, unknown>;
}

/**
 * The configurable key under which LangGraph lends a checkpointer to a run (it lends a parent's to its
 * subgraphs the same way): the run and its state reads use it instead of the graph's own. A caller cannot set
 * it (callerKeys drops `__` keys); only the server does, for a run that keeps its checkpoints in memory.
 */
const lentCheckpointerKey = "__pregel_checkpointer";

/** `configurable` with `lent` as the run's checkpointer; unchanged without one. */
export function withLentCheckpointer(configurable: Record<string, unknown>, lent: BaseCheckpointSaver | undefined): Record<string, unknown> {
  return lent === undefined ? configurable : { ...configurable, [lentCheckpointerKey]: lent };
}

/** A caller's configurable without LangGraph's internal `__pregel_*` (and other `__`) keys, which steer the run loop itself. */
function callerKeys(configurable: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(configurable).filter(([key]) => !key.startsWith("__")));
}

/**
 * Builds a run's graph call from its request. `continueFromLatest` is for a run taken over after its process
 * died, whose own checkpoints are already on the thread: it goes on from the thread's latest checkpoint (input
 * null, no checkpoint id), so the tasks that completed before the crash keep their writes and are not run again.
 */
export function runInvocation(run: RunRecord, assistant: AssistantRecord, served: ServedGraph, body: RunCreateBody, signal: AbortSignal, continueFromLatest: boolean, lent?: BaseCheckpointSaver): RunInvocation {
  // An assistant's saved config and context are defaults the run's own override; the served graph's context (the engine) wins over both.
  const saved = assistant.config.configurable;
  const assistantConfigurable = typeof saved === "object" && saved !== null && !Array.isArray(saved) ? callerKeys(saved) : {};
  const requested = callerKeys(body.config?.configurable ?? {});
  const configurable: Record<string, unknown> = continueFromLatest
    ? { ...assistantConfigurable, ...requested, thread_id: run.thread_id }
    : { ...assistantConfigurable, ...requested, ...body.checkpoint, thread_id: run.thread_id };
  if (body.checkpoint_id != null && !continueFromLatest) configurable.checkpoint_id = body.checkpoint_id;
  const modes: StreamModeName[] = body.stream_mode == null ? ["values"] : Array.isArray(body.stream_mode) ? body.stream_mode : [body.stream_mode];
  const graphOptions: Record<string, unknown> = {
    configurable: withLentCheckpointer(configurable, lent),
    context: { ...assistant.context, ...body.context, ...served.context },
    signal,
    metadata: { ...body.metadata, run_id: run.run_id, thread_id: run.thread_id, graph_id: assistant.graph_id, assistant_id: assistant.assistant_id },
    ...(body.config?.tags ? { tags: body.config.tags } : {}),
    ...(body.config?.recursion_limit ? { recursionLimit: body.config.recursion_limit } : {}),
    ...(body.interrupt_before ? { interruptBefore: body.interrupt_before } : {}),
    ...(body.interrupt_after ? { interruptAfter: body.interrupt_after } : {}),
    ...(body.durability ? { durability: body.durability } : {}),
  };
  if (continueFromLatest) return { input: null, modes, graphOptions };
  const input = body.command != null ? new Command({ ...body.command } as ConstructorParameters<typeof Command>[0]) : (body.input ?? null);
  return { input, modes, graphOptions };
}

/** Stream modes whose events are the checkpoints themselves: a run streaming them saves every step. */
const checkpointModes: ReadonlySet<StreamModeName> = new Set(["checkpoints", "debug"]);

const streamsCheckpoints = (body: RunCreateBody) => (body.stream_mode == null ? [] : Array.isArray(body.stream_mode) ? body.stream_mode : [body.stream_mode]).some((mode) => checkpointModes.has(mode));

/**
 * A run's body with the durability it runs at. A stateless run answered to the request that made it
 * (runs/wait, runs/stream, an MCP tool call: not a background `POST /runs`, not a cron firing) that asks for
 * none saves its checkpoint only when it exits: no one can read its steps' checkpoints (its thread is new,
 * unnamed, and deleted when it ends), and its caller's connection ends with the process that runs it, so a
 * crash leaves nobody to resume it for. A profile of `switchyard serve` put a third of the graph's saver work
 * in those per-step writes. The body is stored with the run, so a recovered run keeps the same durability.
 */
export function withRunDurability(body: RunCreateBody, callerWaits: boolean): RunCreateBody {
  if (!callerWaits || body.durability != null) return body;
  return streamsCheckpoints(body) ? body : { ...body, durability: "exit" };
}

/**
 * Whether such a run (its caller waits, it saves only at exit) keeps that one checkpoint in memory, lent to
 * it as its checkpointer (`withLentCheckpointer`), instead of writing it to the database and deleting it a
 * moment later with the thread. The database copy had no reader: the thread's id is never given out, and
 * the server's own read at an interrupt goes to the memory copy. Writing and deleting it cost about 0.3 ms
 * on the critical path of a gateway runs/wait. A process that dies after the run's last step but before its
 * end was recorded now leaves a run that recovery starts afresh rather than finds finished: as for a crash
 * at any earlier moment of an "exit" run, the answer has nobody to go to. A cron firing never qualifies
 * (its recovery must see what it did).
 */
export function keepsCheckpointsInMemory(body: RunCreateBody, callerWaits: boolean): boolean {
  return callerWaits && body.durability === "exit" && !streamsCheckpoints(body);
}
