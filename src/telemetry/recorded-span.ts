import { ROOT_CONTEXT, SpanStatusCode, TraceFlags, type Attributes, type Exception, type HrTime, type Link, type Span, type SpanContext, type SpanKind, type SpanStatus, type TimeInput } from "@opentelemetry/api";
import type { ReadableSpan, SpanProcessor, TimedEvent } from "@opentelemetry/sdk-trace-base";
import { randomFillSync } from "node:crypto";

/** Random bytes drawn a page at a time: one span id is 8 of them, one trace id 16. */
const pool = Buffer.alloc(4096);
let used = pool.length;
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return pool.toString("hex", used - bytes, used);
}

/** A fresh trace id (16 random bytes, as the W3C trace context asks), hex. */
export const newTraceId = (): string => randomHex(16);

/** Where a recorder's spans go, and what every one of them carries. */
export interface SpanSink {
  readonly processors: readonly SpanProcessor[];
  readonly resource: ReadableSpan["resource"];
  readonly scope: ReadableSpan["instrumentationScope"];
}

const hrTimeOf = (milliseconds: number): HrTime => {
  const seconds = Math.floor(milliseconds / 1000);
  const nanos = Math.round((milliseconds - seconds * 1000) * 1e6);
  // Rounding can reach a whole second; an HrTime's nanoseconds stay below 1e9.
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos];
};

/**
 * One span as the exporters read it (ReadableSpan), recorded without the SDK's Span: no sanitising copy of
 * the attributes (switchyard writes only strings, numbers, booleans and string arrays; null and undefined are
 * skipped), no per-span metrics, no OpenTelemetry context. Times come from the monotonic clock, anchored to
 * Date.now() once per trace (at its root span): one performance.now() at each end instead of the SDK's
 * Date.now(), performance.now() and offset arithmetic per span, and a trace's spans are ordered by one clock.
 * Kept as epoch milliseconds, turned into HrTime when an exporter reads them.
 *
 * @example
 * const span = new RecordedSpan(sink, "accept", SpanKind.INTERNAL, { "switchyard.node": "accept" }, parent, parent.spanContext().traceId);
 * span.end();
 */
export class RecordedSpan implements ReadableSpan, Span {
  name: string;
  readonly kind: SpanKind;
  readonly attributes: Attributes = {};
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  readonly links: Link[] = [];
  readonly events: TimedEvent[] = [];
  readonly droppedAttributesCount = 0;
  readonly droppedEventsCount = 0;
  readonly droppedLinksCount = 0;
  readonly #sink: SpanSink;
  readonly #context: SpanContext;
  readonly #parent: RecordedSpan | undefined;
  /** Epoch ms minus performance.now() at the trace's root: the anchor its spans' times add to. */
  readonly #anchor: number;
  readonly #start: number;
  #end = -1;

  constructor(sink: SpanSink, name: string, kind: SpanKind, attributes: Attributes, parent: RecordedSpan | undefined, traceId: string) {
    this.#sink = sink;
    this.name = name;
    this.kind = kind;
    this.#parent = parent;
    this.#anchor = parent === undefined ? Date.now() - performance.now() : parent.#anchor;
    this.#start = this.#anchor + performance.now();
    this.#context = { traceId, spanId: randomHex(8), traceFlags: TraceFlags.SAMPLED };
    this.setAttributes(attributes);
    for (const processor of sink.processors) processor.onStart(this, ROOT_CONTEXT);
  }

  get resource(): ReadableSpan["resource"] {
    return this.#sink.resource;
  }

  get instrumentationScope(): ReadableSpan["instrumentationScope"] {
    return this.#sink.scope;
  }

  get parentSpanContext(): SpanContext | undefined {
    return this.#parent?.spanContext();
  }

  get startTime(): HrTime {
    return hrTimeOf(this.#start);
  }

  get endTime(): HrTime {
    return this.#end < 0 ? [0, 0] : hrTimeOf(this.#end);
  }

  get duration(): HrTime {
    return this.#end < 0 ? [-1, -1] : hrTimeOf(this.#end - this.#start);
  }

  get ended(): boolean {
    return this.#end >= 0;
  }

  spanContext(): SpanContext {
    return this.#context;
  }

  isRecording(): boolean {
    return this.#end < 0;
  }

  setAttributes(attributes: Attributes): this {
    if (this.#end >= 0) return this;
    for (const key in attributes) {
      const value = attributes[key];
      if (value !== undefined && value !== null) this.attributes[key] = value;
    }
    return this;
  }

  setAttribute(key: string, value: Attributes[string]): this {
    if (this.#end < 0 && value !== undefined && value !== null) this.attributes[key] = value;
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (this.#end < 0) this.status = status;
    return this;
  }

  updateName(name: string): this {
    if (this.#end < 0) this.name = name;
    return this;
  }

  // The rest of the Span interface, for a processor that calls it; switchyard's own spans use none of it.
  addEvent(name: string, attributes?: Attributes | TimeInput): this {
    const plain = typeof attributes === "object" && !Array.isArray(attributes) && !(attributes instanceof Date) ? attributes : {};
    if (this.#end < 0) this.events.push({ name, attributes: plain, time: hrTimeOf(this.#anchor + performance.now()), droppedAttributesCount: 0 });
    return this;
  }

  addLink(link: Link): this {
    if (this.#end < 0) this.links.push(link);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  recordException(exception: Exception): void {
    const message = typeof exception === "string" ? exception : exception.message;
    this.addEvent("exception", message === undefined ? {} : { "exception.message": message });
  }

  /** Ends the span once and hands it to the processors (a batch processor: a push onto its buffer). */
  end(): void {
    if (this.#end >= 0) return;
    this.#end = this.#anchor + performance.now();
    for (const processor of this.#sink.processors) processor.onEnd(this);
  }
}
