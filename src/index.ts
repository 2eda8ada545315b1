/**
 * switchyard's root export (package "."): the engine's parts free of graph wiring. The gateway itself
 * (createGateway, with `gateway.feedback(...)`) is exported from "switchyard/graphs".
 *
 * @example
 * import { FeedbackService, AdaptivePolicy } from "switchyard";
 */
export * from "./output-modes/index.ts";
export { SwitchyardError, type SwitchyardErrorCode } from "./errors.ts";
export { startEngine, type StartEngineOptions, type StartedEngine } from "./runtime/start-engine.ts";
export type { Engine } from "./runtime/engine.ts";
