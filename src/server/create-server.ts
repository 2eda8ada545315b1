import { randomUUID } from "node:crypto";
import { getRequestListener, type ServerType } from "@hono/node-server";
import { InMemoryStore, type BaseCheckpointSaver, type BaseStore } from "@langchain/langgraph-checkpoint";
import { Hono } from "hono";
import { openDatabase, SwitchyardSqliteSaver, SwitchyardSqliteStore, type ThreadLeases } from "../../checkpoints/index.ts";
import type { Gateway } from "../../graphs/create-gateway.ts";
import { serverSchema, type ServerConfig } from "../config/schema.ts";
import type { Engine } from "../runtime/engine.ts";
import { SwitchyardMetrics } from "../telemetry/metrics.ts";
import { createServer as createHttpServer } from "node:http";
import { openaiEndpoint, type OpenAIRoutesOptions } from "../openai/index.ts";
import { moveLegacyA2aTasks } from "./a2a-legacy-tasks.ts";
import { a2aService, type A2aServeOptions } from "./a2a-routes.ts";
import { apiKeyMiddleware, keysFromEnvironment } from "./auth.ts";
import { requestBodyLimit } from "./body-limit.ts";
import { corsMiddleware } from "./cors.ts";
import { ServerRequestError } from "./http-error.ts";
import type { RouteDeps } from "./route-deps.ts";
import { assistantRoutes } from "./routes/assistants.ts";
import { feedbackRoutes } from "./routes/feedback.ts";
import { metaRoutes } from "./routes/meta.ts";
import { runRoutes } from "./routes/runs.ts";
import { storeRoutes } from "./routes/store.ts";
import { threadRoutes } from "./routes/threads.ts";
import { RunManager } from "./run-manager.ts";
import type { RecoveryReport } from "./run-recovery.ts";
import { serverLeases } from "./server-leases.ts";
import { Assistants } from "./assistant-registry.ts";
import type { ServedGraph } from "./served-graph.ts";
import { servedGraphs } from "./served-graphs.ts";
import type { RunBus } from "./run-bus.ts";
import { postgresServerStorage, sqliteServerStorage, type ServerStorage } from "./state/index.ts";
import { cronsConfigSchema, mcpConfigSchema, ttlConfigSchema } from "../config/server-config.ts";
import { storeWithTtl } from "./ttl-store.ts";
import { mcpRoutes } from "./routes/mcp.ts";
import { TtlSweeper } from "./ttl-sweeper.ts";
import { threadTtlCapture } from "./ttl-threads.ts";
import { CronScheduler, instanceGone } from "./cron-scheduler.ts";
import { cronRoutes } from "./routes/crons.ts";
import { createRunBus } from "./bus/create-run-bus.ts";
import { installLeanRunContext } from "../runtime/lean-run-context.ts";

export interface CreateServerOptions {
  /** Serve every graph of langgraph.json on the gateway's engine and persistence (what `switchyard serve` does). */
  gateway?: Gateway;
  /** Or serve these graphs (compiled with `persistence.checkpointer`). */
  graphs?: Record<string, ServedGraph>;
  /** Required with `graphs`; with `gateway` defaults to the gateway's. A SwitchyardSqliteSaver also holds the server's tables. */
  persistence?: { checkpointer: BaseCheckpointSaver; store?: BaseStore; leases?: ThreadLeases };
  /** Thread-lease heartbeat and this server's instance id; defaults from the gateway's `checkpoints.lease`. */
  lease?: { heartbeatMs?: number; instanceId?: string; sleep?: (milliseconds: number) => Promise<void> };
  /**
   * Where threads, runs, crons and assistants live. Default: beside the checkpoints (the SQLite file, or an
   * in-memory database for another saver), or Postgres (schema public) when the gateway's storage is a
   * postgres:// URL. Replicas given one Postgres storage are one server (docs/scale-out.md).
   */
  storage?: ServerStorage;
  /** Replicas' shared run events and cancels (run-bus.ts); without one, cross-replica waits poll the run's record. */
  bus?: RunBus;
  /** The `server` config section (port, host, cors_origins, auth); defaults when omitted. */
  config?: Partial<ServerConfig>;
  /** API keys; overrides `config.auth.api_keys_env`. An empty list turns auth off. */
  auth?: { apiKeys: readonly string[] };
  /** The engine behind /health and the cooldown metrics; defaults to the gateway's. */
  engine?: Engine;
  now?: () => number;
  /** The clock crons and TTL sweeps read (epoch ms); defaults to `now`. A test moves it without aging leases. */
  scheduleNow?: () => number;
  generateId?: () => string;
  /**
   * The OpenAI-compatible fast path at /v1 (needs an engine): virtual keys live beside the server's tables.
   * `false` leaves /v1 unmounted.
   */
  openai?: false | Pick<OpenAIRoutesOptions, "affinity" | "emulators">;
  /** Serve every assistant as an A2A v1.0 agent (signed cards, agent tokens); see docs/a2a.md. */
  a2a?: A2aServeOptions;
  /** One line per request (method, path, status, ms); headers, and so API keys, are never logged. */
  log?: (line: string) => void;
}

export interface ListeningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The LangGraph API subset over switchyard's persistence, as a Hono app. */
export interface SwitchyardServer {
  readonly app: Hono;
  readonly metrics: SwitchyardMetrics;
  /** Settles once this server registered its instance and recovered the runs of dead owners (server.recovery). */
  readonly ready: Promise<RecoveryReport>;
  /** Listens on a port (0 picks a free one) with @hono/node-server. */
  serve(options: { port: number; host: string }): Promise<ListeningServer>;
  /** Cancels runs in flight and stops listening; the gateway and persistence stay open (their owner closes them). */
  close(): Promise<void>;
}

function storeFor(checkpointer: BaseCheckpointSaver, given: BaseStore | undefined): BaseStore {
  if (given !== undefined) return given;
  return checkpointer instanceof SwitchyardSqliteSaver ? new SwitchyardSqliteStore(checkpointer.database) : new InMemoryStore();
}

/**
 * Builds the server: assistants, threads, runs, store, /ok, /info, /health, /metrics, with CORS and
 * optional API keys. Test it in process with `server.app.request(path)`.
 *
 * @example
 * const gateway = await createGateway({ checkpoints: ".switchyard/state.db" });
 * const server = createServer({ gateway });
 * const { url } = await server.serve({ port: 2024, host: "127.0.0.1" });
 */
export function createServer(options: CreateServerOptions): SwitchyardServer {
  const persistence = options.persistence ?? options.gateway?.persistence;
  if (persistence === undefined) throw new ServerRequestError(500, "createServer needs a gateway or persistence. Fix: pass { gateway } or { graphs, persistence }.");
  // A server of the user's own graphs (no engine started) runs them without a RunTree per runnable too.
  installLeanRunContext();
  const config = serverSchema.parse(options.config ?? {});
  const now = options.now ?? Date.now;
  const generateId = options.generateId ?? randomUUID;
  const checkpointer = persistence.checkpointer;
  const persistenceStore = (persistence as { store?: BaseStore }).store;
  const ttlConfig = ttlConfigSchema.parse(config.ttl ?? {});
  const scheduleNow = options.scheduleNow ?? now;
  const store = storeFor(checkpointer, persistenceStore);
  const graphs = new Map<string, ServedGraph>(Object.entries(options.graphs ?? {}));
  if (options.gateway !== undefined) for (const [graphId, served] of servedGraphs(options.gateway, store)) if (!graphs.has(graphId)) graphs.set(graphId, served);
  // Threads live beside the checkpoints when the saver is ours, so a restart keeps them; else in memory.
  const database = checkpointer instanceof SwitchyardSqliteSaver ? checkpointer.database : openDatabase(":memory:");
  const sqlite = sqliteServerStorage(database, now);
  const storageUrl = options.gateway?.engine.config.checkpoints.url;
  // A storage this server opened is closed by it; one passed in belongs to the caller.
  const owned = options.storage === undefined && options.gateway?.persistence.describe === "postgres" && storageUrl !== undefined ? postgresServerStorage(storageUrl, { now, ...(config.storage_schema ? { schema: config.storage_schema } : {}) }) : undefined;
  const storage = options.storage ?? owned ?? sqlite;
  const state = storage.state;
  const metrics = new SwitchyardMetrics();
  const assistants = new Assistants(graphs, storage.assistants, now, generateId);
  // Tables set up and every graph's own assistant written before any request or recovery reads them.
  const opened = Promise.resolve(storage.setup?.())
    .then(() => assistants.init())
    // Tasks an earlier version kept in the store move to the A2A tables before any A2A request reads them.
    .then(() => (options.a2a === undefined ? undefined : moveLegacyA2aTasks(store, storage.a2aTasks).catch((error: unknown) => options.log?.(`moving earlier A2A tasks failed: ${String(error)}`))));
  const heartbeatMs = options.lease?.heartbeatMs ?? options.gateway?.engine.config.checkpoints.lease?.heartbeat_ms;
  const leases = serverLeases({ ...options.lease, ...(heartbeatMs ? { heartbeatMs } : {}), leases: persistence.leases ?? options.gateway?.persistence.leases, checkpointer, database, now });
  const shared = state.kind === "postgres";
  // On Postgres a replica anywhere may die mid-run: live ones look for its runs for as long as they run.
  // A bus from the config (server.run_bus.url) is this server's to close; one passed in belongs to the caller.
  const ownedBus = options.bus === undefined && config.run_bus?.url !== undefined ? createRunBus(config.run_bus, options.log) : undefined;
  const bus = options.bus ?? ownedBus;
  const runs = new RunManager({ state, assistants, checkpointer, metrics, generateId, leases, bus, log: options.log, ...(shared ? { recoveryPollMs: leases.keeper.leases.ttlMs, durability: "sync" as const } : {}) });
  const ready = opened.then(() => leases.keeper.start()).then(() => runs.recover(config.recovery ?? "resume"));
  ready.catch((error: unknown) => options.log?.(`crash recovery failed: ${error instanceof Error ? error.message : String(error)}`));
  const apiStore = storeWithTtl(store, ttlConfig.store, scheduleNow);
  const deps: RouteDeps = { state, runs, leases, assistants, checkpointer, store: apiStore, metrics, engine: options.engine ?? options.gateway?.engine, generateId, now };
  const cronConfig = cronsConfigSchema.parse(config.crons ?? {});
  const crons = new CronScheduler({ crons: storage.crons, runs, threadExists: async (threadId) => (await state.thread(threadId)) !== undefined, ownerDied: instanceGone(leases.keeper.leases), owner: leases.keeper.instanceId, now: scheduleNow, generateId, pollMs: cronConfig.poll_ms, batch: cronConfig.batch, log: options.log });
  if (cronConfig.enabled) void ready.then(() => crons.start(), () => undefined);
  const sweeper = new TtlSweeper({ config: ttlConfig, ttls: storage.ttls, checkpointer, leases, store: apiStore, now: scheduleNow, log: options.log });
  void ready.then(() => sweeper.start(), () => undefined);

  const app = new Hono();
  app.use("*", async (_context, next) => {
    await opened;
    await next();
  });
  app.use("*", async (context, next) => {
    const started = performance.now();
    await next();
    metrics.httpRequests.inc({ method: context.req.method, status: String(context.res.status) });
    options.log?.(`${context.req.method} ${context.req.path} ${context.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });
  for (const middleware of corsMiddleware(config.cors_origins)) app.use("*", middleware);
  app.use("*", requestBodyLimit(config.max_body_bytes));
  const apiKeys = options.auth?.apiKeys ?? (config.auth === undefined ? [] : keysFromEnvironment(config.auth.api_keys_env));
  if (config.auth !== undefined && options.auth === undefined && apiKeys.length === 0) {
    throw new ServerRequestError(500, `server.auth.api_keys_env names ${config.auth.api_keys_env}, which is unset or empty. Fix: export ${config.auth.api_keys_env}=KEY1,KEY2 or remove server.auth.`);
  }
  // Before the server-key check: /v1 authenticates itself (virtual keys, and the server keys too).
  const openai = deps.engine === undefined || options.openai === false ? undefined : openaiEndpoint({ engine: deps.engine, apiKeys, keys: storage.keys, emulators: options.gateway?.engine.emulators?.urls, metrics, ...options.openai });
  if (openai !== undefined) app.route("/v1", openai.routes);
  // A2A routes answer before the API-key check: peers authenticate with signed agent tokens instead.
  const a2a = options.a2a === undefined ? undefined : a2aService(options.a2a, { assistants, runs, state, tasks: storage.a2aTasks, metrics, now, generateId });
  if (a2a !== undefined) app.route("/", a2a.routes);
  if (apiKeys.length > 0) app.use("*", apiKeyMiddleware(apiKeys));
  app.use("*", threadTtlCapture(storage.ttls));
  if (mcpConfigSchema.parse(config.mcp ?? {}).enabled) app.route("/", mcpRoutes({ assistants, runs, generateId, version: "1" }));
  app.route("/", cronRoutes({ ...deps, now: scheduleNow, crons: storage.crons, maxCrons: cronConfig.max_crons }));
  for (const routes of [metaRoutes(deps), assistantRoutes(deps), threadRoutes(deps), runRoutes(deps), storeRoutes(deps), feedbackRoutes(deps)]) app.route("/", routes);
  app.notFound((context) => context.json({ error: "not_found", message: `no route ${context.req.method} ${context.req.path}` }, 404));
  app.onError((error, context) => {
    if (error instanceof ServerRequestError) {
      return context.json({ error: error.status === 404 ? "not_found" : error.code, message: error.message, ...(error.field ? { field: error.field } : {}) }, error.status);
    }
    return context.json({ error: error.name, message: error.message }, 500);
  });

  const listening = new Set<ServerType>();
  return {
    app,
    metrics,
    ready,
    serve({ port, host }) {
      return new Promise((resolve) => {
        // /v1/chat/completions is answered by the fast path's own Node listener; everything else by the app.
        const fastPath = { maxBodyBytes: config.max_body_bytes, onDone: (method: string, path: string, status: number, milliseconds: number) => {
          metrics.httpRequests.inc({ method, status: String(status) });
          options.log?.(`${method} ${path} ${status} ${milliseconds.toFixed(1)}ms`);
        } };
        const appListener = getRequestListener(app.fetch, { hostname: host });
        const server = createHttpServer(openai === undefined ? appListener : openai.nodeListener(appListener, fastPath));
        server.listen(port, host, () => {
          const address = server.address();
          const info = { port: typeof address === "object" && address !== null ? address.port : port };
          const url = `http://${host.includes(":") ? `[${host}]` : host}:${info.port}`;
          a2a?.listening(url);
          resolve({
            url,
            port: info.port,
            close: () =>
              new Promise<void>((done) => {
                listening.delete(server);
                server.close(() => done());
                if ("closeAllConnections" in server) server.closeAllConnections();
              }),
          });
        });
        listening.add(server);
      });
    },
    async close() {
      metrics.dispose();
      await ready.catch(() => undefined);
      await crons.stop();
      await sweeper.stop();
      await runs.close();
      await leases.keeper.stop();
      await owned?.close();
      await ownedBus?.close();
      await Promise.all(
        [...listening].map(
          (server) =>
            new Promise<void>((done) => {
              server.close(() => done());
              if ("closeAllConnections" in server) server.closeAllConnections();
            }),
        ),
      );
      listening.clear();
    },
  };
}
