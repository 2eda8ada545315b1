import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { ROOT_CONTEXT, SamplingDecision, SpanKind, SpanStatusCode, type Attributes } from "@opentelemetry/api";
import type { Sampler } from "@opentelemetry/sdk-trace-base";
import { finishSpan } from "./span-finish.ts";
import { failed, newTraceId, SpanForm, SpanRecord, TraceRecord, type SpanSink } from "./span-record.ts";
import type { CallRole, TracedDeployment } from "./tracing-attributes.ts";

/** One request being recorded: its trace, its root span and the subgraphs its nodes ran in. */
interface RequestScope {
  trace: TraceRecord;
  root: SpanRecord;
  /** The subgraphs open, outermost first: each one's namespace is a prefix of the next one's. */
  subgraphs: { namespace: string; span: SpanRecord }[];
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

/** The monotonic clock (ms) spans read: `performance.now`, which must be called on `performance`. */
const monotonic = () => performance.now();

/**
 * Spans for gateway runs without LangChain callbacks: a request span opened where the run starts
 * (`request`, `stream`), a span per graph node opened by the node wrapper every gateway node has
 * (graphs/yielding-node.ts), a span per model call (`modelCall`). They are linked by the thread id (one run
 * per thread at a time: thread leases) and the node's checkpoint namespace, which LangChain's own async context
 * already carries into every call a node makes: no callback handler (LangChain's callback plumbing alone cost
 * ~2–5 ms of CPU per request, bench/tracing.ts) and no AsyncLocalStorage of our own. A subgraph gets its span
 * from its nodes' namespaces: opened with its first node, closed when a node outside it starts or the request
 * ends. The sampler decides once per request; a request it leaves out is not registered, so its nodes and
 * model calls run as if tracing were off. On the request path a span is raw (src/telemetry/span-record.ts):
 * two clock readings and a reference to what its call returned; names and attributes are built when the request
 * ends, in one loop over its spans, and the request's spans go to the sink together.
 *
 * @example
 * const requests = new RequestTracer({ onTrace: (spans) => batches.onTrace(spans), resource, scope: { name: "switchyard" } }, new AlwaysOnSampler());
 * const state = await requests.request("t1", "gateway", {}, () => graph.invoke(input, config), requestEnd);
 */
export class RequestTracer {
  readonly #sink: SpanSink;
  readonly #sampler: Sampler;
  /** The sampler records every request without reading its trace id (the SDK's AlwaysOnSampler): not asked. */
  readonly #recordsAll: boolean;
  readonly #now: () => number;
  readonly #requests = new Map<string, RequestScope>();

  /** `now`: a monotonic clock in ms (tests inject a stepping one). */
  constructor(sink: SpanSink, sampler: Sampler, now: () => number = monotonic) {
    this.#sink = sink;
    this.#sampler = sampler;
    this.#recordsAll = sampler.toString() === "AlwaysOnSampler";
    this.#now = now;
  }

  /**
   * Runs one request of a thread inside its root span (`invoke_agent NAME`). Like `node` and `modelCall`, not
   * an async function: one `then` on the run's promise. `attributes` is kept, not copied, until the request
   * ends: pass a fresh object.
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
        this.#close(threadId, request, end, value);
        return value;
      },
      (error: unknown) => this.#requestFailed(threadId, request, end, error),
    );
  }

  /** The request's span ends failed (or interrupted), after its subgraphs; the error is rethrown. */
  #requestFailed<T>(threadId: string, request: RequestScope, end: RequestEnd<T>, error: unknown): never {
    this.#mark(request.root, error);
    this.#close(threadId, request, end, undefined);
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
      this.#mark(request.root, error);
      throw error;
    } finally {
      this.#close(threadId, request, end, last);
    }
  }

  /**
   * One graph node, named by the last segment of its checkpoint namespace (`router:…|call_model:…`). `run` is
   * the node itself (a value or a promise). Not an async function: one `then` on the node's own promise.
   */
  node<T>(threadId: string | undefined, checkpointNs: string, run: () => T | Promise<T>): Promise<T> {
    const span = this.nodeStart(threadId, checkpointNs);
    if (span === undefined) return settle(run);
    let value: T | Promise<T>;
    try {
      value = run();
    } catch (error) {
      return settle(() => this.nodeFailed(span, error));
    }
    if (!isThenable(value)) return settle(() => this.nodeEnd(span, value));
    return Promise.resolve(value).then(
      (settled) => this.nodeEnd(span, settled),
      (error: unknown) => this.nodeFailed(span, error),
    );
  }

  /**
   * Opens a node's span (see `node`); undefined when its run is not recorded: a run nobody opened a request
   * span for (Studio, a graph invoked directly), or one the sampler left out. Ended by `nodeEnd` or `nodeFailed`.
   */
  nodeStart(threadId: string | undefined, checkpointNs: string): SpanRecord | undefined {
    const request = threadId === undefined ? undefined : this.#requests.get(threadId);
    if (request === undefined) return undefined;
    const bar = checkpointNs.lastIndexOf("|");
    const parent = bar < 0 && request.subgraphs.length === 0 ? request.root : this.#subgraphOf(request, checkpointNs, bar < 0 ? 0 : bar);
    return new SpanRecord(request.trace, parent, SpanForm.node, checkpointNs, this.#now());
  }

  /** A node's span ends; its update is kept for its attributes (built when the request ends) and returned. */
  nodeEnd<T>(span: SpanRecord, value: T): T {
    span.finish = this.#now();
    span.data = value;
    if (span.late) this.#lateEnd(span);
    return value;
  }

  /** A node's span ends marked with its error (or interrupt), which is rethrown. */
  nodeFailed(span: SpanRecord, error: unknown): never {
    return this.#spanFailed(span, error);
  }

  /**
   * One model call under the node it runs in (`chat MODEL`, CLIENT). Its name and attributes are built from
   * `deployment`, `role` and the reply (`replyOf` of the call's value) when the request ends.
   */
  modelCall<T>(deployment: TracedDeployment, role: CallRole, run: () => Promise<T>, replyOf?: (value: T) => unknown): Promise<T> {
    const parent = this.#current();
    if (parent === undefined) return run();
    const span = new SpanRecord(parent.trace, parent, SpanForm.model, role, this.#now());
    span.deployment = deployment;
    let pending: Promise<T>;
    try {
      pending = run();
    } catch (error) {
      return settle(() => this.#spanFailed(span, error));
    }
    return pending.then(
      (value) => {
        try {
          span.data = replyOf === undefined ? value : replyOf(value);
        } finally {
          this.nodeEnd(span, span.data);
        }
        return value;
      },
      (error: unknown) => this.#spanFailed(span, error),
    );
  }

  /** A span ends marked with its error (or interrupt), which is rethrown. */
  #spanFailed(span: SpanRecord, error: unknown): never {
    this.#mark(span, error);
    this.nodeEnd(span, failed);
    throw error;
  }

  /** Adds attributes to the running node's span: what a node decided that its update does not show. */
  annotate(attributes: () => Attributes): void {
    this.#current()?.annotate(attributes());
  }

  /** The span of the node this call runs in, found from LangChain's async context (thread id, namespace). */
  #current(): SpanRecord | undefined {
    const configurable = AsyncLocalStorageProviderSingleton.getRunnableConfig()?.configurable;
    const threadId: unknown = configurable?.thread_id;
    const namespace: unknown = configurable?.checkpoint_ns;
    if (typeof threadId !== "string") return undefined;
    const request = this.#requests.get(threadId);
    if (request === undefined) return undefined;
    // The running node with this namespace, newest first (LangGraph hands a node the same string as its config's).
    const spans = request.trace.spans;
    if (typeof namespace === "string") {
      for (let index = spans.length - 1; index > 0; index--) {
        const span = spans[index]!;
        if (span.form === SpanForm.node && span.finish < 0 && span.source === namespace) return span;
      }
    }
    return request.root;
  }

  /** The request's root span when the sampler records it (registered for its nodes to find), else undefined. */
  #open(threadId: string, name: string, attributes: Attributes): RequestScope | undefined {
    const spanName = `invoke_agent ${name}`;
    let traceId: string | undefined;
    if (!this.#recordsAll) {
      traceId = newTraceId();
      if (this.#sampler.shouldSample(ROOT_CONTEXT, traceId, spanName, SpanKind.INTERNAL, attributes, []).decision !== SamplingDecision.RECORD_AND_SAMPLED) return undefined;
    }
    const now = this.#now();
    const trace = new TraceRecord(this.#sink, Date.now() - now, traceId);
    const root = new SpanRecord(trace, undefined, SpanForm.request, spanName, now);
    root.data = attributes;
    const request = { trace, root, subgraphs: [] };
    this.#requests.set(threadId, request);
    return request;
  }

  /**
   * Ends the request's span (and its open subgraphs'), builds every ended span's name and attributes, and hands
   * the request's spans to the sink; a span still running is handed over alone when it ends.
   */
  #close<T>(threadId: string, request: RequestScope, ending: RequestEnd<T>, value: T | undefined): void {
    if (this.#requests.get(threadId) === request) this.#requests.delete(threadId);
    const now = this.#now();
    for (const subgraph of request.subgraphs) subgraph.span.finish = now;
    request.subgraphs.length = 0;
    const end = ending(value);
    const root = request.root;
    const attributes: Attributes = {};
    for (const from of [root.data as Attributes, root.attributes, end.attributes]) {
      for (const key in from) {
        const value = from[key];
        if (value !== undefined && value !== null) attributes[key] = value;
      }
    }
    root.attributes = attributes;
    root.data = undefined;
    if (end.failed !== undefined) root.status = { code: SpanStatusCode.ERROR, message: end.failed };
    root.finish = now;
    const trace = request.trace;
    trace.closed = true;
    const spans = trace.spans;
    let running = 0;
    for (let index = 1; index < spans.length; index++) {
      const span = spans[index]!;
      if (span.finish >= 0) finishSpan(span);
      else {
        span.late = true;
        running++;
      }
    }
    this.#sink.onTrace(running === 0 ? spans : spans.filter((span) => !span.late));
  }

  /** A span that ended after its request: built and handed over alone. */
  #lateEnd(span: SpanRecord): void {
    finishSpan(span);
    this.#sink.onTrace([span]);
  }

  /**
   * The innermost subgraph on the path of `checkpointNs`, its first `pathLength` characters (`router:3` of
   * `router:3|call_model:4`, `a:1|b:2`; 0 for none); subgraph spans off the path have finished and end now.
   */
  #subgraphOf(request: RequestScope, checkpointNs: string, pathLength: number): SpanRecord {
    // The open subgraphs are a stack (no Map, no iterator, no prefix list per node).
    const open = request.subgraphs;
    let kept = 0;
    while (kept < open.length && pathLength > 0 && encloses(open[kept]!.namespace, checkpointNs, pathLength)) kept++;
    if (kept < open.length) {
      const now = this.#now();
      for (let index = open.length - 1; index >= kept; index--) open[index]!.span.finish = now;
      open.length = kept;
    }
    let parent = kept === 0 ? request.root : open[kept - 1]!.span;
    for (let from = kept === 0 ? 0 : open[kept - 1]!.namespace.length + 1; pathLength > 0 && from <= pathLength; ) {
      const next = checkpointNs.indexOf("|", from);
      const bar = next < 0 || next > pathLength ? pathLength : next;
      const colon = checkpointNs.indexOf(":", from);
      const name = checkpointNs.slice(from, colon < 0 || colon > bar ? bar : colon) || "subgraph";
      parent = new SpanRecord(request.trace, parent, SpanForm.subgraph, name, this.#now());
      open.push({ namespace: checkpointNs.slice(0, bar), span: parent });
      from = bar + 1;
    }
    return parent;
  }

  /** An interrupt (approval) is a pause, not a failure: marked, and the span ends without an error status. */
  #mark(span: SpanRecord, error: unknown): void {
    if (isInterrupt(error)) {
      span.annotate({ "switchyard.interrupted": true });
      return;
    }
    span.annotate({ "error.type": error instanceof Error ? error.name : "_OTHER" });
    if (span.finish < 0) span.status = { code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) };
  }
}
