import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { Hono } from "hono";
import { readJson } from "../http-error.ts";
import { createMcpServer, type McpParts } from "../mcp-server.ts";

/**
 * MCP over streamable HTTP at /mcp, stateless: every POST gets a fresh server and transport, so no session
 * state lives here for a caller to exhaust or hijack. Mounted behind the server's API-key middleware and
 * body limit; the body is read with the server's own JSON guard (size, depth) and handed to the transport.
 * GET (a server-to-client stream) and DELETE (ending a session) have nothing to do without sessions: 405.
 */
export function mcpRoutes(parts: McpParts): Hono {
  const app = new Hono();
  app.post("/mcp", async (context) => {
    const parsedBody = await readJson(context);
    const server = createMcpServer(parts);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(context.req.raw, { parsedBody });
    } finally {
      // With JSON responses the answer is complete once handleRequest returns.
      await transport.close();
      await server.close();
    }
  });
  const notAllowed = { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: this MCP endpoint is stateless (POST only)." }, id: null };
  app.get("/mcp", (context) => context.json(notAllowed, 405, { Allow: "POST" }));
  app.delete("/mcp", (context) => context.json(notAllowed, 405, { Allow: "POST" }));
  return app;
}
