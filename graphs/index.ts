/**
 * switchyard's public API: build a gateway from a config, invoke it, stream it, resume its threads.
 */
export { createGateway, InvalidRequestError, type CreateGatewayOptions, type Gateway } from "./create-gateway.ts";
export { buildRouterGraph, router } from "./router.ts";
export { buildGatewayGraph, compileGateway, type CompiledGateway, type GatewayContext } from "./gateway.ts";
export { loadConfig, parseConfigText, parseConfigValue, ConfigError, type SwitchyardConfig } from "../src/config/index.ts";
export { startEngine, type StartedEngine } from "../src/runtime/start-engine.ts";
export type { GatewayRequestInput, GatewayStateValue, Attempt } from "../src/state/gateway-state.ts";
export { SwitchyardError } from "../src/errors.ts";
export { FeedbackInvalidError, UnknownRequestError, type FeedbackInput, type FeedbackReceipt } from "../src/output-modes/feedback.ts";
export { ThreadBusyError, type ThreadLeases, type ThreadLease } from "../checkpoints/index.ts";
export { buildMemoryGraph, compileMemory, memory, type CompileMemoryOptions, type CompiledMemory } from "./memory.ts";
export { buildVerificationGraph, verification } from "./verification.ts";
export { buildGuardianGraph, guardian } from "./guardian.ts";
export { compileAllGraphs, graphIds, type AllGraphs, type CompileAllGraphsOptions, type GraphId } from "./all-graphs.ts";
export { buildSupportAgentGraph, compileSupportAgent, supportAgentGraph, type CompileSupportAgentOptions, type SupportAgentContext } from "./support-agent.ts";
export { EngineMissingError } from "../src/runtime/engine-missing-error.ts";
export { EmulatorsRequiredError, type EmulatedBackends, type EmulatorLauncher } from "../src/backends/emulated-backends.ts";
export type { Engine } from "../src/runtime/engine.ts";
export type { Routing } from "../src/runtime/routing.ts";
export { buildDelegatingSupportGraph, compileDelegatingSupport, DelegatingSupportState } from "./delegating-support.ts";
