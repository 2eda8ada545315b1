import { context, createContextKey, ROOT_CONTEXT, TraceFlags, type Context, type ContextManager } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TraceRecord } from "../../../src/telemetry/span-record.ts";
import { SpanBatches, spanBatchOptionsFromEnv } from "../../../src/telemetry/span-batches.ts";

const sink = { onTrace: () => {}, resource: resourceFromAttributes({ "service.name": "test" }), scope: { name: "test" } };
/** An ended span of its own trace, named `name`. */
const spanNamed = (name: string) => {
  const span = new TraceRecord(sink, name, 0, Date.now(), "0af7651916cd43dd8448eb211c80319c").root;
  span.finish = 1;
  return span;
};

/** An exporter that records each batch and answers when told (or at once). */
function recordingExporter(answerAtOnce = true) {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const contexts: boolean[] = [];
  const exporter: SpanExporter = {
    export: (spans: ReadableSpan[], done) => {
      batches.push(spans.map((span) => span.name));
      contexts.push(context.active().getValue(createContextKey("OpenTelemetry SDK Context Key SUPPRESS_TRACING")) === true);
      const answer = () => done({ code: 0 });
      if (answerAtOnce) answer();
      else pending.push(answer);
    },
    shutdown: vi.fn(async () => {}),
  };
  return { exporter, batches, pending, contexts };
}

/** A synchronous context manager: without one registered, `context.with` keeps no context (the API's no-op). */
class StackContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;
  active(): Context {
    return this.current;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(next: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = next;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

beforeAll(() => {
  context.setGlobalContextManager(new StackContextManager());
});
afterAll(() => {
  context.disable();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("SpanBatches", () => {
  it("holds ended spans until a flush, then hands them to the exporter in batches of maxExportBatchSize, with tracing suppressed", async () => {
    const { exporter, batches, contexts } = recordingExporter();
    const processor = new SpanBatches(exporter, { maxExportBatchSize: 3 });
    for (const name of ["a", "b"]) processor.onEnd(spanNamed(name));
    expect(batches).toEqual([]);
    await processor.forceFlush();
    expect(batches).toEqual([["a", "b"]]);
    expect(contexts).toEqual([true]);
  });

  it("exports a full batch at once, and a partial one after scheduledDelayMillis", async () => {
    vi.useFakeTimers();
    const { exporter, batches } = recordingExporter();
    const processor = new SpanBatches(exporter, { maxExportBatchSize: 2, scheduledDelayMillis: 100 });
    for (const name of ["a", "b", "c"]) processor.onEnd(spanNamed(name));
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([["a", "b"]]);
    await vi.advanceTimersByTimeAsync(99);
    expect(batches).toEqual([["a", "b"]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([["a", "b"], ["c"]]);
  });

  it("runs one export at a time: a flush waits for the export under way, then exports what ended meanwhile", async () => {
    const { exporter, batches, pending } = recordingExporter(false);
    const processor = new SpanBatches(exporter, { maxExportBatchSize: 1 });
    processor.onEnd(spanNamed("a"));
    processor.onEnd(spanNamed("b"));
    expect(batches).toEqual([["a"]]);
    const flushed = processor.forceFlush();
    pending.shift()?.();
    await vi.waitFor(() => expect(batches).toEqual([["a"], ["b"]]));
    pending.shift()?.();
    await flushed;
  });

  it("drops spans past maxQueueSize while an export is under way, and unsampled spans", async () => {
    const { exporter, batches, pending } = recordingExporter(false);
    const processor = new SpanBatches(exporter, { maxQueueSize: 2, maxExportBatchSize: 2, scheduledDelayMillis: 60_000 });
    const unsampled = spanNamed("unsampled");
    vi.spyOn(unsampled, "spanContext").mockReturnValue({ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: TraceFlags.NONE });
    processor.onEnd(unsampled);
    for (const name of ["a", "b", "c", "d", "dropped"]) processor.onEnd(spanNamed(name));
    expect(batches).toEqual([["a", "b"]]);
    const flushed = processor.forceFlush();
    pending.shift()?.();
    await vi.waitFor(() => expect(batches).toEqual([["a", "b"], ["c", "d"]]));
    pending.shift()?.();
    await flushed;
  });

  it("after shutdown takes no span, and shuts the exporter down once", async () => {
    const { exporter, batches } = recordingExporter();
    const processor = new SpanBatches(exporter);
    processor.onEnd(spanNamed("a"));
    await processor.shutdown();
    await processor.shutdown();
    processor.onEnd(spanNamed("late"));
    await processor.forceFlush();
    expect(batches).toEqual([["a"]]);
    expect(exporter.shutdown).toHaveBeenCalledTimes(1);
  });

  it("keeps what the in-memory exporter reads: every span, in the order they ended (a full queue is a full batch, exported at once)", async () => {
    const exporter = new InMemorySpanExporter();
    const processor = new SpanBatches(exporter, { maxQueueSize: 4 });
    for (const name of ["a", "b", "c", "d", "e"]) processor.onEnd(spanNamed(name));
    await processor.forceFlush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("takes a request's spans together: split across batches at maxExportBatchSize, dropped past maxQueueSize", async () => {
    const { exporter, batches } = recordingExporter();
    const processor = new SpanBatches(exporter, { maxQueueSize: 4, maxExportBatchSize: 3, scheduledDelayMillis: 60_000 });
    processor.onTrace(["a", "b"].map(spanNamed));
    expect(batches).toEqual([]);
    processor.onTrace(["c", "d", "dropped"].map(spanNamed));
    await processor.forceFlush();
    expect(batches).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("reads the OTEL_BSP_* variables as the SDK's BatchSpanProcessor does, skipping unreadable ones", () => {
    expect(spanBatchOptionsFromEnv({ OTEL_BSP_MAX_QUEUE_SIZE: "100", OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "10", OTEL_BSP_SCHEDULE_DELAY: "250", OTEL_BSP_EXPORT_TIMEOUT: "junk" })).toEqual({ maxQueueSize: 100, maxExportBatchSize: 10, scheduledDelayMillis: 250 });
    expect(spanBatchOptionsFromEnv({})).toEqual({});
  });
});
