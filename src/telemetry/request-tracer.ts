import { AsyncLocalStorage } from "node:async_hooks";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import { nodeEndAttributes } from "./tracing-attributes.ts";

/** One request being traced: its span, and the spans of the subgraphs its nodes ran in, by namespace. */
interface RequestScope {
  span: Span;
  context: Context;
  subgraphs: Map<string, { span: Span; context: Context }>;
}

/** What the async context carries while a request runs: the span new spans hang off, and the request. */
interface Scope {
  context: Context;
  span: Span;
  request: RequestScope;
}

/** What a request span records at its end, from the run's result (or undefined when it produced none). */
export type RequestEnd<T> = (value: T | undefined) => { attributes: Attributes; failed?: string | undefined };

const isInterrupt = (error: unknown) => error instanceof Error && (error.name === "GraphInterrupt" || error.name === "NodeInterrupt");

/**
 * Spans for gateway runs without LangChain callbacks: a request span opened where the run starts
 * (`request`, `stream`), a span per graph node opened by the node wrapper every gateway node has
 * (graphs/yielding-node.ts), a span per model call (`modelCall`), linked through AsyncLocalStorage, so the
 * request path carries no callback handler (LangChain's callback plumbing alone cost ~5 ms of CPU per request,
 * bench/tracing.ts). A subgraph (the router) gets its span from its nodes' checkpoint namespace: opened with
 * its first node, closed when a node outside it starts or the request ends.
 *
 * @example
 * const requests = new RequestTracer(provider.getTracer("switchyard"));
 * const state = await requests.request("gateway", {}, () => graph.invoke(input, config), (state) => ({ attributes: {} }));
 */
export class RequestTracer {
  readonly #tracer: Tracer;
  readonly #scope = new AsyncLocalStorage<Scope>();

  constructor(tracer: Tracer) {
    this.#tracer = tracer;
  }

  /** Runs one request inside its root span (`invoke_agent NAME`). */
  async request<T>(name: string, attributes: Attributes, run: () => Promise<T>, end: RequestEnd<T>): Promise<T> {
    const request = this.#open(name, attributes);
    let value: T | undefined;
    try {
      value = await this.#scope.run({ context: request.context, span: request.span, request }, run);
      return value;
    } catch (error) {
      this.#mark(request.span, error);
      throw error;
    } finally {
      this.#close(request, end(value));
    }
  }

  /** The same for a streamed run: the stream is opened, and every step of it runs, in the request's context. */
  async *stream<T>(name: string, attributes: Attributes, open: () => AsyncIterable<T> | Promise<AsyncIterable<T>>, end: RequestEnd<T>): AsyncGenerator<T> {
    const request = this.#open(name, attributes);
    const scope = { context: request.context, span: request.span, request };
    let iterator: AsyncIterator<T> | undefined;
    let last: T | undefined;
    try {
      const opened = (await this.#scope.run(scope, open))[Symbol.asyncIterator]();
      iterator = opened;
      for (;;) {
        const step = await this.#scope.run(scope, () => opened.next());
        if (step.done === true) break;
        last = step.value;
        yield step.value;
      }
    } catch (error) {
      this.#mark(request.span, error);
      throw error;
    } finally {
      await iterator?.return?.();
      this.#close(request, end(last));
    }
  }

  /** One graph node, named by the last segment of its checkpoint namespace (`router:…|call_model:…`). */
  async node<T>(checkpointNs: string, run: () => Promise<T>): Promise<T> {
    const scope = this.#scope.getStore();
    // A run nobody opened a request span for (Studio, a graph invoked directly): not traced.
    if (scope === undefined) return run();
    const segments = checkpointNs.split("|");
    const name = (segments.at(-1) ?? "").split(":")[0] || "node";
    const parent = this.#subgraphOf(scope.request, segments.slice(0, -1));
    const span = this.#tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: { "switchyard.node": name } }, parent);
    try {
      const value = await this.#scope.run({ context: trace.setSpan(parent, span), span, request: scope.request }, run);
      span.setAttributes(nodeEndAttributes(name, value));
      return value;
    } catch (error) {
      this.#mark(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  /** One model call under the current node (`chat MODEL`, CLIENT), with what its reply says once it is back. */
  async modelCall<T>(name: string, attributes: Attributes, run: () => Promise<T>, end: (value: T) => Attributes): Promise<T> {
    const scope = this.#scope.getStore();
    if (scope === undefined) return run();
    const span = this.#tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, scope.context);
    try {
      const value = await run();
      span.setAttributes(end(value));
      return value;
    } catch (error) {
      this.#mark(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  /** Adds attributes to the current span (the node's): what a node decided that its update does not show. */
  annotate(attributes: Attributes): void {
    this.#scope.getStore()?.span.setAttributes(attributes);
  }

  #open(name: string, attributes: Attributes): RequestScope {
    const span = this.#tracer.startSpan(`invoke_agent ${name}`, { kind: SpanKind.INTERNAL, attributes }, ROOT_CONTEXT);
    return { span, context: trace.setSpan(ROOT_CONTEXT, span), subgraphs: new Map() };
  }

  #close(request: RequestScope, end: { attributes: Attributes; failed?: string | undefined }): void {
    for (const subgraph of request.subgraphs.values()) subgraph.span.end();
    request.subgraphs.clear();
    request.span.setAttributes(end.attributes);
    if (end.failed !== undefined) request.span.setStatus({ code: SpanStatusCode.ERROR, message: end.failed });
    request.span.end();
  }

  /** The context of the innermost subgraph on `path`; subgraph spans off the path have finished and end now. */
  #subgraphOf(request: RequestScope, path: readonly string[]): Context {
    const prefixes = path.map((_, index) => path.slice(0, index + 1).join("|"));
    for (const [namespace, subgraph] of request.subgraphs) {
      if (prefixes.includes(namespace)) continue;
      subgraph.span.end();
      request.subgraphs.delete(namespace);
    }
    let context = request.context;
    for (const namespace of prefixes) {
      let subgraph = request.subgraphs.get(namespace);
      if (subgraph === undefined) {
        const name = (namespace.split("|").at(-1) ?? "").split(":")[0] || "subgraph";
        const span = this.#tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: { "switchyard.node": name, "switchyard.subgraph": true } }, context);
        subgraph = { span, context: trace.setSpan(context, span) };
        request.subgraphs.set(namespace, subgraph);
      }
      context = subgraph.context;
    }
    return context;
  }

  /** An interrupt (approval) is a pause, not a failure: marked, and the span ends without an error status. */
  #mark(span: Span, error: unknown): void {
    if (isInterrupt(error)) {
      span.setAttribute("switchyard.interrupted", true);
      return;
    }
    span.setAttribute("error.type", error instanceof Error ? error.name : "_OTHER");
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
}
