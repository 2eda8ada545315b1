import { AgentCard, A2A_PROTOCOL_VERSION } from "@a2a-js/sdk";
import { signAgentCard, signedBodyExtension, type AgentKeyRing } from "../a2a/index.ts";
import type { AssistantRecord } from "./served-graph.ts";

/** The URL of one served graph as an A2A agent (its JSON-RPC endpoint and the base of its card). */
export function agentUrl(baseUrl: string, graphId: string): string {
  return `${baseUrl}/a2a/${encodeURIComponent(graphId)}`;
}

/**
 * An assistant's Agent Card: the JSON-RPC interface (v1.0, and v0.3 on the same URL), streaming, a skill per graph, bearer JWT auth
 * (our agent tokens) and the signed-body extension, so a caller knows to sign what it sends.
 */
export function buildAgentCard(assistant: AssistantRecord, baseUrl: string, version: string): AgentCard {
  const url = agentUrl(baseUrl, assistant.graph_id);
  return AgentCard.fromJSON({
    name: assistant.graph_id,
    description: assistant.description ?? `switchyard graph ${assistant.graph_id}`,
    // The same endpoint answers v0.3 method names for older clients (no or a 0.3 A2A-Version header).
    supportedInterfaces: [
      { url, protocolBinding: "JSONRPC", protocolVersion: A2A_PROTOCOL_VERSION },
      { url, protocolBinding: "JSONRPC", protocolVersion: "0.3" },
    ],
    provider: { organization: "switchyard", url: baseUrl },
    version,
    documentationUrl: `${baseUrl}/assistants/${assistant.assistant_id}/schemas`,
    capabilities: { streaming: true, pushNotifications: false, extendedAgentCard: false, extensions: [{ uri: signedBodyExtension, description: "sign request bodies: a detached JWS over the JCS body in x-a2a-body-signature", required: false }] },
    securitySchemes: { agentJwt: { httpAuthSecurityScheme: { scheme: "Bearer", bearerFormat: "JWT", description: "ES256 agent token: iss = your agent, aud = this agent's URL, exp <= 300 s, unique jti; keys at /a2a/jwks.json" } } },
    securityRequirements: [{ schemes: { agentJwt: { list: [] } } }],
    defaultInputModes: ["text/plain", "application/json"],
    defaultOutputModes: ["text/plain", "application/json"],
    skills: [{ id: assistant.graph_id, name: assistant.name, description: assistant.description ?? `runs the ${assistant.graph_id} graph`, tags: ["langgraph", "switchyard"], examples: [], inputModes: [], outputModes: [], securityRequirements: [] }],
  });
}

/** Signed cards by graph, re-signed when the signing key rotates or half their lifetime has passed. */
export class SignedCards {
  readonly #cache = new Map<string, { card: AgentCard; kid: string; signedAt: number }>();

  constructor(
    private readonly keys: Promise<AgentKeyRing>,
    private readonly now: () => number,
    private readonly ttlSeconds = 86_400,
  ) {}

  async card(assistant: AssistantRecord, baseUrl: string, version: string): Promise<AgentCard> {
    const key = await (await this.keys).signingKey();
    const cached = this.#cache.get(assistant.graph_id);
    if (cached !== undefined && cached.kid === key.kid && this.now() - cached.signedAt < (this.ttlSeconds * 1000) / 2) return cached.card;
    const card = await signAgentCard(buildAgentCard(assistant, baseUrl, version), key, { now: this.now, ttlSeconds: this.ttlSeconds });
    this.#cache.set(assistant.graph_id, { card, kid: key.kid, signedAt: this.now() });
    return card;
  }
}
