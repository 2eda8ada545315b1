import { performance } from "node:perf_hooks";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { ROOT_CONTEXT, SamplingDecision, SpanKind, SpanStatusCode, type Attributes } from "@opentelemetry/api";
import type { Sampler } from "@opentelemetry/sdk-trace-base";
import { copyAttributes, finishSpan } from "./span-finish.ts";
import { failed, newTraceId, SpanForm, SpanRecord, TraceRecord, type SpanSink } from "./span-record.ts";
import type { CallRole, TracedDeployment } from "./tracing-attributes.ts";

/** Whether `namespace` is `path` (the first `pathLength` characters of `checkpointNs`) or one of its outer namespaces (`a:1` of `a:1|b:2`). */
const encloses = (namespace: string, checkpointNs: string, pathLength: number) =>
  namespace.length <= pathLength && checkpointNs.startsWith(namespace) && (namespace.length === pathLength || checkpointNs.charCodeAt(namespace.length) === 124); /* | */

/**
 * What a request span records at its end, from the run's result (or undefined when it produced none). It may
 * write its attributes into `into` (the span's own) and return that object: nothing is copied then.
 */
export type RequestEnd<T> = (value: T | undefined, into: Attributes) => { attributes: Attributes; failed?: string | undefined };

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
 * ~2–5 ms of CPU per request, bench/tracing.ts) and no AsyncLocalStorage of our own. A subgraph gets its span
 * from its nodes' namespaces: opened with its first node, closed when a node outside it starts or the request
 * ends. The sampler decides once per request; a request it leaves out is not registered, so its nodes and
 * model calls run as if tracing were off.
 *
 * On the request path a span is raw (src/telemetry/span-record.ts): two clock readings and a reference to
 * what its call returned. Names and attributes are built when the request ends, in one loop over its spans,
 * and the request's spans go to the sink together. Why: these calls run between LangGraph's work, mostly not
 * yet optimised by V8 (a gateway request calls each a few times), so every call, property and clock read on
 * them costs; the request path does the least it can (docs/operations.md, the attribution part of the bench).
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
  readonly #requests = new Map<string, TraceRecord>();

  /** `now`: a monotonic clock in ms (tests inject a stepping one). */
  constructor(sink: SpanSink, sampler: Sampler, now: () => number = performance.now.bind(performance)) {
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
    const trace = this.#open(threadId, name, attributes);
    if (trace === undefined) return run();
    let pending: Promise<T>;
    try {
      pending = run();
    } catch (error) {
      return settle(() => this.#requestFailed(threadId, trace, end, error));
    }
    return pending.then(
      (value) => {
        this.#close(threadId, trace, end, value);
        return value;
      },
      (error: unknown) => this.#requestFailed(threadId, trace, end, error),
    );
  }

  /** The request's span ends failed (or interrupted), after its subgraphs; the error is rethrown. */
  #requestFailed<T>(threadId: string, trace: TraceRecord, end: RequestEnd<T>, error: unknown): never {
    this.#mark(trace.root, error);
    this.#close(threadId, trace, end, undefined);
    throw error;
  }

  /** The same for a streamed run: the span lasts until the stream has ended; its end reads the last chunk. */
  async *stream<T>(threadId: string, name: string, attributes: Attributes, open: () => AsyncIterable<T> | Promise<AsyncIterable<T>>, end: RequestEnd<T>): AsyncGenerator<T> {
    const trace = this.#open(threadId, name, attributes);
    if (trace === undefined) {
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
      this.#mark(trace.root, error);
      throw error;
    } finally {
      this.#close(threadId, trace, end, last);
    }
  }

  /**
   * One graph node, named by the last segment of its checkpoint namespace (`router:…|call_model:…`), in a span
   * when its run is recorded: not a run nobody opened a request span for (Studio, a graph invoked directly), nor
   * one the sampler left out. `run` is the node itself (a value or a promise). Not an async function: one `then`
   * on the node's own promise; its update is kept for the span's attributes, built when the request ends.
   */
  node<T>(threadId: string | undefined, checkpointNs: string, run: () => T | Promise<T>): Promise<T> {
    const trace = threadId === undefined ? undefined : this.#requests.get(threadId);
    if (trace === undefined) return settle(run);
    const parent = trace.subgraphs === undefined && checkpointNs.indexOf("|") < 0 ? trace.root : this.#subgraphOf(trace, checkpointNs);
    const span = new SpanRecord(trace, parent, SpanForm.node, checkpointNs, this.#now());
    let value: T | Promise<T>;
    try {
      value = run();
    } catch (error) {
      return settle(() => this.#spanFailed(span, error));
    }
    return (value instanceof Promise ? value : Promise.resolve(value)).then(
      (settled: T) => {
        span.finish = this.#now();
        span.data = settled;
        if (span.trace.closed) this.#lateEnd(span);
        return settled;
      },
      (error: unknown) => this.#spanFailed(span, error),
    );
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
        span.finish = this.#now();
        span.data = replyOf === undefined ? value : replyOf(value);
        if (span.trace.closed) this.#lateEnd(span);
        return value;
      },
      (error: unknown) => this.#spanFailed(span, error),
    );
  }

  /** A span ends marked with its error (or interrupt), which is rethrown. */
  #spanFailed(span: SpanRecord, error: unknown): never {
    this.#mark(span, error);
    span.finish = this.#now();
    span.data = failed;
    if (span.trace.closed) this.#lateEnd(span);
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
    if (typeof threadId !== "string") return undefined;
    const trace = this.#requests.get(threadId);
    if (trace === undefined) return undefined;
    // The running node with this namespace, newest first (LangGraph hands a node the same string as its config's).
    const namespace: unknown = configurable?.checkpoint_ns;
    const spans = trace.spans;
    for (let index = spans.length - 1; index > 0; index--) {
      const span = spans[index]!;
      if (span.source === namespace && span.form === SpanForm.node && span.finish < 0) return span;
    }
    return trace.root;
  }

  /** The request's trace when the sampler records it (registered for its nodes to find), else undefined. */
  #open(threadId: string, name: string, attributes: Attributes): TraceRecord | undefined {
    let traceId: string | undefined;
    if (!this.#recordsAll) {
      traceId = newTraceId();
      if (this.#sampler.shouldSample(ROOT_CONTEXT, traceId, `invoke_agent ${name}`, SpanKind.INTERNAL, attributes, []).decision !== SamplingDecision.RECORD_AND_SAMPLED) return undefined;
    }
    const trace = new TraceRecord(this.#sink, name, this.#now(), Date.now(), traceId);
    trace.root.data = attributes;
    this.#requests.set(threadId, trace);
    return trace;
  }

  /**
   * Ends the request's span (and its open subgraphs'), builds every ended span's name and attributes, and hands
   * the request's spans to the sink; a span still running is handed over alone when it ends.
   */
  #close<T>(threadId: string, trace: TraceRecord, ending: RequestEnd<T>, value: T | undefined): void {
    if (this.#requests.get(threadId) === trace) this.#requests.delete(threadId);
    const now = this.#now();
    if (trace.subgraphs !== undefined) this.#endSubgraphs(trace.subgraphs, 0, now);
    const root = trace.root;
    // The caller's start attributes (a fresh object, kept), then what was marked, then the end's.
    const attributes = root.data as Attributes;
    copyAttributes(attributes, root.attributes);
    const end = ending(value, attributes);
    if (end.attributes !== attributes) copyAttributes(attributes, end.attributes);
    root.name = `invoke_agent ${root.source}`;
    root.attributes = attributes;
    root.data = undefined;
    if (end.failed !== undefined) root.status = { code: SpanStatusCode.ERROR, message: end.failed };
    root.finish = now;
    // From here a span that ends goes to the sink alone: every span still running is left out of this handover.
    trace.closed = true;
    const spans = trace.spans;
    let running = 0;
    for (let index = 1; index < spans.length; index++) {
      const span = spans[index]!;
      if (span.finish >= 0) finishSpan(span);
      else running++;
    }
    this.#sink.onTrace(running === 0 ? spans : spans.filter((span) => span.finish >= 0));
  }

  /** A span that ended after its request: built and handed over alone. */
  #lateEnd(span: SpanRecord): void {
    finishSpan(span);
    this.#sink.onTrace([span]);
  }

  /** Ends the open subgraphs from `from` on, innermost first, at `now`. */
  #endSubgraphs(open: { span: SpanRecord }[], from: number, now: number): void {
    for (let index = open.length - 1; index >= from; index--) open[index]!.span.finish = now;
    open.length = from;
  }

  /**
   * The innermost subgraph on the path of `checkpointNs` (`router:3` of `router:3|call_model:4`, `a:1|b:2`; the
   * request's span for none); subgraph spans off the path have finished and end now.
   */
  #subgraphOf(trace: TraceRecord, checkpointNs: string): SpanRecord {
    const pathLength = Math.max(0, checkpointNs.lastIndexOf("|"));
    // The open subgraphs are a stack (no Map, no iterator, no prefix list per node).
    const open = (trace.subgraphs ??= []);
    let kept = 0;
    while (kept < open.length && pathLength > 0 && encloses(open[kept]!.namespace, checkpointNs, pathLength)) kept++;
    if (kept < open.length) this.#endSubgraphs(open, kept, this.#now());
    let parent = kept === 0 ? trace.root : open[kept - 1]!.span;
    for (let from = kept === 0 ? 0 : open[kept - 1]!.namespace.length + 1; pathLength > 0 && from <= pathLength; ) {
      const next = checkpointNs.indexOf("|", from);
      const bar = next < 0 || next > pathLength ? pathLength : next;
      const colon = checkpointNs.indexOf(":", from);
      const name = checkpointNs.slice(from, colon < 0 || colon > bar ? bar : colon) || "subgraph";
      parent = new SpanRecord(trace, parent, SpanForm.subgraph, name, this.#now());
      open.push({ namespace: checkpointNs.slice(0, bar), span: parent });
      from = bar + 1;
    }
    if (open.length === 0) trace.subgraphs = undefined;
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
