/** Structured output in three modes (emit, compressed, reconstruct), schema normalisation and the adaptive mode policy. */
export { isObjectSchema, nonNullBranches, type JsonSchema } from "./json-schema.ts";
export { COMPRESSED_MARKER, OUTPUT_MODES, RECONSTRUCT_MARKER, extractSchemaBlock, markedMode, renderSchemaBlock, type OutputMode } from "./protocol.ts";
export { PositionalDecodeError, decodePositional, encodePositional } from "./positional-codec.ts";
export { SchemaUnsupportedError, type OutputProvider } from "./schema-unsupported-error.ts";
export { SchemaNotCarriableError } from "./schema-not-carriable-error.ts";
export { assertSchemaCarriable, carriableModes, type SchemaCarrier } from "./check-carriable.ts";
export { findUncarriable, type UncarriableSpot } from "./uncarriable-zod.ts";
export type { NormalizeOptions } from "./normalize-options.ts";
export { normalizeSchema, toJsonSchema } from "./normalize-schema.ts";
export { parseLenientJson, type LenientResult } from "./lenient-json.ts";
export { allowsNull, coerceToSchema, type CoercionLog } from "./coerce.ts";
export { readKeyValueLines, type KeyValueRead } from "./key-value-lines.ts";
export { modePrompt, repairPrompt } from "./mode-prompt.ts";
export { prepareModeCall, type EmitMethod, type ModeCallOptions, type PreparedModeCall } from "./prepare-mode-call.ts";
export { messageText, structureOutput, type StructureFailure, type StructureResult } from "./structure-output.ts";
export { compactSchema, contractCallOptions, relaxSchema, shapeContract, type ContractCallOptions } from "./output-contract.ts";
export { outputContractSchema, type OutputContract } from "../state/output-contract.ts";
export { emptyStatistics, latencyP95, validRate, REPAIRED_CREDIT, type ModeEvidence, type ModeOutcome, type ModeStatistics } from "./mode-statistics.ts";
export {
  AdaptivePolicy,
  DEFAULT_MODES,
  type AdaptivePolicyConfig,
  type ChooseOptions,
  type ModeChoice,
  type SerialisedAdaptivePolicy,
  type TriadWeights,
} from "./adaptive-policy.ts";
export {
  autosavePolicy,
  defaultReplicaId,
  DEFAULT_POLICY_NAMESPACE,
  loadPolicy,
  POLICY_KEY,
  refreshPolicy,
  REPLICAS_LABEL,
  savePolicy,
  type PolicyAutosave,
  type PolicyAutosaveOptions,
  type PolicyRefresh,
  type PolicyReplicaOptions,
} from "./policy-store.ts";
export { PolicyContributionError, type ReplicaContribution } from "./policy-replicas.ts";
export { repairCall, type RepairCallOptions, type RepairCallResult } from "./repair-call.ts";
export { estimateModeCosts, type ModeCostEstimate, type TokenPrice } from "./mode-cost.ts";
export { expectedAnswerTokens, representativeAnswer, type AnswerSizeOptions } from "./expected-answer-size.ts";
export { codecRefusal, type CodecRefusal } from "./codec-refusal.ts";
export { shapeLines, parseShapeNotation } from "./shape-notation.ts";
export { writeKeyValueLines } from "./key-value-lines.ts";
export { feedbackSchema, FeedbackInvalidError, FeedbackService, UnknownRequestError, type FeedbackInput, type FeedbackReceipt } from "./feedback.ts";
export { ServedRequests, SERVED_NAMESPACE, type RequestLookup, type ServedRequest, type ServedRequestsConfig } from "./served-requests.ts";
export { pickShadowPartner, shadowScores } from "./shadow-evidence.ts";
export { betaBelief, productBelief, sampleBeta, type BetaBelief, type RateBelief } from "./beta-posterior.ts";
export { ShadowAgreement, type ShadowAgreementParts, type ShadowAnswer, type ShadowAsk, type ShadowConfig, type ShadowStats, type ShadowTarget } from "./shadow-agreement.ts";
export { compareAnswers, type AnswerComparison } from "./compare-answers.ts";
export { DEFAULT_PAGE_HINKLEY, emptyDetector, observeDrop, type PageHinkleyConfig, type PageHinkleyState } from "./change-detector.ts";
