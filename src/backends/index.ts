export { buildChatModel, MissingApiKeyError, type BuildModelOptions, type EmulatorUrls } from "./build-model.ts";
export { callCostUsd } from "./cost.ts";
export { createHealthProbe, HealthProbeError, probeUrl, type HealthProbeOptions } from "./health-probe.ts";
