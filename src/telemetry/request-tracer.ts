import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { ROOT_CONTEXT, SamplingDecision, SpanKind, SpanStatusCode, type Attributes } from "@opentelemetry/api";
import type { Sampler } from "@opentelemetry/sdk-trace-base";
import { newTraceId, RecordedSpan, type SpanSink } from "./recorded-span.ts";
import { nodeEndAttributes } from "./tracing-attributes.ts";

/** One request being recorded: its span, the subgraphs its nodes ran in and the nodes running. */
export interface RequestScope {
  span: RecordedSpan;
  traceId: string;
  /** The subgraphs open, outermost first: each one's namespace is a prefix of the next one's. */
  subgraphs: { namespace: string; span: RecordedSpan }[];
  /**
   * The nodes running, in the order they started: rarely more than one, so an array searched by namespace
   * (LangGraph hands a node the same string as its config's checkpoint_ns: compared by pointer first), not a
   * Map that hashes each node's new namespace string on its set, for the one model call that looks it up.
   */
  nodes: OpenNode[];
}

/** A node's span while the node runs (`RequestTracer.nodeStart`), for `nodeEnd` or `nodeFailed`. */
export interface OpenNode {
  readonly request: RequestScope;
  readonly checkpointNs: string;
  readonly span: RecordedSpan;
}

/** Takes a node off its request's running nodes. */
function forget(node: OpenNode): void {
  const nodes = node.request.nodes;
  const index = nodes.lastIndexOf(node);
  if (index === nodes.length - 1) nodes.pop();
  else if (index >= 0) nodes.splice(index, 1);
}

/** Whether `namespace` is `path` (the first `pathLength` characters of `checkpointNs`) or one of its outer namespaces (`a:1` of `a:1|b:2`). */
const encloses = (namespace: string, checkpointNs: string, pathLength: number) =>
  namespace.length <= pathLength && checkpointNs.startsWith(namespace) && (namespace.length === pathLength || checkpointNs.charCodeAt(namespace.length) === 124); /* | */

/** What a request span records at its end, from the run's result (or undefined when it produced none). */
export type RequestEnd<T> = (value: T | undefined) => { attributes: Attributes; failed?: string | undefined };

const isThenable = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown } | null | undefined)?.then === "function";

/** `run`'s value as a promise, a throw as a rejection: what an async function returning `run()` gives. */
function settle<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

const isInterrupt = (error: unknown) => error instanceof Error && (error.name === "GraphInterrupt" || error.name === "NodeInterrupt");

/**
 * Spans for gateway runs without LangChain callbacks: a request span opened where the run starts
 * (`request`, `stream`), a span per graph node opened by the node wrapper every gateway node has
 * (graphs/yielding-node.ts), a span per model call (`modelCall`). They are linked by the thread id (one run
 * per thread at a time: thread leases) and the node's checkpoint namespace, which LangChain's own async context
 * already carries into every call a node makes: no callback handler (LangChain's callback plumbing alone cost
 * ~2–5 ms of CPU per request, bench/tracing.ts) and no AsyncLocalStorage of our own (each one enabled adds work
 * to every promise of the process). A subgraph (the router) gets its span from its nodes' namespaces: opened
 * with its first node, closed when a node outside it starts or the request ends. The sampler decides once per
 * request; a request it leaves out is not registered, so its nodes and model calls run as if tracing were off.
 * Spans are RecordedSpans handed straight to the span processors (src/telemetry/recorded-span.ts), not the
 * SDK's Tracer and Span: in place, between LangGraph's work, the SDK's per-span machinery cost more than the
 * whole 0.2 ms budget of a request (bench/tracing.ts).
 *
 * @example
 * const requests = new RequestTracer({ processors: [new SpanBatches(exporter)], resource, scope: { name: "switchyard" } }, new AlwaysOnSampler());
 * const state = await requests.request("t1", "gateway", {}, () => graph.invoke(input, config), requestEnd);
 */
export class RequestTracer {
  readonly #sink: SpanSink;
  readonly #sampler: Sampler;
  readonly #requests = new Map<string, RequestScope>();

  constructor(sink: SpanSink, sampler: Sampler) {
    this.#sink = sink;
    this.#sampler = sampler;
  }

  /**
   * Runs one request of a thread inside its root span (`invoke_agent NAME`). Like `node` and `modelCall`, not
   * an async function: one `then` on the run's promise instead of an async frame's promise, suspend and resume.
   */
  request<T>(threadId: string, name: string, attributes: Attributes, run: () => Promise<T>, end: RequestEnd<T>): Promise<T> {
    const request = this.#open(threadId, name, attributes);
    if (request === undefined) return run();
    let pending: Promise<T>;
    try {
      pending = run();
    } catch (error) {
      return settle(() => this.#requestFailed(threadId, request, end, error));
    }
    return pending.then(
      (value) => {
        this.#close(threadId, request, () => end(value));
        return value;
      },
      (error: unknown) => this.#requestFailed(threadId, request, end, error),
    );
  }

  /** The request's span ends failed (or interrupted), after its subgraphs; the error is rethrown. */
  #requestFailed<T>(threadId: string, request: RequestScope, end: RequestEnd<T>, error: unknown): never {
    this.#mark(request.span, error);
    this.#close(threadId, request, () => end(undefined));
    throw error;
  }

  /** The same for a streamed run: the span lasts until the stream has ended; its end reads the last chunk. */
  async *stream<T>(threadId: string, name: string, attributes: Attributes, open: () => AsyncIterable<T> | Promise<AsyncIterable<T>>, end: RequestEnd<T>): AsyncGenerator<T> {
    const request = this.#open(threadId, name, attributes);
    if (request === undefined) {
      yield* await open();
      return;
    }
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
   * the node itself (a value or a promise). Not an async function: one `then` on the node's own promise. A
   * caller with an async frame of its own can call `nodeStart` and `nodeEnd` around its await instead; the
   * node wrapper (graphs/yielding-node.ts) did, and measured the same in place (its own frame's excess rose by
   * what the `then` gave up; docs/operations.md), so it calls this.
   */
  node<T>(threadId: string | undefined, checkpointNs: string, run: () => T | Promise<T>): Promise<T> {
    const node = this.nodeStart(threadId, checkpointNs);
    if (node === undefined) return settle(run);
    let value: T | Promise<T>;
    try {
      value = run();
    } catch (error) {
      return settle(() => this.nodeFailed(node, error));
    }
    if (!isThenable(value)) return settle(() => this.nodeEnd(node, value));
    return Promise.resolve(value).then(
      (settled) => this.nodeEnd(node, settled),
      (error: unknown) => this.nodeFailed(node, error),
    );
  }

  /**
   * Opens a node's span (see `node`); undefined when its run is not recorded: a run nobody opened a request
   * span for (Studio, a graph invoked directly), or one the sampler left out (its children would be dropped
   * too): no span, no attribute built. The caller ends it with `nodeEnd` or `nodeFailed`.
   */
  nodeStart(threadId: string | undefined, checkpointNs: string): OpenNode | undefined {
    const request = threadId === undefined ? undefined : this.#requests.get(threadId);
    if (request === undefined) return undefined;
    const bar = checkpointNs.lastIndexOf("|");
    const colon = checkpointNs.indexOf(":", bar + 1);
    // One slice for the name (`call_model` of `router:3|call_model:4`), none for the segment.
    const name = (colon < 0 ? checkpointNs.slice(bar + 1) : checkpointNs.slice(bar + 1, colon)) || "node";
    const parent = bar < 0 && request.subgraphs.length === 0 ? request.span : this.#subgraphOf(request, checkpointNs, bar < 0 ? 0 : bar);
    const span = new RecordedSpan(this.#sink, name, SpanKind.INTERNAL, { "switchyard.node": name }, parent, request.traceId);
    const node = { request, checkpointNs, span };
    request.nodes.push(node);
    return node;
  }

  /** A node's span ends with what its update says; the update is returned. */
  nodeEnd<T>(node: OpenNode, value: T): T {
    forget(node);
    const span = node.span;
    if (span.isRecording()) nodeEndAttributes(span.name, value, span.attributes);
    span.end();
    return value;
  }

  /** A node's span ends marked with its error (or interrupt), which is rethrown. */
  nodeFailed(node: OpenNode, error: unknown): never {
    forget(node);
    return this.#spanFailed(node.span, error);
  }

  /**
   * One model call under the node it runs in (`chat MODEL`, CLIENT), with what its reply says once it is back.
   * `start` names the span and builds its attributes (kept as the span's own); it is called only when a span
   * is recorded.
   */
  modelCall<T>(start: () => { name: string; attributes: Attributes }, run: () => Promise<T>, end: (value: T) => Attributes): Promise<T> {
    const parent = this.#current();
    if (parent === undefined) return run();
    const { name, attributes } = start();
    const span = new RecordedSpan(this.#sink, name, SpanKind.CLIENT, attributes, parent, parent.spanContext().traceId);
    let pending: Promise<T>;
    try {
      pending = run();
    } catch (error) {
      return settle(() => this.#spanFailed(span, error));
    }
    return pending.then(
      (value) => {
        try {
          span.setAttributes(end(value));
        } finally {
          span.end();
        }
        return value;
      },
      (error: unknown) => this.#spanFailed(span, error),
    );
  }

  /** A span ends marked with its error (or interrupt), which is rethrown. */
  #spanFailed(span: RecordedSpan, error: unknown): never {
    this.#mark(span, error);
    span.end();
    throw error;
  }

  /** Adds attributes to the running node's span: what a node decided that its update does not show. */
  annotate(attributes: () => Attributes): void {
    this.#current()?.setAttributes(attributes());
  }

  /** The span of the node this call runs in, found from LangChain's async context (thread id, namespace). */
  #current(): RecordedSpan | undefined {
    const configurable = AsyncLocalStorageProviderSingleton.getRunnableConfig()?.configurable;
    const threadId: unknown = configurable?.thread_id;
    const namespace: unknown = configurable?.checkpoint_ns;
    if (typeof threadId !== "string") return undefined;
    const request = this.#requests.get(threadId);
    if (request === undefined) return undefined;
    if (typeof namespace === "string") for (const node of request.nodes) if (node.checkpointNs === namespace) return node.span;
    return request.span;
  }

  /** The request's span when the sampler records it (registered for its nodes to find), else undefined. */
  #open(threadId: string, name: string, attributes: Attributes): RequestScope | undefined {
    const spanName = `invoke_agent ${name}`;
    const traceId = newTraceId();
    if (this.#sampler.shouldSample(ROOT_CONTEXT, traceId, spanName, SpanKind.INTERNAL, attributes, []).decision !== SamplingDecision.RECORD_AND_SAMPLED) return undefined;
    // The caller's attributes are copied (a span keeps the object it is given, and the caller may reuse theirs).
    const request = { span: new RecordedSpan(this.#sink, spanName, SpanKind.INTERNAL, {}, undefined, traceId).setAttributes(attributes), traceId, subgraphs: [], nodes: [] };
    this.#requests.set(threadId, request);
    return request;
  }

  /** Ends the request's span (and its open subgraphs'); `ending` (what the run produced) is read only when recorded. */
  #close(threadId: string, request: RequestScope, ending: () => { attributes: Attributes; failed?: string | undefined }): void {
    if (this.#requests.get(threadId) === request) this.#requests.delete(threadId);
    for (let index = request.subgraphs.length - 1; index >= 0; index--) request.subgraphs[index]!.span.end();
    request.subgraphs.length = 0;
    const end = ending();
    request.span.setAttributes(end.attributes);
    if (end.failed !== undefined) request.span.setStatus({ code: SpanStatusCode.ERROR, message: end.failed });
    request.span.end();
  }

  /**
   * The context of the innermost subgraph on the path of `checkpointNs`, its first `pathLength` characters
   * (`router:3` of `router:3|call_model:4`, `a:1|b:2`; 0 for none); subgraph spans off the path have finished and
   * end now. Read in place: a string is sliced only for a subgraph that opens.
   */
  #subgraphOf(request: RequestScope, checkpointNs: string, pathLength: number): RecordedSpan {
    // The open subgraphs are a stack (no Map, no iterator, no prefix list per node: this runs for most nodes).
    const open = request.subgraphs;
    let kept = 0;
    while (kept < open.length && pathLength > 0 && encloses(open[kept]!.namespace, checkpointNs, pathLength)) kept++;
    for (let index = open.length - 1; index >= kept; index--) open[index]!.span.end();
    open.length = kept;
    let parent = kept === 0 ? request.span : open[kept - 1]!.span;
    for (let from = kept === 0 ? 0 : open[kept - 1]!.namespace.length + 1; pathLength > 0 && from <= pathLength; ) {
      const next = checkpointNs.indexOf("|", from);
      const bar = next < 0 || next > pathLength ? pathLength : next;
      const colon = checkpointNs.indexOf(":", from);
      const name = checkpointNs.slice(from, colon < 0 || colon > bar ? bar : colon) || "subgraph";
      parent = new RecordedSpan(this.#sink, name, SpanKind.INTERNAL, { "switchyard.node": name, "switchyard.subgraph": true }, parent, request.traceId);
      open.push({ namespace: checkpointNs.slice(0, bar), span: parent });
      from = bar + 1;
    }
    return parent;
  }

  /** An interrupt (approval) is a pause, not a failure: marked, and the span ends without an error status. */
  #mark(span: RecordedSpan, error: unknown): void {
    if (isInterrupt(error)) {
      span.setAttribute("switchyard.interrupted", true);
      return;
    }
    span.setAttribute("error.type", error instanceof Error ? error.name : "_OTHER");
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
}
