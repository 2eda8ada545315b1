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
  /** JSON schemas for /assistants/:id/schemas, e.g. a StateSchema's. */
  schemas?: { getJsonSchema(): unknown; getInputJsonSchema(): unknown };
  /** Checks a run's input before a run is created; returns the failing field and why, or undefined. */
  checkInput?: (input: unknown) => { field: string; message: string } | undefined;
  description?: string;
  /** Output checks applied to streamed tokens (set when the served graph runs with verification enabled). */
  outputChecks?: StreamTextCheckerOptions;
  /** State streamed between these two nodes is held until the verdict (the gateway: router, verify_output). */
  answerGate?: { answer: string; verdict: string };
}

/** The API's assistant record. */
export interface AssistantRecord {
  assistant_id: string;
  graph_id: string;
  config: Record<string, unknown>;
  context: Record<string, unknown>;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  version: number;
  name: string;
  description: string | null;
}

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

/** One system assistant per served graph, found by its assistant id or its graph id. */
export class Assistants {
  readonly #records: AssistantRecord[];
  readonly #graphs: ReadonlyMap<string, ServedGraph>;

  constructor(graphs: ReadonlyMap<string, ServedGraph>, startedAt: string) {
    this.#graphs = graphs;
    this.#records = [...graphs.entries()].map(([graphId, served]) => ({
      assistant_id: uuid5(graphId),
      graph_id: graphId,
      config: {},
      context: {},
      metadata: { created_by: "system" },
      created_at: startedAt,
      updated_at: startedAt,
      version: 1,
      name: graphId,
      description: served.description ?? null,
    }));
  }

  all(): readonly AssistantRecord[] {
    return this.#records;
  }

  find(idOrGraph: string): AssistantRecord | undefined {
    return this.#records.find((record) => record.assistant_id === idOrGraph || record.graph_id === idOrGraph);
  }

  served(record: AssistantRecord): ServedGraph {
    return this.#graphs.get(record.graph_id) as ServedGraph;
  }
}
