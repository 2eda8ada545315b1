export { percentile } from "./percentile.ts";
export { SwitchyardMetrics, type AttemptSample, type CooldownSample } from "./metrics.ts";
export { onTiming, recordTiming, type TimingListener, type TimingName } from "./timings.ts";
export { createTracing, type Tracing, type TracingOptions } from "./tracing.ts";
export { TracingHandler } from "./tracing-handler.ts";
