/**
 * Verification: policies (YAML + a small typed property language), z3 proofs of plans, the runtime
 * monitor with a learned Markov risk model, PII detection and strategies, and the copyright check.
 */
export { PolicyError, PolicyInconsistentError, type PolicyLocation } from "./policy-error.ts";
export { policyFileSchema, type PolicyFile } from "./policy-schema.ts";
export { actionPermitted, type Policy, type PolicyRule, type StateVariable } from "./policy.ts";
export { loadPolicyFile, parsePolicyText } from "./load-policy.ts";
export { parseProperty, parseExpression, PropertySyntaxError } from "./property-parser.ts";
export type { Expression, Property, ValueType } from "./property-ast.ts";
export type { Value } from "./expression.ts";
export { checkPolicyConsistency, assertPolicyConsistent, type ConsistencyReport } from "./check-consistency.ts";
export { planSchema, type Plan, type PlanInput, type PlanStep } from "./plan.ts";
export { provePlan, proofKey, type ProveOptions } from "./prove-plan.ts";
export type { ProofResult, Counterexample } from "./proof-result.ts";
export { ProofCache } from "./proof-cache.ts";
export { z3, shutdownZ3, type Z3Handle } from "./z3-context.ts";
export { warmProver } from "./warm-prover.ts";
export { RuntimeMonitor, initialMonitorState, type MonitorState, type MonitorDecision, type MonitorVerdict, type RuntimeMonitorOptions, type CheckOptions } from "./runtime-monitor.ts";
export { normaliseActionName } from "./action-name.ts";
export { regexProblem } from "./safe-regex.ts";
export { structuralConflicts } from "./policy-conflicts.ts";
export { piiFindings, redactAnswer, type CopyrightChecker } from "./safety-check.ts";
export { MdpModel, VIOLATION, type MdpAssessment } from "./mdp-model.ts";
export { saveMdpModel, loadMdpModel, MDP_NAMESPACE } from "./mdp-store.ts";
export { detectPii, normalisePiiText, luhnValid, ibanValid, piiKinds, type PiiKind, type PiiFinding } from "./pii-detectors.ts";
export { scrubPii, replacementFor, piiStrategies, type PiiStrategy, type PiiScrubOptions, type PiiScrubResult } from "./pii-strategies.ts";
export { CopyrightIndex, type CopyrightCheckOptions, type CopyrightVerdict } from "./copyright-check.ts";
export { mentionedActions, smuggledActions, injectionPhrases, normaliseForMatching } from "./request-intent.ts";
export { verifyRequestText, verifyOutputText, outputBlockFindings, type TextVerdict, type TextFinding, type TextVerifierOptions } from "./verify-text.ts";
export { verifierFromConfig, type Verifier } from "./verifier-from-config.ts";
export { VerificationState, textVerdictSchema, type VerificationStateValue, type VerificationStateUpdate } from "./verification-state.ts";
export { SupportAgentState, monitorStateSchema, type SupportAgentStateValue, type SupportAgentStateUpdate, type PendingToolCall, type BlockedCall } from "./support-state.ts";
export { SupportToolLedger, supportToolSpecs, type ToolExecution } from "./support-tools.ts";
export { setThreadFact, type ActionLedger, type LedgerEntry, type NewLedgerEntry, type LedgerKind, type LedgerAdmit, type AppendResult } from "./action-ledger.ts";
export { MemoryActionLedger } from "./memory-action-ledger.ts";
export { ledgerView, callKey, factsOf, type LedgerView } from "./ledger-view.ts";
export { ledgerScope, scopedCountKey, scopedLimits, scopesOf, type ScopedCounts, type ScopedLimit } from "./scoped-limits.ts";
export { SupportAgentInput, enforcementFields, type ProofRecord } from "./support-state.ts";
export { StreamTextChecker, type StreamTextCheckerOptions, type StreamRelease } from "./stream-text-checker.ts";
export { checkedStream, type StreamPart, type CheckedPart, type CompletedToolCall, type ToolCallVerdict, type CheckedStreamOptions } from "./checked-stream.ts";
export { normaliseForPii, type NormalisedText } from "./pii-normalise.ts";
export { labelBefore, type LabelKind } from "./pii-context.ts";
export { cardIssuerValid, spanishIdValid, frenchNirValid, germanTaxIdValid } from "./pii-checksums.ts";
export { verifyJob, jobEnv, type VerificationJob } from "./verify-job.ts";
export { verifyTextOffThread, shutdownVerificationWorkers, useVerificationWorkers, VERIFY_OFF_THREAD_MIN_CHARS, type VerifyOffThreadOptions, type OffThreadVerifier } from "./verify-off-thread.ts";
export { VerificationWorkerPool, type VerificationWorkerPoolConfig, type Schedule } from "./verification-worker-pool.ts";
export { VerificationUnavailableError, type VerificationFailure } from "./verification-unavailable-error.ts";
