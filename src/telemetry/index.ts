export { percentile } from "./percentile.ts";
export { SwitchyardMetrics, type AttemptSample, type CooldownSample } from "./metrics.ts";
export { onTiming, recordTiming, type TimingListener, type TimingName } from "./timings.ts";
export { createTracing, type Tracing, type TracingOptions } from "./tracing.ts";
export { RequestTracer, type RequestEnd } from "./request-tracer.ts";
export { modelCallStart, replyAttributes, requestEnd, requestStartAttributes, type CallRole, type TracedDeployment } from "./tracing-attributes.ts";
export { tracedModelCall } from "./traced-model-call.ts";
