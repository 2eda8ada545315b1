/**
 * OpenAI / Gemini / Ollama wire-protocol emulators with behaviour profiles and fault injection: a test
 * and demo harness for running the real LangChain clients with no provider reachable.
 */
export { startEmulators, type EmulatorOptions, type RunningEmulators } from "./start-emulators.ts";
export { startEmulatorsInWorker, type WorkerEmulatorOptions } from "./emulator-worker.ts";
export { emulatorLauncher, type EmulatorLauncherOptions } from "./launch-emulators.ts";
export {
  defaultProfile,
  quietProfile,
  resolveBehaviour,
  emulatorProfileSchema,
  emulatorProviders,
  type BehaviourSpec,
  type EmulatorProfile,
  type EmulatorProvider,
  type ErrorMixSpec,
  type FidelitySpec,
  type LatencySpec,
  type PartialBehaviourSpec,
} from "./profile.ts";
export { loadEmulatorProfile, parseEmulatorProfile, EmulatorProfileError } from "./load-profile.ts";
export { workloadOracle, type Oracle } from "./oracle.ts";
export { synthesiseValue } from "./synthesise-value.ts";
export type { EmulatorStats, EmulatorStatsRow } from "./emulator-stats.ts";
export type { RequestMode, TransportFault } from "./plan-reply.ts";
export type { FidelityFault } from "./corrupt-answer.ts";
export { startFaultProxy, type FaultProxy, type FaultProxyOptions, type FaultRouteStats, type FaultTagStats } from "./fault-proxy.ts";
export { always, healthyPlan, FaultPicker, FaultPlanError, type Fault, type FaultKind, type FaultPhase, type FaultPlan, type FaultRule } from "./fault-plan.ts";
