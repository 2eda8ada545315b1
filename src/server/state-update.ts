import type { RunnableConfig } from "@langchain/core/runnables";
import { BaseLangGraphError } from "@langchain/langgraph";
import { ServerRequestError } from "./http-error.ts";
import type { ServableGraph } from "./served-graph.ts";

/**
 * A state update the graph cannot apply: `values` of the wrong shape, an `as_node` the graph does not have,
 * or values its channels refuse. A 422 naming the field, where LangGraph would throw InvalidUpdateError (a 500).
 */
export class StateUpdateInvalidError extends ServerRequestError {
  readonly asNode: string | undefined;
  readonly validNodes: readonly string[];

  constructor(field: "values" | "as_node", message: string, options: { asNode?: string | undefined; validNodes?: readonly string[]; cause?: unknown } = {}) {
    super(422, `body field "${field}": ${message}`, field);
    this.asNode = options.asNode;
    this.validNodes = options.validNodes ?? [];
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** The update's values: an object of state keys, a list of them, or null (a checkpoint with no writes). */
function checkValues(values: unknown): void {
  if (values === null || values === undefined) return;
  const objects = Array.isArray(values) ? values : [values];
  if (objects.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) return;
  throw new StateUpdateInvalidError("values", `must be an object of state keys (or a list of them, or null), got ${Array.isArray(values) ? "a list with a non-object" : typeof values}. Fix: send { "values": { "key": value } }.`);
}

/**
 * Applies a client's state update (a fork of the thread's latest or named checkpoint), refusing what the
 * graph cannot take with a StateUpdateInvalidError before, or instead of, a LangGraph error.
 *
 * @example
 * await applyStateUpdate(graph, { configurable: { thread_id } }, { values: { count: 2 }, as_node: "work" });
 */
export async function applyStateUpdate(graph: ServableGraph, config: RunnableConfig, body: { values?: unknown; as_node?: string | null | undefined }): Promise<RunnableConfig> {
  checkValues(body.values);
  const asNode = body.as_node ?? undefined;
  const validNodes = Object.keys(graph.nodes ?? {}).filter((name) => !name.startsWith("__"));
  if (asNode !== undefined && graph.nodes !== undefined && !(asNode in graph.nodes)) {
    throw new StateUpdateInvalidError("as_node", `"${asNode.slice(0, 80)}" is not a node of this graph. Fix: use one of ${validNodes.join(", ")}, or omit as_node.`, { asNode, validNodes });
  }
  try {
    return await graph.updateState(config, body.values ?? null, asNode);
  } catch (error) {
    // LangGraph's own refusals (ambiguous node, unknown channel, a reducer refusing the value) are the values' fault.
    if (error instanceof BaseLangGraphError || error instanceof TypeError) {
      throw new StateUpdateInvalidError(asNode === undefined ? "values" : "as_node", `the graph refused the update: ${error.message.slice(0, 300)}. Fix: send values of the state's keys and types${asNode === undefined ? ", and as_node when more than one node could have written them" : ""}.`, { asNode, validNodes, cause: error });
    }
    throw error;
  }
}
