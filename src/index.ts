/**
 * The engine's parts free of graph wiring: errors, config, the typed gateway state, the engine and the output-mode
 * policy it learns with. The package root (`switchyard`, ../index.ts) re-exports all of this beside the graphs.
 *
 * @example
 * import { startEngine, GatewayState, SwitchyardError } from "switchyard";
 */
export { SwitchyardError, LedgerForkError, EnforcementFieldError, ThreadIdRequiredError, type SwitchyardErrorCode, type SwitchyardErrorOptions } from "./errors.ts";
export {
  ConfigError,
  ConfigNotFoundError,
  loadConfig,
  parseConfigText,
  parseConfigValue,
  type ConfigProblem,
  type LoadedConfig,
  type SwitchyardConfig,
  type SwitchyardConfigInput,
  type DeploymentConfig,
  type ModelGroupConfig,
} from "./config/index.ts";
export * from "./state/index.ts";
export { startEngine, type StartEngineOptions, type StartedEngine } from "./runtime/start-engine.ts";
export { createEngine, type Engine, type EngineParts, type Sleep, type TimeoutSignal } from "./runtime/engine.ts";
export {
  AdaptivePolicy,
  FeedbackInvalidError,
  FeedbackService,
  OUTPUT_MODES,
  UnknownRequestError,
  type FeedbackInput,
  type FeedbackReceipt,
  type OutputMode,
} from "./output-modes/index.ts";
