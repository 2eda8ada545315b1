export { percentile } from "./percentile.ts";
export { SwitchyardMetrics, type AttemptSample, type CooldownSample } from "./metrics.ts";
export { onTiming, recordTiming, type TimingListener, type TimingName } from "./timings.ts";
