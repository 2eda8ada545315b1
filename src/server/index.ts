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
