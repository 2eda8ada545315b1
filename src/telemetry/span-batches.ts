import { context, createContextKey, diag, TraceFlags, type Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/** How spans are batched: the SDK's BatchSpanProcessor's settings, under the same names and defaults. */
export interface SpanBatchOptions {
  /** Spans held at most; past it a span is dropped (and counted). */
  maxQueueSize?: number;
  /** Spans per export call; a full batch is exported at once. */
  maxExportBatchSize?: number;
  /** How long a span waits for its batch to fill before the batch is exported anyway (ms). */
  scheduledDelayMillis?: number;
  /** An export call that has not answered by then fails (ms). */
  exportTimeoutMillis?: number;
}

/**
 * The settings the OTEL_BSP_* environment variables give (the SDK's BatchSpanProcessor reads the same ones), as
 * options: an unset or unreadable variable is left out, so the default holds.
 */
export function spanBatchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SpanBatchOptions {
  const options: SpanBatchOptions = {};
  const read = (name: string, key: keyof SpanBatchOptions) => {
    const value = Number(env[name]);
    if (env[name] !== undefined && env[name] !== "" && Number.isFinite(value) && value > 0) options[key] = value;
  };
  read("OTEL_BSP_MAX_QUEUE_SIZE", "maxQueueSize");
  read("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "maxExportBatchSize");
  read("OTEL_BSP_SCHEDULE_DELAY", "scheduledDelayMillis");
  read("OTEL_BSP_EXPORT_TIMEOUT", "exportTimeoutMillis");
  return options;
}

/**
 * The SDK's suppress-tracing flag (@opentelemetry/core's `suppressTracing`): the key is `Symbol.for` of this
 * description, so it is the same key the SDK's instrumentations read. An exporter's own HTTP calls are not traced.
 */
const suppressTracing = (active: Context) => active.setValue(createContextKey("OpenTelemetry SDK Context Key SUPPRESS_TRACING"), true);

/**
 * A span processor that buffers ended spans and hands them to the exporter in batches: what the SDK's
 * BatchSpanProcessor does, taking a request's spans in one call (`onTrace`, from the request tracer when the
 * request ends) as well as one span at a time (`onEnd`). Why not the SDK's: its `onEnd` runs per span on the
 * request path, through a getter, two calls and a closure allocated per span (the export timer's callback,
 * made whether a timer is started or not), a visible part of tracing's CPU samples in place
 * (`SWITCHYARD_BENCH_PART=attribution npm run bench -- tracing`). Here a request's spans are one push, the
 * timer's callback is made once, and the export work (batching, the exporter's own) runs off the request path.
 * One export runs at a time; `forceFlush` waits for it, then exports the rest; after `shutdown` spans are dropped.
 *
 * @example
 * const processor = new SpanBatches(new OTLPTraceExporter(), spanBatchOptionsFromEnv());
 */
export class SpanBatches implements SpanProcessor {
  /** What ended, as handed over: a request's spans together (`onTrace`), or one span (`onEnd`). */
  private held: (readonly ReadableSpan[])[] = [];
  /** How many spans `held` holds. */
  private count = 0;
  private timer: NodeJS.Timeout | undefined = undefined;
  /** The export under way, if any: one at a time, as the exporters expect. */
  private exporting: Promise<void> | undefined = undefined;
  private closed: Promise<void> | undefined = undefined;
  private dropped = 0;
  private readonly exporter: SpanExporter;
  private readonly maxQueueSize: number;
  private readonly maxExportBatchSize: number;
  private readonly scheduledDelayMillis: number;
  private readonly exportTimeoutMillis: number;
  /** Made once: the timer's callback, and what follows a background export. */
  private readonly onTimer = () => {
    this.timer = undefined;
    this.exportInBackground();
  };

  constructor(exporter: SpanExporter, options: SpanBatchOptions = {}) {
    this.exporter = exporter;
    this.maxQueueSize = options.maxQueueSize ?? 2048;
    this.maxExportBatchSize = Math.min(options.maxExportBatchSize ?? 512, this.maxQueueSize);
    this.scheduledDelayMillis = options.scheduledDelayMillis ?? 5000;
    this.exportTimeoutMillis = options.exportTimeoutMillis ?? 30_000;
  }

  onStart(_span: Span, _parentContext: Context): void {}

  /** One span (an SDK tracer's, or any ReadableSpan): held unless unsampled, see `onTrace`. */
  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    this.onTrace([span]);
  }

  /**
   * A request's spans, ended and sampled (src/telemetry/request-tracer.ts): held as they are, one push for
   * the request; the spans past `maxQueueSize` are dropped (and counted). A full batch starts an export, the
   * first spans of a batch its timer.
   */
  onTrace(spans: readonly ReadableSpan[]): void {
    if (this.closed !== undefined || spans.length === 0) return;
    const room = this.maxQueueSize - this.count;
    if (room < spans.length) {
      if (this.dropped === 0) diag.debug("SpanBatches: the queue is full, dropping spans");
      this.dropped += spans.length - Math.max(0, room);
      if (room <= 0) return;
      spans = spans.slice(0, room);
    }
    this.held.push(spans);
    this.count += spans.length;
    if (this.count >= this.maxExportBatchSize) this.exportInBackground();
    else if (this.timer === undefined) this.timer = setTimeout(this.onTimer, this.scheduledDelayMillis).unref();
  }

  /** Exports every span ended so far (after the export under way), batch by batch. */
  forceFlush(): Promise<void> {
    return this.closed ?? this.flushAll();
  }

  /** Exports what is left, then shuts the exporter down; once. */
  shutdown(): Promise<void> {
    this.closed ??= this.flushAll().finally(() => this.exporter.shutdown());
    return this.closed;
  }

  private async flushAll(): Promise<void> {
    this.clearTimer();
    // A background export fails on its own (reported there); the flush exports what is left regardless.
    await this.exporting?.catch(() => undefined);
    while (this.count > 0) await this.exportBatch();
  }

  private exportInBackground(): void {
    if (this.exporting !== undefined) return;
    this.clearTimer();
    this.exporting = this.exportBatch()
      .catch((error: unknown) => diag.error("SpanBatches: span export failed", error))
      .finally(() => {
        this.exporting = undefined;
        // Spans that ended during the export: a full batch goes now, a partial one waits for its timer.
        if (this.count >= this.maxExportBatchSize) this.exportInBackground();
        else if (this.count > 0 && this.timer === undefined && this.closed === undefined) this.timer = setTimeout(this.onTimer, this.scheduledDelayMillis).unref();
      });
  }

  /** Takes one batch off the buffer and exports it; resolves when the exporter has answered. */
  private exportBatch(): Promise<void> {
    if (this.dropped > 0) {
      diag.warn(`SpanBatches: dropped ${this.dropped} spans because the queue (maxQueueSize ${this.maxQueueSize}) was full`);
      this.dropped = 0;
    }
    const batch = this.takeBatch();
    if (batch.length === 0) return Promise.resolve();
    // A resource whose attributes are still being detected is waited for, as the SDK's processor does.
    const resource = batch[0]!.resource;
    const ready = resource.asyncAttributesPending === true && resource.waitForAsyncAttributes !== undefined ? resource.waitForAsyncAttributes() : undefined;
    const send = () =>
      new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`span export timed out after ${this.exportTimeoutMillis} ms`)), this.exportTimeoutMillis);
        context.with(suppressTracing(context.active()), () => {
          this.exporter.export(batch, (result) => {
            clearTimeout(timeout);
            if (result.code === 0 /* ExportResultCode.SUCCESS */) resolve();
            else reject(result.error ?? new Error("span export failed"));
          });
        });
      });
    return ready === undefined ? send() : ready.then(send);
  }

  /** Up to `maxExportBatchSize` of the held spans, oldest first, off the buffer (a request's spans may straddle two batches). */
  private takeBatch(): ReadableSpan[] {
    const batch: ReadableSpan[] = [];
    let taken = 0;
    for (; taken < this.held.length && batch.length < this.maxExportBatchSize; taken++) {
      const spans = this.held[taken]!;
      const room = this.maxExportBatchSize - batch.length;
      for (let index = 0; index < spans.length && index < room; index++) batch.push(spans[index]!);
      if (spans.length > room) {
        this.held[taken] = spans.slice(room);
        break;
      }
    }
    this.held.splice(0, taken);
    this.count -= batch.length;
    return batch;
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
