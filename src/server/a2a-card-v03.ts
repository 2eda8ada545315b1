import { A2A_VERSION_HEADER, AgentCard } from "@a2a-js/sdk";

/** What a v0.3 card says its protocol is (the v0.3 schema's `protocolVersion`). */
const legacyProtocolVersion = "0.3.0";

/**
 * Whether a card request wants the v0.3 card: no `A2A-Version` header (the v0.3 default, what v0.3 clients
 * send) or a 0.x one, as the SDK's own card handler decides (`agentCardHandler({ legacyCompat })`). v1.0
 * clients, the SDK's and `RemoteAgent`, send `A2A-Version: 1.0`.
 */
export function wantsLegacyCard(headers: Headers): boolean {
  const requested = headers.get(A2A_VERSION_HEADER)?.trim();
  return requested === undefined || requested === "" || /^0\./.test(requested);
}

interface WireInterface {
  url: string;
  protocolBinding: string;
  protocolVersion?: string;
}

interface WireScheme {
  httpAuthSecurityScheme?: { scheme?: string; bearerFormat?: string; description?: string };
}

/**
 * The v0.3 shape of one of our cards: `url` and `preferredTransport` from its v0.3 JSON-RPC interface (the
 * v1.0-only HTTP+JSON interface is left out, as the SDK's `toCompatAgentCard` does), OpenAPI-style security
 * schemes, `security`, `supportsAuthenticatedExtendedCard`; the v1.0 interfaces ride along in
 * `supportedInterfaces`. The v1.0 card's signatures are carried over as the SDK carries them; they cover the
 * v1.0 card's JCS form, so the route replaces them with a signature over this shape (`signLegacyCard`).
 *
 * @example
 * const body = wantsLegacyCard(request.headers) ? legacyAgentCard(card) : AgentCard.toJSON(card);
 */
export function legacyAgentCard(card: AgentCard): Record<string, unknown> {
  const wire = AgentCard.toJSON(card) as Record<string, unknown>;
  const interfaces = (wire.supportedInterfaces ?? []) as WireInterface[];
  const legacy = interfaces.filter((entry) => entry.protocolVersion !== undefined && /^0\./.test(entry.protocolVersion));
  const primary = legacy[0] ?? interfaces[0];
  const capabilities = (wire.capabilities ?? {}) as { streaming?: boolean; pushNotifications?: boolean; extendedAgentCard?: boolean; extensions?: unknown[] };
  const schemes = Object.fromEntries(
    Object.entries((wire.securitySchemes ?? {}) as Record<string, WireScheme>).map(([name, scheme]) => {
      const http = scheme.httpAuthSecurityScheme ?? {};
      return [name, { type: "http", scheme: (http.scheme ?? "bearer").toLowerCase(), ...(http.bearerFormat ? { bearerFormat: http.bearerFormat } : {}), ...(http.description ? { description: http.description } : {}) }];
    }),
  );
  const requirements = ((wire.securityRequirements ?? []) as { schemes?: Record<string, { list?: string[] }> }[]).map((requirement) =>
    Object.fromEntries(Object.entries(requirement.schemes ?? {}).map(([name, scopes]) => [name, scopes.list ?? []])),
  );
  const skills = ((wire.skills ?? []) as Record<string, unknown>[]).map((skill) => {
    const { securityRequirements: _requirements, ...rest } = skill;
    // v0.3 leaves optional lists out rather than empty; tags are required there.
    return Object.fromEntries(Object.entries(rest).filter(([key, value]) => key === "tags" || !(Array.isArray(value) && value.length === 0)));
  });
  return {
    protocolVersion: legacyProtocolVersion,
    name: wire.name,
    description: wire.description,
    url: primary?.url,
    preferredTransport: primary?.protocolBinding ?? "JSONRPC",
    additionalInterfaces: legacy.map((entry) => ({ url: entry.url, transport: entry.protocolBinding })),
    ...(wire.provider ? { provider: wire.provider } : {}),
    version: wire.version,
    ...(wire.documentationUrl ? { documentationUrl: wire.documentationUrl } : {}),
    capabilities: { streaming: capabilities.streaming ?? false, pushNotifications: capabilities.pushNotifications ?? false, ...(capabilities.extensions?.length ? { extensions: capabilities.extensions } : {}) },
    securitySchemes: schemes,
    security: requirements,
    defaultInputModes: wire.defaultInputModes,
    defaultOutputModes: wire.defaultOutputModes,
    skills,
    supportsAuthenticatedExtendedCard: capabilities.extendedAgentCard ?? false,
    ...(Array.isArray(wire.signatures) && wire.signatures.length > 0 ? { signatures: wire.signatures } : {}),
    supportedInterfaces: interfaces,
  };
}
