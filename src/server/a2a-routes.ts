import { A2A_VERSION_HEADER, AgentCard, SSE_HEADERS, formatSSEErrorEvent, formatSSEEvent } from "@a2a-js/sdk";
import { DefaultRequestHandler, JsonRpcTransportHandler, ServerCallContext, validateVersion, type User } from "@a2a-js/sdk/server";
import { LegacyJsonRpcTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { Hono, type Context } from "hono";
import { A2aRefusalError, AgentKeyRing, bodySignatureHeader, parseA2aRequest, type A2aRequest, type VerifiedCaller } from "../a2a/index.ts";
import type { EventSink } from "../guardian/index.ts";
import type { SwitchyardMetrics } from "../telemetry/metrics.ts";
import { gatewayAdapter, messagesAdapter, type A2aGraphAdapter } from "./a2a-adapter.ts";
import { SignedCards, agentUrl } from "./a2a-card.ts";
import { RunAgentExecutor } from "./a2a-executor.ts";
import { A2aGate, refusalAnswer, type A2aPeer } from "./a2a-gate.ts";
import { StoreTaskStore } from "./a2a-task-store.ts";
import { tooDeep } from "./json-depth.ts";
import type { RunManager } from "./run-manager.ts";
import type { Assistants, AssistantRecord } from "./assistant-registry.ts";
import { uuid5 } from "./served-graph.ts";
import type { ServerTables } from "./server-tables.ts";

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
  /** Largest JSON-RPC body accepted; default 1 MiB. */
  maxBodyBytes?: number;
  skewSeconds?: number;
  fetch?: typeof fetch;
}

export interface A2aServeParts {
  assistants: Assistants;
  runs: RunManager;
  tables: ServerTables;
  store: BaseStore;
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

class AgentUser implements User {
  constructor(readonly userName: string) {}
  get isAuthenticated(): boolean {
    return true;
  }
}

const version = "0.1.0";

/**
 * Agent Cards (per assistant at `/a2a/{graph}/.well-known/agent-card.json`, the first at the host's
 * well-known path, all at `/a2a/agents`), the JWKS at `/a2a/jwks.json`, and the JSON-RPC binding (v1.0, and
 * v0.3 for requests without a 1.0 A2A-Version) at `POST /a2a/{graph}` through the SDK's request handler,
 * behind the zero-trust gate.
 *
 * @example
 * const server = createServer({ graphs, persistence, a2a: { keysPath: ".switchyard/a2a-keys.json", peers: [{ issuer, jwksUrl }] } });
 */
export function a2aService(options: A2aServeOptions, parts: A2aServeParts): A2aService {
  const keys = options.keys !== undefined ? Promise.resolve(options.keys) : AgentKeyRing.open({ ...(options.keysPath ? { path: options.keysPath } : {}), now: parts.now });
  keys.catch(() => undefined);
  let baseUrl = options.publicUrl?.replace(/\/+$/, "");
  const cards = new SignedCards(keys, parts.now);
  const gate = new A2aGate({ peers: options.peers ?? [], now: parts.now, registry: parts.metrics.registry, ...(options.events ? { events: options.events } : {}), ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.skewSeconds === undefined ? {} : { skewSeconds: options.skewSeconds }), ...(options.allowAnonymous ? { allowAnonymous: true } : {}) });
  const taskStore = new StoreTaskStore(parts.store);
  const transports = new Map<string, { current: JsonRpcTransportHandler; legacy: LegacyJsonRpcTransportHandler }>();
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;

  const base = (): string => baseUrl ?? "http://127.0.0.1";
  // One agent per graph: the graph's own assistant (assistants callers created are not agents of their own).
  const agents = (): AssistantRecord[] => parts.assistants.all().filter((record) => record.assistant_id === uuid5(record.graph_id));
  const assistantOf = (graph: string): AssistantRecord | undefined => agents().find((record) => record.graph_id === graph);
  const executors = new Map<string, RunAgentExecutor>();
  const executorFor = (assistant: AssistantRecord): RunAgentExecutor => {
    let executor = executors.get(assistant.graph_id);
    if (executor === undefined) {
      const adapter = options.adapters?.[assistant.graph_id] ?? (assistant.graph_id === "gateway" ? gatewayAdapter : messagesAdapter);
      executor = new RunAgentExecutor({ runs: parts.runs, tables: parts.tables, store: parts.store, graphId: assistant.graph_id, adapter, now: parts.now, generateId: parts.generateId });
      executors.set(assistant.graph_id, executor);
    }
    return executor;
  };
  // A task a restart left mid-run is settled by its graph's executor from the run's record when it is read.
  taskStore.settle = async (task) => {
    const graph = (await parts.store.get(["switchyard", "a2a", "runs"], task.id))?.value.graph_id;
    const assistant = typeof graph === "string" ? assistantOf(graph) : undefined;
    return assistant === undefined ? undefined : executorFor(assistant).settle(task);
  };
  const transportFor = (assistant: AssistantRecord): { current: JsonRpcTransportHandler; legacy: LegacyJsonRpcTransportHandler } => {
    let transport = transports.get(assistant.graph_id);
    if (transport === undefined) {
      const executor = executorFor(assistant);
      const card = AgentCard.fromJSON({ name: assistant.graph_id, supportedInterfaces: ["1.0", "0.3"].map((protocolVersion) => ({ url: agentUrl(base(), assistant.graph_id), protocolBinding: "JSONRPC", protocolVersion })), capabilities: { streaming: true } });
      const handler = new DefaultRequestHandler(card, taskStore, executor);
      transport = { current: new JsonRpcTransportHandler(handler), legacy: new LegacyJsonRpcTransportHandler(handler) };
      transports.set(assistant.graph_id, transport);
    }
    return transport;
  };
  const cardJson = async (assistant: AssistantRecord) => AgentCard.toJSON(await cards.card(assistant, base(), version)) as Record<string, unknown>;

  const routes = new Hono();
  const jwks = async (context: Context) => context.json((await keys).jwks(), 200, { "cache-control": "max-age=60" });
  routes.get("/a2a/jwks.json", jwks);
  routes.get("/.well-known/jwks.json", jwks);
  routes.get("/a2a/agents", async (context) => context.json({ agents: await Promise.all(agents().map(cardJson)) }));
  routes.get("/.well-known/agent-card.json", async (context) => {
    const first = agents()[0];
    return first === undefined ? context.json({ error: "not_found", message: "no assistant served" }, 404) : context.json(await cardJson(first));
  });
  routes.get("/a2a/:graph/.well-known/agent-card.json", async (context) => {
    const assistant = assistantOf(context.req.param("graph"));
    if (assistant === undefined) return context.json({ error: "not_found", message: `no A2A agent "${context.req.param("graph")}". Fix: GET /a2a/agents lists them.` }, 404);
    return context.json(await cardJson(assistant));
  });

  routes.post("/a2a/:graph", async (context) => {
    const graph = context.req.param("graph");
    const assistant = assistantOf(graph);
    if (assistant === undefined) return context.json({ jsonrpc: "2.0", id: null, error: { code: -32601, message: `no A2A agent "${graph}". Fix: GET /a2a/agents lists them.` } }, 404);
    let caller: VerifiedCaller | undefined;
    let body: unknown;
    let request: A2aRequest | undefined;
    try {
      if (Number(context.req.header("content-length") ?? 0) > maxBodyBytes) throw new A2aRefusalError("payload_too_large", `body of ${context.req.header("content-length")} bytes; at most ${maxBodyBytes}.`);
      caller = await gate.authenticate(context.req.header("authorization"), agentUrl(base(), graph));
      const text = await context.req.text();
      if (Buffer.byteLength(text) > maxBodyBytes) throw new A2aRefusalError("payload_too_large", `body of ${Buffer.byteLength(text)} bytes; at most ${maxBodyBytes}.`);
      try {
        body = JSON.parse(text);
      } catch {
        throw new A2aRefusalError("payload_malformed", "the body is not JSON. Fix: send a JSON-RPC 2.0 request.");
      }
      const depth = tooDeep(body);
      if (depth !== undefined) throw new A2aRefusalError("payload_malformed", `the body nests ${depth} levels deep. Fix: flatten it.`);
      await gate.checkBody(caller, body, context.req.header(bodySignatureHeader));
      request = parseA2aRequest(body);
    } catch (error) {
      if (!(error instanceof A2aRefusalError)) throw error;
      gate.refused(error, { graph, ...(caller ? { issuer: caller.issuer } : {}) });
      const answer = refusalAnswer(error.reason);
      const headers: Record<string, string> = answer.status === 401 ? { "www-authenticate": `Bearer error="invalid_token", error_description="${error.reason}"` } : {};
      return context.json({ jsonrpc: "2.0", id: null, error: { code: answer.code, message: error.message, data: [{ reason: error.reason }] } }, answer.status, headers);
    }
    gate.accepted(caller, graph);
    const requestedVersion = context.req.header(A2A_VERSION_HEADER);
    const callContext = new ServerCallContext({ ...(caller ? { user: new AgentUser(caller.issuer) } : {}), ...(requestedVersion ? { requestedVersion } : {}) });
    // No A2A-Version header means v0.3 (the spec's default): those requests get the v0.3 method names.
    const legacy = (requestedVersion ?? "0.3") === "0.3";
    const mapError = legacy ? LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError : JsonRpcTransportHandler.mapToJSONRPCError;
    const transport = legacy ? transportFor(assistant).legacy : transportFor(assistant).current;
    const id = request?.id ?? null;
    try {
      validateVersion(callContext.requestedVersion, await cards.card(assistant, base(), version));
    } catch (error) {
      return context.json({ jsonrpc: "2.0", id, error: mapError(error) });
    }
    const answer = await transport.handle(request ?? {}, callContext);
    if (!(Symbol.asyncIterator in answer)) return context.json(answer);
    const iterator = answer[Symbol.asyncIterator]();
    let first: IteratorResult<unknown>;
    try {
      first = await iterator.next();
    } catch (error) {
      return context.json({ jsonrpc: "2.0", id, error: mapError(error) });
    }
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          if (!first.done) controller.enqueue(encoder.encode(formatSSEEvent(first.value)));
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) controller.enqueue(encoder.encode(formatSSEEvent(next.value)));
        } catch (error) {
          controller.enqueue(encoder.encode(formatSSEErrorEvent({ jsonrpc: "2.0", id, error: mapError(error) })));
        } finally {
          controller.close();
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    });
    return new Response(stream, { headers: SSE_HEADERS });
  });

  return {
    routes,
    keys,
    listening(url) {
      baseUrl ??= url.replace(/\/+$/, "");
    },
  };
}
