export { percentile } from "./percentile.ts";
export { SwitchyardMetrics, type AttemptSample, type CooldownSample } from "./metrics.ts";
