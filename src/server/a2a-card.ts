import { AgentCard, AgentSkill, A2A_PROTOCOL_VERSION } from "@a2a-js/sdk";
import { signAgentCard, signedBodyExtension, type AgentKeyRing } from "../a2a/index.ts";
import type { AssistantRecord } from "./served-graph.ts";

/** The URL of one served graph as an A2A agent (its JSON-RPC endpoint, the base of its card, the token audience). */
export function agentUrl(baseUrl: string, graphId: string): string {
  return `${baseUrl}/a2a/${encodeURIComponent(graphId)}`;
}

/** The graph's HTTP+JSON (REST) interface: under the agent URL, on the same port. */
export function restUrl(baseUrl: string, graphId: string): string {
  return `${agentUrl(baseUrl, graphId)}/rest`;
}

/** The extension that carries a graph's input and output JSON schemas on the extended card. */
export const graphSchemasExtension = "urn:switchyard:a2a:graph-schemas:v1";

/**
 * An assistant's Agent Card: the JSON-RPC interface (v1.0, and v0.3 on the same URL) and the HTTP+JSON one
 * (v1.0), streaming, an extended card for authenticated peers, no push notifications, a skill per graph,
 * bearer JWT auth (our agent tokens) and the signed-body extension, so a caller knows to sign what it sends.
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
      { url: restUrl(baseUrl, assistant.graph_id), protocolBinding: "HTTP+JSON", protocolVersion: A2A_PROTOCOL_VERSION },
    ],
    provider: { organization: "switchyard", url: baseUrl },
    version,
    documentationUrl: `${baseUrl}/assistants/${assistant.assistant_id}/schemas`,
    // Push stays off: a webhook the server calls is an SSRF door and a second delivery path to secure; peers poll
    // (ListTasks, GetTask) or stream (SendStreamingMessage, SubscribeToTask) instead.
    capabilities: { streaming: true, pushNotifications: false, extendedAgentCard: true, extensions: [{ uri: signedBodyExtension, description: "sign request bodies: their digest in your token (bdh: base64url SHA-256 of the JCS body), or a detached JWS over the JCS body in x-a2a-body-signature", required: false }] },
    securitySchemes: { agentJwt: { httpAuthSecurityScheme: { scheme: "Bearer", bearerFormat: "JWT", description: "ES256 agent token: iss = your agent, aud = this agent's URL, exp <= 300 s, unique jti; keys at /a2a/jwks.json" } } },
    securityRequirements: [{ schemes: { agentJwt: { list: [] } } }],
    defaultInputModes: ["text/plain", "application/json"],
    defaultOutputModes: ["text/plain", "application/json"],
    skills: [{ id: assistant.graph_id, name: assistant.name, description: assistant.description ?? `runs the ${assistant.graph_id} graph`, tags: ["langgraph", "switchyard"], examples: [], inputModes: [], outputModes: [], securityRequirements: [] }],
  });
}

/** What only authenticated peers see: the graph's schemas and the skills the operator keeps off the public card. */
export interface ExtendedCardParts {
  inputSchema: unknown;
  outputSchema: unknown;
  /** Extra skills (A2A AgentSkill JSON), listed after the graph's own. */
  skills?: readonly Record<string, unknown>[];
}

/**
 * The authenticated extended card (GetExtendedAgentCard): the public card plus the graph's input and output
 * JSON schemas (an extension a caller can build its message from) and the private skills.
 */
export function buildExtendedAgentCard(assistant: AssistantRecord, baseUrl: string, version: string, parts: ExtendedCardParts): AgentCard {
  const card = buildAgentCard(assistant, baseUrl, version);
  const schemas = { uri: graphSchemasExtension, description: "the graph's input and output JSON schemas", required: false, params: { input_schema: parts.inputSchema ?? null, output_schema: parts.outputSchema ?? null } };
  return {
    ...card,
    capabilities: card.capabilities === undefined ? undefined : { ...card.capabilities, extensions: [...card.capabilities.extensions, schemas] },
    skills: [...card.skills, ...(parts.skills ?? []).map((skill) => AgentSkill.fromJSON(skill))],
  };
}

/** Signed cards by name (graph, or graph and kind), re-signed when the signing key rotates or half their lifetime has passed. */
export class SignedCards {
  readonly #cache = new Map<string, { card: AgentCard; kid: string; signedAt: number }>();

  constructor(
    private readonly keys: Promise<AgentKeyRing>,
    private readonly now: () => number,
    private readonly ttlSeconds = 86_400,
  ) {}

  async card(name: string, build: () => AgentCard): Promise<AgentCard> {
    const key = await (await this.keys).signingKey();
    const cached = this.#cache.get(name);
    if (cached !== undefined && cached.kid === key.kid && this.now() - cached.signedAt < (this.ttlSeconds * 1000) / 2) return cached.card;
    const card = await signAgentCard(build(), key, { now: this.now, ttlSeconds: this.ttlSeconds });
    this.#cache.set(name, { card, kid: key.kid, signedAt: this.now() });
    return card;
  }
}
