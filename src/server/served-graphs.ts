import { coerceMessageLikeToMessage, type BaseMessageLike } from "@langchain/core/messages";
import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { compileAllGraphs, graphIds, type GraphId } from "../../graphs/all-graphs.ts";
import type { Gateway } from "../../graphs/create-gateway.ts";
import { compileGateway } from "../../graphs/gateway.ts";
import { gatewayRequestSchema } from "../state/gateway-state.ts";
import type { Tracing } from "../telemetry/tracing.ts";
import { requestEnd, requestStartAttributes } from "../telemetry/tracing-attributes.ts";
import { outputBlockFindings, verifierFromConfig, type StreamTextCheckerOptions } from "../verification/index.ts";
import type { InputProblem, ServableGraph, ServedGraph } from "./served-graph.ts";

/** With verification enabled, streamed tokens get the same PII and blocking checks as the final answer. */
function streamChecksFor(gateway: Gateway): Pick<ServedGraph, "outputChecks" | "answerGate"> {
  const verifier = verifierFromConfig(gateway.engine.config.verification);
  if (!verifier.enabled) return {};
  const text = verifier.text;
  const outputChecks: StreamTextCheckerOptions = { ...(text.pii === undefined ? {} : { pii: text.pii }), blockers: [(output) => outputBlockFindings(output, text)] };
  return { outputChecks, answerGate: { answer: ["call_model", "check_output"], verdict: "verify_output" } };
}

/** With tracing on, each served gateway run is a request span (src/telemetry/request-tracer.ts). */
function tracedRuns(tracing: Tracing | undefined): Pick<ServedGraph, "traceRun"> {
  if (tracing === undefined) return {};
  return { traceRun: (threadId, open, values) => tracing.requests.stream(threadId, "gateway", requestStartAttributes("gateway", threadId), open, () => requestEnd(values())) };
}

interface InputValidator {
  validateInput(data: unknown): Promise<unknown>;
}

const isValidator = (value: unknown): value is InputValidator => typeof value === "object" && value !== null && "validateInput" in value && typeof value.validateInput === "function";

/** The schema a graph checks its input with: its input StateSchema, else its state schema. */
function inputValidator(graph: ServableGraph): InputValidator | undefined {
  const builder = graph.builder;
  if (typeof builder !== "object" || builder === null) return undefined;
  const read = (key: string): unknown => (key in builder ? (builder as Record<string, unknown>)[key] : undefined);
  const input = read("_inputRuntimeDefinition");
  const state = read("_schemaRuntimeDefinition");
  return isValidator(input) ? input : isValidator(state) ? state : undefined;
}

/** LangGraph names the field in its message: `Validation failed for field "x": [...]`. */
function problemOf(error: unknown): InputProblem {
  const message = error instanceof Error ? error.message : String(error);
  const field = /field "([^"]+)"/.exec(message)?.[1];
  return { field: field ?? "", message: message.length > 300 ? `${message.slice(0, 300)}…` : message };
}

/**
 * `messages` as LangGraph's messages reducer will read them: a message or a list of them, each a message
 * dict, a [role, content] pair or a string. The reducer's own refusal comes mid-run, as a run that fails.
 */
function messagesProblem(input: Record<string, unknown>): InputProblem | undefined {
  if (!("messages" in input) || input.messages == null) return undefined;
  const messages = Array.isArray(input.messages) ? input.messages : [input.messages];
  for (const [index, message] of messages.entries()) {
    try {
      coerceMessageLikeToMessage(message as BaseMessageLike);
    } catch (error) {
      return { field: Array.isArray(input.messages) ? `messages.${index}` : "messages", message: `is not a message (${(error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 160)}). Fix: send { "role": "user", "content": "..." }.` };
    }
  }
  return undefined;
}

/**
 * A run's input is an object of state keys, checked by the graph's own StateSchema before a run exists: a
 * string, an array or a value of the wrong type is a 422 naming the field, never a run that fails later.
 */
export function stateInputCheck(graph: ServableGraph, extra?: (input: Record<string, unknown>) => InputProblem | undefined): (input: unknown) => Promise<InputProblem | undefined> {
  const validator = inputValidator(graph);
  return async (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return { field: "", message: `must be an object of state keys, got ${Array.isArray(input) ? "an array" : typeof input}` };
    const problem = messagesProblem(input as Record<string, unknown>) ?? extra?.(input as Record<string, unknown>);
    if (problem !== undefined) return problem;
    // `messages` were checked above without the reducer's token counting; a checked `request` is not parsed twice.
    const rest = Object.fromEntries(Object.entries(input).filter(([key]) => key !== "messages" && !(extra !== undefined && key === "request")));
    try {
      await validator?.validateInput(rest);
      return undefined;
    } catch (error) {
      return problemOf(error);
    }
  };
}

function gatewayRequestCheck(input: Record<string, unknown>): InputProblem | undefined {
  if (!("request" in input)) return undefined;
  const parsed = gatewayRequestSchema.safeParse(input.request);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return { field: ["request", ...(issue?.path ?? [])].join("."), message: issue?.message ?? "invalid" };
}

const descriptions: Record<GraphId, string> = {
  gateway: "switchyard gateway: route, call, structure and validate one request",
  router: "the router subgraph on its own: route and call until success or a typed give-up (input: a gateway state with a request)",
  memory: "memory: recall the user's facts, then compact the conversation when over budget",
  guardian: "guardian: observe a request's attempts or a schedule tick, summarise baselines and incidents",
  verification: "verification: request checks (phase request) or output checks (phase output) on a text",
  "support-agent": "the example tool-using support agent with proof-checked plans and a runtime monitor",
};

/** One compiled graph of langgraph.json as the server serves it. */
function servedAs(graphId: GraphId, compiled: unknown, gateway: Gateway): ServedGraph {
  const graph = compiled as ServableGraph;
  // The support agent reads a model and tools from its context: on a server those are the server's, never the caller's.
  const context: Record<string, unknown> = graphId === "support-agent" ? { engine: gateway.engine, model: undefined, tools: undefined } : { engine: gateway.engine };
  const requestCheck = graphId === "gateway" || graphId === "router" ? gatewayRequestCheck : undefined;
  return { graph, context, description: descriptions[graphId], checkInput: stateInputCheck(graph, requestCheck), ...(graphId === "gateway" ? { ...streamChecksFor(gateway), ...tracedRuns(gateway.engine.tracing) } : {}) };
}

/**
 * Every graph of langgraph.json (graphs/all-graphs.ts) as `switchyard serve` serves it: compiled on the
 * gateway's checkpointer and the server's store, the engine in every run's context, input checked by the
 * graph's own schema.
 */
export function servedGraphs(gateway: Gateway, store: BaseStore): Map<string, ServedGraph> {
  const compiled = compileAllGraphs({ checkpointer: gateway.persistence.checkpointer, store });
  return new Map(graphIds.map((graphId) => [graphId, servedAs(graphId, compiled[graphId], gateway)]));
}

/** The gateway alone as a served graph. */
export function servedGateway(gateway: Gateway, store: BaseStore): ServedGraph {
  return servedAs("gateway", compileGateway({ checkpointer: gateway.persistence.checkpointer, store }), gateway);
}
