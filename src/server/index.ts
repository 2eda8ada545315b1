/**
 * `switchyard serve`: the LangGraph API subset the official SDK Client and LangGraph Studio use, on
 * switchyard's SQLite saver and store, with /metrics and /health.
 */
export { createServer, type CreateServerOptions, type ListeningServer, type SwitchyardServer } from "./create-server.ts";
export { uuid5, type AssistantRecord, type ServableGraph, type ServedGraph } from "./served-graph.ts";
export { Assistants } from "./assistant-registry.ts";
export { servedGateway, servedGraphs } from "./served-graphs.ts";
export { ServerRequestError } from "./http-error.ts";
export { originAllowed } from "./cors.ts";
export { keysFromEnvironment } from "./auth.ts";
export { healthReport } from "./routes/meta.ts";
export { ServerTables, type RunRecord, type ThreadRecord } from "./server-tables.ts";
export { a2aService, type A2aServeOptions, type A2aService } from "./a2a-routes.ts";
export type { A2aPeer } from "./a2a-gate.ts";
export { gatewayAdapter, messagesAdapter, defaultOutcome, type A2aGraphAdapter, type A2aOutcome } from "./a2a-adapter.ts";
export { agentUrl, restUrl, buildAgentCard, buildExtendedAgentCard, graphSchemasExtension } from "./a2a-card.ts";
export { openPostgresServerStorage, postgresServerStorage, sqliteServerStorage, SERVER_STATE_FORMAT, type ServerState, type ServerStorage } from "./state/index.ts";
export type { RunBus, BusEvent, CancelAction } from "./run-bus.ts";
