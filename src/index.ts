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
// The errors app code meets, each a SwitchyardError with typed fields and a message naming the fix.
export { UnknownModelGroupError } from "./runtime/unknown-model-group-error.ts";
export { DeploymentNotInGroupError, UnknownDeploymentError } from "./runtime/unknown-deployment-error.ts";
export { UnknownSchemaError } from "./runtime/schema-registry.ts";
export { InputTooLargeError } from "./routing/input-too-large-error.ts";
export { StreamInterruptedError } from "./routing/stream-interrupted-error.ts";
export { MissingApiKeyError } from "./backends/build-model.ts";
export { SchemaUnsupportedError } from "./output-modes/schema-unsupported-error.ts";
export { SchemaNotCarriableError } from "./output-modes/schema-not-carriable-error.ts";
export { PolicyError, PolicyInconsistentError } from "./verification/policy-error.ts";
export { FactUserIdError } from "./memory/fact-store.ts";
