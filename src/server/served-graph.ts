import { createHash } from "node:crypto";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { StreamEvent } from "@langchain/core/tracers/log_stream";
import type { StateSnapshot } from "@langchain/langgraph";
import type { StreamTextCheckerOptions } from "../verification/index.ts";

/**
 * The part of a compiled LangGraph graph the server drives. Compiled graphs satisfy it; it is written out
 * so the server does not depend on any one graph's generic parameters.
 */
export interface ServableGraph {
  stream(input: unknown, options: Record<string, unknown>): Promise<AsyncIterable<unknown>>;
  streamEvents(input: unknown, options: Record<string, unknown>): AsyncIterable<StreamEvent>;
  getState(config: RunnableConfig, options?: { subgraphs?: boolean }): Promise<StateSnapshot>;
  getStateHistory(config: RunnableConfig, options?: { limit?: number; before?: RunnableConfig; filter?: Record<string, unknown> }): AsyncIterable<StateSnapshot>;
  updateState(config: RunnableConfig, values: unknown, asNode?: string): Promise<RunnableConfig>;
  getGraphAsync(config: RunnableConfig & { xray?: boolean | number }): Promise<{ toJSON(): unknown }>;
  getSubgraphsAsync(namespace?: string, recurse?: boolean): AsyncIterable<[string, unknown]>;
  /** The graph's nodes by name (a state update's `as_node` must name one). */
  readonly nodes?: Record<string, unknown>;
  /** The StateGraph it was compiled from; its state schemas give /assistants/:id/schemas (graph-schemas.ts). */
  readonly builder?: unknown;
  /** The graph's state channels by name (a run reads the thread's earlier `attempts` only when there is one). */
  readonly channels?: Record<string, unknown>;
}

/** A field of a run's input that is wrong, and why. */
export interface InputProblem {
  field: string;
  message: string;
}

/** One graph the server serves as an assistant. */
export interface ServedGraph {
  graph: ServableGraph;
  /** Runtime context merged over the request's on every run (the gateway's engine goes here). */
  context?: Record<string, unknown>;
  /**
   * Wraps a run's event stream in a trace (the gateway's, when tracing is on): `open` starts the run, `values`
   * reads its final state once the stream has ended.
   */
  traceRun?: <T>(threadId: string, open: () => AsyncIterable<T>, values: () => unknown) => AsyncIterable<T>;
  /** Checks a run's input before a run is created; returns the failing field and why, or undefined. */
  checkInput?: (input: unknown) => InputProblem | undefined | Promise<InputProblem | undefined>;
  description?: string;
  /** Output checks applied to streamed tokens (set when the served graph runs with verification enabled). */
  outputChecks?: StreamTextCheckerOptions;
  /** State streamed between these two nodes is held until the verdict (the gateway: router, verify_output). */
  answerGate?: { answer: string | readonly string[]; verdict: string };
}

export type { AssistantRecord } from "./assistant-table.ts";

/** The namespace the official server uses to derive an assistant id from a graph id, so ids match across servers. */
const GRAPH_NAMESPACE = "6ba7b821-9dad-11d1-80b4-00c04fd430c8";

/** RFC 4122 version-5 UUID of `name` in `namespace`. */
export function uuid5(name: string, namespace = GRAPH_NAMESPACE): string {
  const bytes = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name)
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

