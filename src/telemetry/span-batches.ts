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
 * BatchSpanProcessor does, with a span's end cut to a push onto an array. Why not the SDK's: its `onEnd` runs per
 * span on the request path, through a getter, two calls and a closure allocated per span (the export timer's
 * callback, made whether a timer is started or not), a visible part of tracing's CPU samples in place
 * (`SWITCHYARD_BENCH_PART=attribution npm run bench -- tracing`). Here the timer's callback is made once, and the
 * export work (batching, the exporter's own) runs off the span's end, as before. One export runs at a time;
 * `forceFlush` waits for it, then exports the rest; after `shutdown` spans are dropped.
 *
 * @example
 * const processor = new SpanBatches(new OTLPTraceExporter(), spanBatchOptionsFromEnv());
 */
export class SpanBatches implements SpanProcessor {
  private spans: ReadableSpan[] = [];
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

  /** A push onto the buffer; a full batch starts an export, the first span of a batch its timer. */
  onEnd(span: ReadableSpan): void {
    const spans = this.spans;
    if (spans.length >= this.maxQueueSize || this.closed !== undefined || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) {
      if (this.closed === undefined && spans.length >= this.maxQueueSize && this.dropped++ === 0) diag.debug("SpanBatches: the queue is full, dropping spans");
      return;
    }
    spans.push(span);
    if (spans.length >= this.maxExportBatchSize) this.exportInBackground();
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
    while (this.spans.length > 0) await this.exportBatch();
  }

  private exportInBackground(): void {
    if (this.exporting !== undefined) return;
    this.clearTimer();
    this.exporting = this.exportBatch()
      .catch((error: unknown) => diag.error("SpanBatches: span export failed", error))
      .finally(() => {
        this.exporting = undefined;
        // Spans that ended during the export: a full batch goes now, a partial one waits for its timer.
        if (this.spans.length >= this.maxExportBatchSize) this.exportInBackground();
        else if (this.spans.length > 0 && this.timer === undefined && this.closed === undefined) this.timer = setTimeout(this.onTimer, this.scheduledDelayMillis).unref();
      });
  }

  /** Takes one batch off the buffer and exports it; resolves when the exporter has answered. */
  private exportBatch(): Promise<void> {
    if (this.dropped > 0) {
      diag.warn(`SpanBatches: dropped ${this.dropped} spans because the queue (maxQueueSize ${this.maxQueueSize}) was full`);
      this.dropped = 0;
    }
    const batch = this.spans.length <= this.maxExportBatchSize ? this.spans : this.spans.splice(0, this.maxExportBatchSize);
    if (batch === this.spans) this.spans = [];
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

  private clearTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
