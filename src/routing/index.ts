export { backoffDelay } from "./backoff.ts";
export { classifyError, type ClassifiedError } from "./classify-error.ts";
export { CorrectnessMemo } from "./correctness-memo.ts";
export { cooldownDecision, cooldownErrorClasses, countsForCooldown, type CooldownDecision } from "./cooldown.ts";
export { countTokens, countTokensDetailed, type CountableMessage } from "./count-tokens.ts";
export { contextWindowCheck, fallbackChain, largestContextWindow, planFallback, type FallbackCause, type FallbackPlan, type PlanFallbackOptions } from "./fallback.ts";
export { HealthMonitor, type DeploymentHealth, type HealthMonitorOptions, type HealthState } from "./health-monitor.ts";
export { MemoryRoutingStateStore } from "./memory-state-store.ts";
export { RedisRoutingStateStore, type RedisRoutingStateStoreOptions } from "./redis-state-store.ts";
export { retryDecision, type RetryAction, type RetryDecision, type RetryDecisionOptions } from "./retry-policy.ts";
export { ReleaseNotices, wakeListener } from "./release-notices.ts";
export { Router, type DeploymentStatus, type FailureRecord, type RecoveryWait, type RouterOptions } from "./router.ts";
export { createRoutingStateStore } from "./create-state-store.ts";
export { select, type SelectOptions, type SelectRequest, type Selection, type SkipCounts } from "./select.ts";
export {
  freshRuntime,
  slotPollMs,
  usageWindowMs,
  type AcquireRequest,
  type AcquireResult,
  type CooldownEntry,
  type DeploymentLimits,
  type DeploymentRuntime,
  type Lease,
  type OutcomeCounts,
  type Refusal,
  type RefusalLimit,
  type RoutingStateStore,
} from "./state-store.ts";
export { strategies, type ExpectedCorrectness, type Strategy, type StrategyChoice, type StrategyContext, type TriadWeights } from "./strategies/index.ts";
export { strategyDefaults, strategyOptions } from "./strategy-options.ts";
export { afterFirstTokenMarker, brokeAfterFirstToken, StreamInterruptedError } from "./stream-interrupted-error.ts";
export { checkInputSize, largestWindowInChain, type LargestWindow, type SizedRequest } from "./input-size-gate.ts";
export { InputTooLargeError, type InputTooLargeDetails } from "./input-too-large-error.ts";
export { realSleep, sleepUnlessWoken, type Sleep, type TimeoutSignal, type WakeListener } from "./sleep.ts";
