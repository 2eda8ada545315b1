/**
 * A2A v1.0 protocol pieces any node or the server may use: JCS canonical JSON, this agent's key ring and
 * JWKS, signed Agent Cards, short-lived agent tokens with a replay cache, detached body signatures, and the
 * client that calls a remote agent after verifying its card.
 */
export { A2aRefusalError, refusalReasons, type RefusalReason } from "./a2a-refusal.ts";
export { canonicalJson } from "./canonical-json.ts";
export { AgentKeyRing, AgentKeyFileError, agentKeyAlgorithm, type AgentKeyRingOptions, type SigningKey } from "./agent-keys.ts";
export { TrustedKeys, type TrustedKeysOptions } from "./trusted-keys.ts";
export { signAgentCard, verifyAgentCard, defaultCardTtlSeconds, type CardCheckOptions } from "./card-signing.ts";
export { signLegacyCard } from "./legacy-card-signing.ts";
export { issueAgentToken, verifyAgentToken, defaultTokenTtlSeconds, type IssueTokenOptions, type TokenCheckOptions, type VerifiedCaller } from "./agent-tokens.ts";
export { ReplayCache, SharedReplayGuard, type ReplayGuard } from "./replay-cache.ts";
export { signBody, verifyBody, bodyDigest, checkBodyDigest, signedBodyExtension, bodySignatureHeader } from "./body-signature.ts";
export { RemoteAgent, RemoteAgentCoolingError, type RemoteAgentOptions, type RemoteMessage } from "./remote-agent.ts";
export { parseA2aRequest, parseA2aParams, type A2aRequest } from "./request-schema.ts";
export { RemoteAuthRefusedError } from "./remote-auth.ts";
