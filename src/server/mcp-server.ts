import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { ServerRequestError } from "./http-error.ts";
import type { RunManager } from "./run-manager.ts";
import type { Assistants } from "./assistant-registry.ts";
import { graphSchemas } from "./graph-schemas.ts";
import { uuid5 } from "./served-graph.ts";

export interface McpParts {
  assistants: Assistants;
  runs: Pick<RunManager, "create" | "statelessResult">;
  generateId: () => string;
  version: string;
}

/** MCP tool names allow letters, digits, '_' and '-' (at most 64): a graph id outside that is mapped onto it. */
export function toolName(graphId: string): string {
  return graphId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
}

const objectSchema = z.looseObject({ type: z.literal("object"), properties: z.record(z.string(), z.looseObject({})).optional(), required: z.array(z.string()).optional() });

/** A graph's input JSON schema as an MCP tool's inputSchema (which must describe an object). */
function inputSchemaOf(schema: unknown): Tool["inputSchema"] {
  const parsed = objectSchema.safeParse(schema);
  return parsed.success ? parsed.data : { type: "object", additionalProperties: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The tools this server offers: one per served graph, named after it, with its input schema. */
export function listTools(assistants: Assistants): Tool[] {
  // One tool per graph: its own assistant (callers' assistants of the same graph would repeat the tool name).
  return assistants
    .all()
    .filter((record) => record.assistant_id === uuid5(record.graph_id))
    .map((record) => ({
      name: toolName(record.graph_id),
      title: record.name,
      description: record.description ?? `Runs the ${record.graph_id} graph once (a stateless run) and returns its final state.`,
      inputSchema: inputSchemaOf(graphSchemas(assistants.served(record).graph.builder).input_schema),
    }));
}

function failure(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

/**
 * Calls a tool: a stateless run of its graph through the RunManager (the same path as POST /runs/wait, so
 * input checks, leases, verification and metrics apply), answered with the run's final state as text
 * and as structuredContent. A refused input or a failed run is a tool error the model can read, not a
 * protocol error.
 */
export async function callTool(parts: McpParts, name: string, args: Record<string, unknown> | undefined): Promise<CallToolResult> {
  const record = parts.assistants.all().find((candidate) => toolName(candidate.graph_id) === name);
  if (record === undefined) return failure(`unknown tool "${name}". Fix: call one of ${parts.assistants.all().map((candidate) => toolName(candidate.graph_id)).join(", ")}.`);
  try {
    const run = await parts.runs.create(parts.generateId(), { assistant_id: record.assistant_id, input: args ?? {} }, true);
    const result = await parts.runs.statelessResult(run.run_id);
    if (isRecord(result) && "__error__" in result) return failure(`the ${record.graph_id} run failed: ${JSON.stringify(result.__error__)}`);
    const structured = isRecord(result) ? result : { result };
    return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: structured };
  } catch (error) {
    if (error instanceof ServerRequestError) return failure(error.message);
    throw error;
  }
}

/**
 * A low-level MCP Server (not McpServer, whose tools take zod shapes: ours come as JSON schemas from the
 * served graphs) with tools/list and tools/call. One per request: the endpoint is stateless.
 */
export function createMcpServer(parts: McpParts): Server {
  const server = new Server({ name: "switchyard", version: parts.version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listTools(parts.assistants) }));
  server.setRequestHandler(CallToolRequestSchema, (request) => callTool(parts, request.params.name, request.params.arguments));
  return server;
}
