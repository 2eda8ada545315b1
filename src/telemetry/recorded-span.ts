import { ROOT_CONTEXT, SpanStatusCode, TraceFlags, type Attributes, type Exception, type HrTime, type Link, type Span, type SpanContext, type SpanKind, type SpanStatus, type TimeInput } from "@opentelemetry/api";
import type { ReadableSpan, SpanProcessor, TimedEvent } from "@opentelemetry/sdk-trace-base";
import { randomFillSync } from "node:crypto";

/** Random bytes drawn a page at a time: one span id is 8 of them, one trace id 16. */
const pool = Buffer.alloc(4096);
let used = pool.length;
/**
 * `bytes` random bytes as hex, read off the pool: one native hex encoding of a range, no Buffer made. Several
 * times faster in a hot loop than four `readUInt32BE(…).toString(16).padStart(8, "0")` per trace id (a radix
 * conversion of a heap number each); in place, in the attribution profiles, the two read about the same: kept
 * for its brevity.
 */
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString("hex", used, used + bytes);
  used += bytes;
  return hex;
}

// Shared until a span adds one: switchyard's spans have no links or events, and most keep the unset status.
const noLinks: Link[] = [];
const noEvents: TimedEvent[] = [];
const unset: SpanStatus = { code: SpanStatusCode.UNSET };

/** A fresh trace id (16 random bytes, as the W3C trace context asks), hex. */
export const newTraceId = (): string => randomHex(16);

/** Where a recorder's spans go, and what every one of them carries. */
export interface SpanSink {
  readonly processors: readonly SpanProcessor[];
  /**
   * The processors told when a span starts, when not all of them: the batch processor's `onStart` does
   * nothing, and a call per span into cold code is not free in place (src/telemetry/tracing.ts passes none).
   */
  readonly starting?: readonly SpanProcessor[];
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
 * Kept as epoch milliseconds, turned into HrTime when an exporter reads them. The attributes given to the
 * constructor become the span's own object (no copy: pass a fresh one); `setAttributes` copies, skipping null
 * and undefined.
 *
 * @example
 * const span = new RecordedSpan(sink, "accept", SpanKind.INTERNAL, { "switchyard.node": "accept" }, parent, parent.spanContext().traceId);
 * span.end();
 */
export class RecordedSpan implements ReadableSpan, Span, SpanContext {
  // Every field is `declare`d and set once in the constructor: a field with an initializer (or an ES private
  // field) is defined by a separate initializer function before the constructor's body, then assigned again,
  // 7 % of tracing's profile samples in place (`SWITCHYARD_BENCH_PART=attribution`). The private state is
  // TypeScript-private for the same reason.
  declare name: string;
  declare readonly kind: SpanKind;
  declare readonly attributes: Attributes;
  /**
   * The span is its own SpanContext (`spanContext()` returns it): no second object per span. Its span id is
   * drawn when first read: an exporter reads it in its batch, off the request; a span's parent and its
   * children read the same one.
   */
  declare readonly traceId: string;
  /** A field, not a getter: the processor reads it at every span's end (a getter call per span showed there). */
  declare readonly traceFlags: number;
  private declare id: string | undefined;
  declare status: SpanStatus;
  declare links: Link[];
  declare events: TimedEvent[];
  private declare readonly sink: SpanSink;
  private declare readonly parent: RecordedSpan | undefined;
  /** Epoch ms minus performance.now() at the trace's root: the anchor its spans' times add to. */
  private declare readonly anchor: number;
  private declare readonly start: number;
  private declare finish: number;

  constructor(sink: SpanSink, name: string, kind: SpanKind, attributes: Attributes, parent: RecordedSpan | undefined, traceId: string) {
    this.sink = sink;
    this.name = name;
    this.kind = kind;
    // Kept, not copied: the caller builds it for this span alone (a literal at each call site, or `{}`).
    this.attributes = attributes;
    this.status = unset;
    this.links = noLinks;
    this.events = noEvents;
    this.parent = parent;
    this.anchor = parent === undefined ? Date.now() - performance.now() : parent.anchor;
    this.start = this.anchor + performance.now();
    this.finish = -1;
    this.traceId = traceId;
    // Every recorded span is sampled: a request the sampler leaves out records none.
    this.traceFlags = TraceFlags.SAMPLED;
    this.id = undefined;
    for (const processor of sink.starting ?? sink.processors) processor.onStart(this, ROOT_CONTEXT);
  }

  // Constant, so on the prototype rather than three fields per span.
  get droppedAttributesCount(): number {
    return 0;
  }

  get droppedEventsCount(): number {
    return 0;
  }

  get droppedLinksCount(): number {
    return 0;
  }

  get resource(): ReadableSpan["resource"] {
    return this.sink.resource;
  }

  get instrumentationScope(): ReadableSpan["instrumentationScope"] {
    return this.sink.scope;
  }

  get parentSpanContext(): SpanContext | undefined {
    return this.parent?.spanContext();
  }

  get startTime(): HrTime {
    return hrTimeOf(this.start);
  }

  get endTime(): HrTime {
    return this.finish < 0 ? [0, 0] : hrTimeOf(this.finish);
  }

  get duration(): HrTime {
    return this.finish < 0 ? [-1, -1] : hrTimeOf(this.finish - this.start);
  }

  get ended(): boolean {
    return this.finish >= 0;
  }

  get spanId(): string {
    this.id ??= randomHex(8);
    return this.id;
  }

  spanContext(): SpanContext {
    return this;
  }

  isRecording(): boolean {
    return this.finish < 0;
  }

  setAttributes(attributes: Attributes): this {
    if (this.finish >= 0) return this;
    for (const key in attributes) {
      const value = attributes[key];
      if (value !== undefined && value !== null) this.attributes[key] = value;
    }
    return this;
  }

  setAttribute(key: string, value: Attributes[string]): this {
    if (this.finish < 0 && value !== undefined && value !== null) this.attributes[key] = value;
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (this.finish < 0) this.status = status;
    return this;
  }

  updateName(name: string): this {
    if (this.finish < 0) this.name = name;
    return this;
  }

  // The rest of the Span interface, for a processor that calls it; switchyard's own spans use none of it.
  addEvent(name: string, attributes?: Attributes | TimeInput): this {
    const plain = typeof attributes === "object" && !Array.isArray(attributes) && !(attributes instanceof Date) ? attributes : {};
    if (this.finish >= 0) return this;
    if (this.events === noEvents) this.events = [];
    this.events.push({ name, attributes: plain, time: hrTimeOf(this.anchor + performance.now()), droppedAttributesCount: 0 });
    return this;
  }

  addLink(link: Link): this {
    if (this.finish >= 0) return this;
    if (this.links === noLinks) this.links = [];
    this.links.push(link);
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
    if (this.finish >= 0) return;
    this.finish = this.anchor + performance.now();
    for (const processor of this.sink.processors) processor.onEnd(this);
  }
}
