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
export { provePlan, proofKey } from "./prove-plan.ts";
export type { ProofResult, Counterexample } from "./proof-result.ts";
export { ProofCache } from "./proof-cache.ts";
export { z3, shutdownZ3, type Z3Handle } from "./z3-context.ts";
export { warmProver } from "./warm-prover.ts";
export { RuntimeMonitor, initialMonitorState, type MonitorState, type MonitorDecision, type MonitorVerdict, type RuntimeMonitorOptions } from "./runtime-monitor.ts";
export { MarkovModel, saveMarkovModel, loadMarkovModel, MARKOV_NAMESPACE, VIOLATION, type TraceStep } from "./markov-model.ts";
export { detectPii, normalisePiiText, luhnValid, ibanValid, piiKinds, type PiiKind, type PiiFinding } from "./pii-detectors.ts";
export { scrubPii, replacementFor, piiStrategies, type PiiStrategy, type PiiScrubOptions, type PiiScrubResult } from "./pii-strategies.ts";
export { CopyrightIndex, type CopyrightCheckOptions, type CopyrightVerdict } from "./copyright-check.ts";
export { mentionedActions, injectionPhrases, normaliseForMatching } from "./request-intent.ts";
export { verifyRequestText, verifyOutputText, outputBlockFindings, type TextVerdict, type TextFinding, type TextVerifierOptions } from "./verify-text.ts";
export { verifierFromConfig, type Verifier } from "./verifier-from-config.ts";
export { VerificationState, textVerdictSchema, type VerificationStateValue, type VerificationStateUpdate } from "./verification-state.ts";
export { SupportAgentState, monitorStateSchema, type SupportAgentStateValue, type SupportAgentStateUpdate, type PendingToolCall, type BlockedCall } from "./support-state.ts";
export { SupportToolLedger, supportToolSpecs, type ToolExecution } from "./support-tools.ts";
export { StreamTextChecker, type StreamTextCheckerOptions, type StreamRelease } from "./stream-text-checker.ts";
export { checkedStream, type StreamPart, type CheckedPart, type CompletedToolCall, type ToolCallVerdict, type CheckedStreamOptions } from "./checked-stream.ts";
export { normaliseForPii, type NormalisedText } from "./pii-normalise.ts";
export { labelBefore, type LabelKind } from "./pii-context.ts";
export { cardIssuerValid, spanishIdValid, frenchNirValid, germanTaxIdValid } from "./pii-checksums.ts";
