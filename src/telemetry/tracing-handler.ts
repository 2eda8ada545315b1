import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Serialized } from "@langchain/core/load/serializable";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChainValues } from "@langchain/core/utils/types";
import type { LLMResult } from "@langchain/core/outputs";
import { context as otelContext, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import { chatEndAttributes, chatStartAttributes, nodeEndAttributes, requestEndAttributes, requestStartAttributes } from "./tracing-attributes.ts";

/** The name of the custom event a node dispatches to put its decision on its span (`switchyard.guardian`, ...). */
export const TRACE_EVENT_PREFIX = "switchyard.";

/** One LangChain run the handler follows: its span, or (for runs that get none) the span of the run above it. */
interface Entry {
  span: Span | undefined;
  context: Context;
  node: string | undefined;
  /** The request's root entry; it owns `open`, every run of the request still open, ended with it. */
  root: Entry | undefined;
  open: Set<string>;
  /** True for the run that opened `span`; runs sharing their parent's span must not end it. */
  owner: boolean;
}

type Metadata = Record<string, unknown> | undefined;

/**
 * Turns a gateway run's LangChain callbacks into OpenTelemetry spans: one per request (the root graph run),
 * one per graph node (subgraphs' nodes nested under theirs), one per chat model call (the attempt, a
 * repair or a summary). Runs that are neither (LangGraph's hidden writes and branches, lambdas, a
 * subgraph's own wrapper) get no span: their children hang off the nearest span above. One handler in the
 * run's `callbacks` instead of a span in every node: a node added tomorrow is traced without a change.
 *
 * @example
 * const handler = new TracingHandler(provider.getTracer("switchyard"));
 * await graph.invoke(input, { configurable, context, callbacks: [handler] });
 */
export class TracingHandler extends BaseCallbackHandler {
  name = "switchyard-tracing";
  readonly #tracer: Tracer;
  readonly #runs = new Map<string, Entry>();

  constructor(tracer: Tracer) {
    // Awaited, not queued: a span must start before its children do, or the tree comes out flat.
    super({ _awaitHandler: true });
    this.#tracer = tracer;
  }

  /** Runs followed now (for tests: zero once every request has ended). */
  get openRuns(): number {
    return this.#runs.size;
  }

  // LangChain calls this as (chain, inputs, runId, parentRunId, tags, metadata, runType, runName): its
  // declaration names the fourth to eighth parameters differently, and all are strings, so they are named here as called.
  override handleChainStart(_chain: Serialized, inputs: ChainValues, runId: string, parentRunId?: string, tags?: string[], metadata?: Metadata, _runType?: string, runName?: string): void {
    const parent = parentRunId === undefined ? undefined : this.#runs.get(parentRunId);
    if (parent === undefined) {
      // A root run (or a child of one this handler never saw, which is traced as a request of its own).
      const name = runName ?? "graph";
      const span = this.#tracer.startSpan(`invoke_agent ${name}`, { kind: SpanKind.INTERNAL, attributes: requestStartAttributes(name, inputs, metadata) }, otelContext.active());
      const entry: Entry = { span, context: trace.setSpan(otelContext.active(), span), node: undefined, root: undefined, open: new Set([runId]), owner: true };
      this.#runs.set(runId, entry);
      return;
    }
    const root = parent.root ?? parent;
    root.open.add(runId);
    const node = metadata?.langgraph_node;
    const isNode = typeof node === "string" && node === runName && tags?.some((tag) => tag.startsWith("graph:step:")) === true && !tags.includes("langsmith:hidden");
    if (!isNode) {
      this.#runs.set(runId, { ...parent, root, owner: false });
      return;
    }
    const attributes: Attributes = { "switchyard.node": node };
    const step = metadata?.langgraph_step;
    if (typeof step === "number") attributes["langgraph.step"] = step;
    const span = this.#tracer.startSpan(node, { kind: SpanKind.INTERNAL, attributes }, parent.context);
    this.#runs.set(runId, { span, context: trace.setSpan(parent.context, span), node, root, open: root.open, owner: true });
  }

  override handleChainEnd(outputs: ChainValues, runId: string): void {
    const entry = this.#runs.get(runId);
    if (entry === undefined) return;
    if (entry.root === undefined) {
      entry.span?.setAttributes(requestEndAttributes(outputs));
      if (outputs.status === "failed" || outputs.status === "rejected") entry.span?.setStatus({ code: SpanStatusCode.ERROR, message: String(outputs.error?.message ?? outputs.status) });
      this.#endRequest(runId, entry);
      return;
    }
    this.#finish(runId, entry, () => entry.span?.setAttributes(nodeEndAttributes(entry.node ?? "", outputs)));
  }

  override handleChainError(error: Error, runId: string): void {
    const entry = this.#runs.get(runId);
    if (entry === undefined) return;
    // An interrupt (approval) is a pause, not a failure: the request span ends, marked, and resumes as a new one.
    const interrupted = error.name === "GraphInterrupt" || error.name === "NodeInterrupt";
    const mark = (span: Span | undefined) => {
      if (interrupted) span?.setAttribute("switchyard.interrupted", true);
      else {
        span?.setAttribute("error.type", error.name);
        span?.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      }
    };
    if (entry.root === undefined) {
      mark(entry.span);
      this.#endRequest(runId, entry);
    } else this.#finish(runId, entry, () => mark(entry.span));
  }

  override handleChatModelStart(_llm: Serialized, _messages: BaseMessage[][], runId: string, parentRunId?: string, _extra?: Record<string, unknown>, _tags?: string[], metadata?: Metadata): void {
    const parent = parentRunId === undefined ? undefined : this.#runs.get(parentRunId);
    const attributes = chatStartAttributes(metadata);
    const model = attributes["gen_ai.request.model"];
    const parentContext = parent?.context ?? otelContext.active();
    const span = this.#tracer.startSpan(typeof model === "string" ? `chat ${model}` : "chat", { kind: SpanKind.CLIENT, attributes }, parentContext);
    const root = parent === undefined ? undefined : (parent.root ?? parent);
    root?.open.add(runId);
    this.#runs.set(runId, { span, context: parentContext, node: undefined, root, open: root?.open ?? new Set(), owner: true });
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    const entry = this.#runs.get(runId);
    if (entry !== undefined) this.#finish(runId, entry, () => entry.span?.setAttributes(chatEndAttributes(output)));
  }

  override handleLLMError(error: Error, runId: string): void {
    const entry = this.#runs.get(runId);
    if (entry === undefined) return;
    this.#finish(runId, entry, () => {
      entry.span?.setAttribute("error.type", error.name);
      entry.span?.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    });
  }

  /** `switchyard.*` custom events (the guardian's actions) land on the span of the node that dispatched them. */
  override handleCustomEvent(eventName: string, data: unknown, runId: string): void {
    if (!eventName.startsWith(TRACE_EVENT_PREFIX)) return;
    const span = this.#runs.get(runId)?.span;
    if (span === undefined || typeof data !== "object" || data === null) return;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") span.setAttribute(`${eventName}.${key}`, value);
      else if (Array.isArray(value) && value.every((item) => typeof item === "string")) span.setAttribute(`${eventName}.${key}`, value);
    }
  }

  #finish(runId: string, entry: Entry, annotate: () => void): void {
    this.#runs.delete(runId);
    entry.root?.open.delete(runId);
    if (!entry.owner || entry.span === undefined) return;
    annotate();
    entry.span.end();
  }

  #endRequest(runId: string, root: Entry): void {
    // Runs the request abandoned (an abort mid-call) must not outlive it in the map.
    for (const open of root.open) {
      const child = this.#runs.get(open);
      this.#runs.delete(open);
      if (child !== undefined && child !== root && child.owner) child.span?.end();
    }
    this.#runs.delete(runId);
    root.span?.end();
  }
}
