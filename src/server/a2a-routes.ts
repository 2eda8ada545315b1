import type { AgentCard } from "@a2a-js/sdk";
import { Hono, type Context } from "hono";
import { AgentKeyRing, signLegacyCard } from "../a2a/index.ts";
import type { EventSink } from "../guardian/index.ts";
import type { SwitchyardMetrics } from "../telemetry/metrics.ts";
import type { A2aGraphAdapter } from "./a2a-adapter.ts";
import { A2aAgents, cardsAnswer } from "./a2a-agents.ts";
import type { BindingDeps } from "./a2a-bindings.ts";
import { SignedCards } from "./a2a-card.ts";
import { legacyAgentCard, wantsLegacyCard } from "./a2a-card-v03.ts";
import { A2aGate, type A2aPeer } from "./a2a-gate.ts";
import { jsonRpcRoute } from "./a2a-jsonrpc.ts";
import { restRoute } from "./a2a-rest.ts";
import { ServerTaskStore } from "./a2a-task-store.ts";
import type { Assistants } from "./assistant-registry.ts";
import type { RunManager } from "./run-manager.ts";
import type { A2aTaskState, ServerState } from "./state/server-state.ts";

/** `createServer({ a2a })`: serve every assistant as an A2A v1.0 agent. */
export interface A2aServeOptions {
  /** The URL peers reach this server at (cards, token audience); default the URL `serve()` listens on. */
  publicUrl?: string;
  /** This agent's key ring; or `keysPath` to load/generate one there; or a fresh in-memory one. */
  keys?: AgentKeyRing;
  keysPath?: string;
  /** Agents allowed to call ours. */
  peers?: readonly A2aPeer[];
  /** Accept untokened calls as `anonymous` (local development only). */
  allowAnonymous?: boolean;
  /** The guardian's event log: every refusal and each newly accepted peer goes there. */
  events?: EventSink;
  /** How each graph reads messages and answers; default the gateway's for `gateway`, messages otherwise. */
  adapters?: Record<string, A2aGraphAdapter>;
  /** Skills (A2A AgentSkill JSON) only authenticated peers see on the extended card, by graph id. */
  extendedSkills?: Record<string, readonly Record<string, unknown>[]>;
  /** Largest request body accepted (either binding); default 1 MiB. */
  maxBodyBytes?: number;
  skewSeconds?: number;
  fetch?: typeof fetch;
}

export interface A2aServeParts {
  assistants: Assistants;
  runs: RunManager;
  state: ServerState;
  tasks: A2aTaskState;
  metrics: SwitchyardMetrics;
  now: () => number;
  generateId: () => string;
}

/** The A2A routes and what they need once the server knows its URL. */
export interface A2aService {
  routes: Hono;
  keys: Promise<AgentKeyRing>;
  /** Called by `serve()`: the listening URL is the public one unless `publicUrl` was given. */
  listening(url: string): void;
}

const version = "0.1.0";


/**
 * Agent Cards (per assistant at `/a2a/{graph}/.well-known/agent-card.json`, the first at the host's
 * well-known path, all at `/a2a/agents`), the JWKS at `/a2a/jwks.json`, and both bindings through the SDK's
 * request handler behind the zero-trust gate: JSON-RPC (v1.0, and v0.3 for requests without a 1.0
 * A2A-Version) at `POST /a2a/{graph}`, HTTP+JSON (v1.0) under `/a2a/{graph}/rest`.
 *
 * @example
 * const server = createServer({ graphs, persistence, a2a: { keysPath: ".switchyard/a2a-keys.json", peers: [{ issuer, jwksUrl }] } });
 */
export function a2aService(options: A2aServeOptions, parts: A2aServeParts): A2aService {
  const keys = options.keys !== undefined ? Promise.resolve(options.keys) : AgentKeyRing.open({ ...(options.keysPath ? { path: options.keysPath } : {}), now: parts.now });
  keys.catch(() => undefined);
  let baseUrl = options.publicUrl?.replace(/\/+$/, "");
  const base = (): string => baseUrl ?? "http://127.0.0.1";
  const gate = new A2aGate({ peers: options.peers ?? [], now: parts.now, registry: parts.metrics.registry, ...(options.events ? { events: options.events } : {}), ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.skewSeconds === undefined ? {} : { skewSeconds: options.skewSeconds }), ...(options.allowAnonymous ? { allowAnonymous: true } : {}), claimTokenId: (id, expiresAtMs) => parts.tasks.claimTokenId(id, expiresAtMs) });
  const agents = new A2aAgents({
    ...parts,
    taskStore: new ServerTaskStore(parts.tasks),
    cards: new SignedCards(keys, parts.now),
    baseUrl: base,
    version,
    ...(options.adapters ? { adapters: options.adapters } : {}),
    ...(options.extendedSkills ? { extendedSkills: options.extendedSkills } : {}),
  });
  const deps: BindingDeps = { agents, gate, maxBodyBytes: options.maxBodyBytes ?? 1_048_576, baseUrl: base };

  const routes = new Hono();
  const jwks = async (context: Context) => context.json((await keys).jwks(), 200, { "cache-control": "max-age=60" });
  routes.get("/a2a/jwks.json", jwks);
  routes.get("/.well-known/jwks.json", jwks);
  routes.get("/a2a/agents", async () => cardsAnswer({ agents: await Promise.all(agents.list().map((assistant) => agents.card(assistant))) }));
  // The v0.3 shape carries a signature over itself (same key), made once per signed v1.0 card.
  const legacyCards = new WeakMap<AgentCard, Promise<string>>();
  const legacyCardAnswer = async (card: AgentCard): Promise<Response> => {
    let body = legacyCards.get(card);
    if (body === undefined) {
      body = (async () => JSON.stringify(await signLegacyCard(legacyAgentCard(card), await (await keys).signingKey(), { now: parts.now })))();
      legacyCards.set(card, body);
    }
    return new Response(await body, { headers: { "content-type": "application/json", vary: "A2A-Version" } });
  };
  // One card URL for both versions, as the SDK's card handler does: the v0.3 shape unless A2A-Version asks for 1.0.
  const cardAnswer = (context: Context, card: AgentCard): Promise<Response> | Response => (wantsLegacyCard(context.req.raw.headers) ? legacyCardAnswer(card) : cardsAnswer(card));
  routes.get("/.well-known/agent-card.json", async (context) => {
    const first = agents.list()[0];
    return first === undefined ? context.json({ error: "not_found", message: "no assistant served" }, 404) : cardAnswer(context, await agents.card(first));
  });
  routes.get("/a2a/:graph/.well-known/agent-card.json", async (context) => {
    const assistant = agents.find(context.req.param("graph"));
    if (assistant === undefined) return context.json({ error: "not_found", message: `no A2A agent "${context.req.param("graph")}". Fix: GET /a2a/agents lists them.` }, 404);
    return cardAnswer(context, await agents.card(assistant));
  });
  routes.post("/a2a/:graph", (context) => jsonRpcRoute(context, deps));
  routes.all("/a2a/:graph/rest/*", (context) => restRoute(context, deps));

  return {
    routes,
    keys,
    listening(url) {
      baseUrl ??= url.replace(/\/+$/, "");
    },
  };
}
