import { SpanKind, SpanStatusCode, TraceFlags, type Attributes, type HrTime, type Link, type SpanContext, type SpanStatus } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";
import { randomFillSync } from "node:crypto";
import type { TracedDeployment } from "./tracing-attributes.ts";

/** Random bytes drawn a page at a time: one span id is 8 of them, one trace id 16. */
const pool = Buffer.alloc(4096);
let used = pool.length;
/** `bytes` random bytes as hex, read off the pool: one native hex encoding of a range, no Buffer made. */
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString("hex", used, used + bytes);
  used += bytes;
  return hex;
}

/** A fresh trace id (16 random bytes, as the W3C trace context asks), hex. */
export const newTraceId = (): string => randomHex(16);

// Shared by every span: switchyard's spans have no links or events, and most keep the unset status.
const noLinks: Link[] = [];
const noEvents: TimedEvent[] = [];
export const unsetStatus: SpanStatus = { code: SpanStatusCode.UNSET };
/** A span's attributes until something is added while it runs (a shared, empty object: never written). */
export const noAttributes: Attributes = Object.freeze({});

/** What a span records, which decides how its name and attributes are built once its request has ended. */
export const SpanForm = { request: 0, node: 1, subgraph: 2, model: 3 } as const;
export type SpanForm = (typeof SpanForm)[keyof typeof SpanForm];

/** A span's `data` when the call it records threw: its end attributes are not built. */
export const failed: unique symbol = Symbol("failed");

/** Where a request's spans go once it has ended, and what every one of them carries. */
export interface SpanSink {
  /**
   * A request's spans, every one ended, handed over once its request has ended (and a span that ended after
   * its request, alone). The batch processor (src/telemetry/span-batches.ts) takes them as they are.
   */
  onTrace(spans: readonly ReadableSpan[]): void;
  readonly resource: ReadableSpan["resource"];
  readonly scope: ReadableSpan["instrumentationScope"];
}

/** One request's trace while it runs: the spans it opened, in the order they started, the root first. */
export class TraceRecord {
  declare readonly sink: SpanSink;
  /** Epoch ms minus the clock's reading at the trace's start: what its spans' clock readings add to. */
  declare readonly anchor: number;
  declare readonly spans: SpanRecord[];
  /** The request's own span: `invoke_agent NAME`, opened with the trace. */
  declare readonly root: SpanRecord;
  /** The subgraphs open, outermost first (each one's namespace a prefix of the next one's); undefined until one opens. */
  declare subgraphs: { namespace: string; span: SpanRecord }[] | undefined;
  /** Set once the request has ended: a span ending after it goes to the sink alone. */
  declare closed: boolean;
  private declare id: string | undefined;

  /** `start`: the clock's reading now, `epoch`: Date.now(); `traceId` when the sampler needed one. */
  constructor(sink: SpanSink, name: string, start: number, epoch: number, traceId: string | undefined) {
    this.sink = sink;
    this.anchor = epoch - start;
    this.spans = [];
    this.subgraphs = undefined;
    this.closed = false;
    this.id = traceId;
    this.root = new SpanRecord(this, undefined, SpanForm.request, name, start);
  }

  /** Drawn when first read (by the exporter, in its batch) unless the sampler needed it at the start. */
  get traceId(): string {
    this.id ??= newTraceId();
    return this.id;
  }
}

const hrTimeOf = (milliseconds: number): HrTime => {
  const seconds = Math.floor(milliseconds / 1000);
  const nanos = Math.round((milliseconds - seconds * 1000) * 1e6);
  // Rounding can reach a whole second; an HrTime's nanoseconds stay below 1e9.
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos];
};

/**
 * One span, recorded raw on the request path and read by the exporters as a ReadableSpan. While the request
 * runs a span is a handful of fields: what it is (`form`), where it came from (`source`: a node's checkpoint
 * namespace, a subgraph's or a request's name, a model call's role), its parent, two clock readings, and a
 * reference to what its call returned (`data`: a node's update, a model call's reply). Its name and
 * attributes are built from those when its request ends (`finishSpan`, src/telemetry/span-finish.ts), in
 * one loop over the request's spans; times, ids and the parent's context are computed when an exporter reads
 * them, in its batch. Why: in place, between LangGraph's work, every function a span ran on the request path
 * cost several µs cold (the attribution profiles, docs/operations.md); the same work in a loop runs hot.
 */
export class SpanRecord implements ReadableSpan, SpanContext {
  // Every field is `declare`d and set once in the constructor: a field with an initializer is defined by a
  // separate initializer function before the constructor's body (7 % of tracing's samples in place, once).
  declare readonly trace: TraceRecord;
  declare readonly parent: SpanRecord | undefined;
  declare readonly form: SpanForm;
  declare readonly source: string;
  /** `source` until the request ends, then the span's name (`finishSpan`; the request's by the tracer). */
  declare name: string;
  /** What the call returned (a node's update, a model call's reply), `failed` when it threw; dropped once read. */
  declare data: unknown;
  /** A model call's deployment. */
  declare deployment: TracedDeployment | undefined;
  /** Added while the span runs (`noAttributes` until then); the span's whole set once its request has ended. */
  declare attributes: Attributes;
  declare status: SpanStatus;
  /** Clock readings (ms, the trace's clock); `finish` is -1 while the span runs. */
  declare readonly start: number;
  declare finish: number;
  private declare id: string | undefined;

  constructor(trace: TraceRecord, parent: SpanRecord | undefined, form: SpanForm, source: string, start: number) {
    this.trace = trace;
    this.parent = parent;
    this.form = form;
    this.source = source;
    this.name = source;
    this.data = undefined;
    this.deployment = undefined;
    this.attributes = noAttributes;
    this.status = unsetStatus;
    this.start = start;
    this.finish = -1;
    this.id = undefined;
    trace.spans.push(this);
  }

  /** Adds attributes while the span runs (null and undefined skipped); they stay under the end attributes. */
  annotate(attributes: Attributes): void {
    if (this.finish >= 0) return;
    if (this.attributes === noAttributes) this.attributes = {};
    for (const key in attributes) {
      const value = attributes[key];
      if (value !== undefined && value !== null) this.attributes[key] = value;
    }
  }

  get kind(): SpanKind {
    return this.form === SpanForm.model ? SpanKind.CLIENT : SpanKind.INTERNAL;
  }

  // The span is its own SpanContext (`spanContext()` returns it): no second object per span.
  get traceId(): string {
    return this.trace.traceId;
  }

  /** Drawn when first read: an exporter reads it in its batch; a span's parent and its children read the same one. */
  get spanId(): string {
    this.id ??= randomHex(8);
    return this.id;
  }

  // Every recorded span is sampled: a request the sampler leaves out records none.
  get traceFlags(): number {
    return TraceFlags.SAMPLED;
  }

  spanContext(): SpanContext {
    return this;
  }

  get parentSpanContext(): SpanContext | undefined {
    return this.parent;
  }

  get startTime(): HrTime {
    return hrTimeOf(this.trace.anchor + this.start);
  }

  get endTime(): HrTime {
    return this.finish < 0 ? [0, 0] : hrTimeOf(this.trace.anchor + this.finish);
  }

  get duration(): HrTime {
    return this.finish < 0 ? [-1, -1] : hrTimeOf(this.finish - this.start);
  }

  get ended(): boolean {
    return this.finish >= 0;
  }

  get resource(): ReadableSpan["resource"] {
    return this.trace.sink.resource;
  }

  get instrumentationScope(): ReadableSpan["instrumentationScope"] {
    return this.trace.sink.scope;
  }

  get links(): Link[] {
    return noLinks;
  }

  get events(): TimedEvent[] {
    return noEvents;
  }

  get droppedAttributesCount(): number {
    return 0;
  }

  get droppedEventsCount(): number {
    return 0;
  }

  get droppedLinksCount(): number {
    return 0;
  }
}
