import type { ReadableSpan, Sampler, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { TracingConfig } from "../config/telemetry-config.ts";
import { RequestTracer } from "./request-tracer.ts";

/** A running tracer: where gateway runs open their spans, and how to flush and stop it. */
export interface Tracing {
  /** Request, node and model-call spans (src/telemetry/request-tracer.ts). */
  readonly requests: RequestTracer;
  /** Exports every span ended so far (to the in-memory exporter of a test, or the OTLP endpoint): read after it. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Where spans go instead of OTLP (tests, the bench: an InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** Which requests are recorded, instead of `sample_ratio` (the bench: one gateway measured traced and not). */
  sampler?: Sampler;
}

/**
 * Starts tracing when the config turns it on, else undefined: nothing is loaded and the request path opens no
 * span. The SDK and the OTLP exporter are imported here, on demand, so a process that never traces never loads
 * them. No tracer provider is registered: spans go from this engine's RequestTracer to its own span processor,
 * so two engines in one process (tests) keep their spans apart, and an application's global provider is left
 * alone. Every request is a root span, so the ratio sampler alone decides (a parent-based one would too).
 *
 * @example
 * const tracing = await createTracing({ enabled: true, service_name: "switchyard", sample_ratio: 1, otlp_endpoint: "http://127.0.0.1:4318/v1/traces" });
 */
export async function createTracing(config: TracingConfig | undefined, options: TracingOptions = {}): Promise<Tracing | undefined> {
  if (config?.enabled !== true) return undefined;
  const sdk = await import("@opentelemetry/sdk-trace-base");
  // A dependency of the SDK itself (same release line), so always present beside it.
  const { defaultResource, resourceFromAttributes } = await import("@opentelemetry/resources");
  const exporter = options.exporter ?? (await otlpExporter(config.otlp_endpoint));
  // Batched whatever the exporter, so a test or the bench measures what production runs. A SimpleSpanProcessor
  // exports each span as it ends: a promise chain and, in the in-memory exporter, a timer per span, ~0.5 ms
  // of CPU per 8-span request (bench/tracing.ts); batched by SpanBatches (the SDK's BatchSpanProcessor's
  // batching, settings and OTEL_BSP_* variables), a span's end is a push onto an array.
  const { SpanBatches, spanBatchOptionsFromEnv } = await import("./span-batches.ts");
  const processor = new SpanBatches(exporter, spanBatchOptionsFromEnv());
  // What the SDK's tracer provider would have put on every span: its default resource (telemetry.sdk.*) with
  // the service name over it, and the instrumentation scope. A request's spans reach the processor together.
  const sink = { onTrace: (spans: readonly ReadableSpan[]) => processor.onTrace(spans), resource: defaultResource().merge(resourceFromAttributes({ "service.name": config.service_name })), scope: { name: "switchyard" } };
  const sampler = options.sampler ?? (config.sample_ratio >= 1 ? new sdk.AlwaysOnSampler() : new sdk.TraceIdRatioBasedSampler(config.sample_ratio));
  return {
    requests: new RequestTracer(sink, sampler),
    flush: () => processor.forceFlush(),
    shutdown: () => processor.shutdown(),
  };
}

async function otlpExporter(endpoint: string | undefined): Promise<SpanExporter> {
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  // Without an endpoint the exporter reads OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else http://localhost:4318/v1/traces.
  return new OTLPTraceExporter(endpoint === undefined ? {} : { url: endpoint });
}
