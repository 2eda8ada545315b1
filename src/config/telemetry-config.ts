import { z } from "zod";
import { urlField } from "./url-field.ts";

/**
 * OpenTelemetry traces (src/telemetry/tracing.ts). Off unless `enabled`: the SDK and the OTLP exporter are
 * loaded only then, so a gateway without tracing pays nothing for it.
 */
export const tracingConfigSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** OTLP/HTTP traces endpoint, e.g. http://127.0.0.1:4318/v1/traces; without it spans go to no exporter. */
  otlp_endpoint: urlField(["http", "https"], { example: "http://127.0.0.1:4318/v1/traces" }).optional(),
  service_name: z.string().min(1).default("switchyard"),
  /** Fraction of requests traced (0..1], decided once per request at its root span. */
  sample_ratio: z.number().gt(0).max(1).default(1),
});
export type TracingConfig = z.output<typeof tracingConfigSchema>;

/** `telemetry:` in switchyard.yaml; Prometheus metrics need no config, traces do. */
export const telemetryConfigSchema = z.strictObject({
  tracing: tracingConfigSchema.optional(),
});
export type TelemetryConfig = z.output<typeof telemetryConfigSchema>;
