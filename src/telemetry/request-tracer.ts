import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import { nodeEndAttributes } from "./tracing-attributes.ts";

interface Opened {
  span: Span;
  /** The context a child of this span starts in; a node's is made only if a model call runs in it (#contextOf). */
  context?: Context;
  parent: Context;
}

/** An opened span's context for its children, made on first use: most nodes have none. */
const contextOf = (opened: Opened): Context => (opened.context ??= trace.setSpan(opened.parent, opened.span));

/** One request being traced: its span, the subgraphs its nodes ran in and the nodes running, by namespace. */
interface RequestScope extends Opened {
  subgraphs: Map<string, Opened>;
  nodes: Map<string, Opened>;
}

/** What a request span records at its end, from the run's result (or undefined when it produced none). */
export type RequestEnd<T> = (value: T | undefined) => { attributes: Attributes; failed?: string | undefined };

const isInterrupt = (error: unknown) => error instanceof Error && (error.name === "GraphInterrupt" || error.name === "NodeInterrupt");

/**
 * Spans for gateway runs without LangChain callbacks: a request span opened where the run starts
 * (`request`, `stream`), a span per graph node opened by the node wrapper every gateway node has
 * (graphs/yielding-node.ts), a span per model call (`modelCall`). They are linked by the thread id (one run
 * per thread at a time: thread leases) and the node's checkpoint namespace, which LangChain's own async context
 * already carries into every call a node makes: no callback handler (LangChain's callback plumbing alone cost
 * ~2–5 ms of CPU per request, bench/tracing.ts) and no AsyncLocalStorage of our own (each one enabled adds work
 * to every promise of the process). A subgraph (the router) gets its span from its nodes' namespaces: opened
 * with its first node, closed when a node outside it starts or the request ends.
 *
 * @example
 * const requests = new RequestTracer(provider.getTracer("switchyard"));
 * const state = await requests.request("t1", "gateway", {}, () => graph.invoke(input, config), requestEnd);
 */
export class RequestTracer {
  readonly #tracer: Tracer;
  readonly #requests = new Map<string, RequestScope>();

  constructor(tracer: Tracer) {
    this.#tracer = tracer;
  }

  /** Runs one request of a thread inside its root span (`invoke_agent NAME`). */
  async request<T>(threadId: string, name: string, attributes: Attributes, run: () => Promise<T>, end: RequestEnd<T>): Promise<T> {
    const request = this.#open(threadId, name, attributes);
    let value: T | undefined;
    try {
      value = await run();
      return value;
    } catch (error) {
      this.#mark(request.span, error);
      throw error;
    } finally {
      this.#close(threadId, request, () => end(value));
    }
  }

  /** The same for a streamed run: the span lasts until the stream has ended; its end reads the last chunk. */
  async *stream<T>(threadId: string, name: string, attributes: Attributes, open: () => AsyncIterable<T> | Promise<AsyncIterable<T>>, end: RequestEnd<T>): AsyncGenerator<T> {
    const request = this.#open(threadId, name, attributes);
    let last: T | undefined;
    try {
      for await (const chunk of await open()) {
        last = chunk;
        yield chunk;
      }
    } catch (error) {
      this.#mark(request.span, error);
      throw error;
    } finally {
      this.#close(threadId, request, () => end(last));
    }
  }

  /**
   * One graph node, named by the last segment of its checkpoint namespace (`router:…|call_model:…`). `run` is
   * the node itself (a value or a promise): no wrapper closure, every promise of a run pays the async hooks.
   */
  async node<T>(threadId: string | undefined, checkpointNs: string, run: () => T | Promise<T>): Promise<T> {
    const request = threadId === undefined ? undefined : this.#requests.get(threadId);
    // A run nobody opened a request span for (Studio, a graph invoked directly), or one the sampler left out
    // (its children would be dropped too): no span, no attribute built.
    if (request === undefined || !request.span.isRecording()) return run();
    const bar = checkpointNs.lastIndexOf("|");
    const last = checkpointNs.slice(bar + 1);
    const colon = last.indexOf(":");
    const name = (colon < 0 ? last : last.slice(0, colon)) || "node";
    const parent = bar < 0 && request.subgraphs.size === 0 ? contextOf(request) : this.#subgraphOf(request, bar < 0 ? "" : checkpointNs.slice(0, bar));
    const span = this.#tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: { "switchyard.node": name } }, parent);
    request.nodes.set(checkpointNs, { span, parent });
    try {
      const value = await run();
      span.setAttributes(nodeEndAttributes(name, value));
      return value;
    } catch (error) {
      this.#mark(span, error);
      throw error;
    } finally {
      request.nodes.delete(checkpointNs);
      span.end();
    }
  }

  /**
   * One model call under the node it runs in (`chat MODEL`, CLIENT), with what its reply says once it is back.
   * `start` names the span and gives its attributes; it is called only when a span is recorded.
   */
  async modelCall<T>(start: () => { name: string; attributes: Attributes }, run: () => Promise<T>, end: (value: T) => Attributes): Promise<T> {
    const parent = this.#current();
    if (parent === undefined || !parent.span.isRecording()) return run();
    const { name, attributes } = start();
    const span = this.#tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, contextOf(parent));
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

  /** Adds attributes to the running node's span: what a node decided that its update does not show. */
  annotate(attributes: () => Attributes): void {
    const span = this.#current()?.span;
    if (span?.isRecording() === true) span.setAttributes(attributes());
  }

  /** The span of the node this call runs in, found from LangChain's async context (thread id, namespace). */
  #current(): Opened | undefined {
    const configurable = AsyncLocalStorageProviderSingleton.getRunnableConfig()?.configurable;
    const threadId: unknown = configurable?.thread_id;
    const namespace: unknown = configurable?.checkpoint_ns;
    if (typeof threadId !== "string") return undefined;
    const request = this.#requests.get(threadId);
    if (request === undefined) return undefined;
    return (typeof namespace === "string" ? request.nodes.get(namespace) : undefined) ?? request;
  }

  #open(threadId: string, name: string, attributes: Attributes): RequestScope {
    const span = this.#tracer.startSpan(`invoke_agent ${name}`, { kind: SpanKind.INTERNAL, attributes }, ROOT_CONTEXT);
    const request = { span, parent: ROOT_CONTEXT, subgraphs: new Map(), nodes: new Map() };
    this.#requests.set(threadId, request);
    return request;
  }

  /** Ends the request's span (and its open subgraphs'); `ending` (what the run produced) is read only when recorded. */
  #close(threadId: string, request: RequestScope, ending: () => { attributes: Attributes; failed?: string | undefined }): void {
    if (this.#requests.get(threadId) === request) this.#requests.delete(threadId);
    for (const subgraph of request.subgraphs.values()) subgraph.span.end();
    request.subgraphs.clear();
    if (!request.span.isRecording()) return request.span.end();
    const end = ending();
    request.span.setAttributes(end.attributes);
    if (end.failed !== undefined) request.span.setStatus({ code: SpanStatusCode.ERROR, message: end.failed });
    request.span.end();
  }

  /**
   * The context of the innermost subgraph on `path` (`router:3`, `a:1|b:2`; "" for none); subgraph spans off
   * the path have finished and end now.
   */
  #subgraphOf(request: RequestScope, path: string): Context {
    const prefixes: string[] = [];
    for (let bar = path.indexOf("|"); bar >= 0; bar = path.indexOf("|", bar + 1)) prefixes.push(path.slice(0, bar));
    if (path !== "") prefixes.push(path);
    for (const [namespace, subgraph] of request.subgraphs) {
      if (prefixes.includes(namespace)) continue;
      subgraph.span.end();
      request.subgraphs.delete(namespace);
    }
    let context = contextOf(request);
    for (const namespace of prefixes) {
      let subgraph = request.subgraphs.get(namespace);
      if (subgraph === undefined) {
        const last = namespace.slice(namespace.lastIndexOf("|") + 1);
        const name = last.split(":")[0] || "subgraph";
        const span = this.#tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: { "switchyard.node": name, "switchyard.subgraph": true } }, context);
        subgraph = { span, parent: context };
        request.subgraphs.set(namespace, subgraph);
      }
      context = contextOf(subgraph);
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
