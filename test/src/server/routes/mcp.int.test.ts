import { Client as McpClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../../src/server/index.ts";

const ticket = "My order ORD-1 never arrived and I want a refund of $40";
const apiKey = "mcp-test-key";

async function connect(url: string, key: string | undefined): Promise<McpClient> {
  const client = new McpClient({ name: "switchyard-test", version: "1.0.0" });
  const headers: Record<string, string> = key === undefined ? {} : { "x-api-key": key };
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }));
  return client;
}

describe("MCP at /mcp through the MCP SDK's own client", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let client: McpClient;

  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
    server = createServer({ gateway, auth: { apiKeys: [apiKey] } });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    client = await connect(listening.url, apiKey);
  }, 30_000);
  afterAll(async () => {
    await client?.close();
    await listening?.close();
    await server?.close();
    await gateway?.close();
  });

  it("lists each served graph as a tool with its input schema", async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((candidate) => candidate.name === "gateway");
    expect(tool).toBeDefined();
    expect(tool?.inputSchema.type).toBe("object");
    expect(JSON.stringify(tool?.inputSchema)).toContain("request");
  });

  it("calls the gateway tool: a stateless run to its structured answer", async () => {
    const result = await client.callTool({ name: "gateway", arguments: { request: { input: ticket, deployment: "openai-gpt-4o-mini" } } });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { output?: { valid?: boolean; structured?: { category?: string } } };
    expect(structured.output?.valid).toBe(true);
    expect(structured.output?.structured?.category).toBeTypeOf("string");
  }, 30_000);

  it("answers a refused input and an unknown tool as tool errors", async () => {
    const bad = await client.callTool({ name: "gateway", arguments: { request: { input: 42 } } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("request.input");
    const unknown = await client.callTool({ name: "nope", arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(JSON.stringify(unknown.content)).toContain("gateway");
  });

  it("refuses a client without the API key, or with a wrong one", async () => {
    await expect(connect(listening.url, undefined)).rejects.toThrow(/401|unauthorized/i);
    await expect(connect(listening.url, "wrong")).rejects.toThrow(/401|unauthorized/i);
  });

  it("answers GET and DELETE with 405: the endpoint keeps no sessions", async () => {
    const response = await fetch(`${listening.url}/mcp`, { headers: { "x-api-key": apiKey, accept: "text/event-stream" } });
    expect(response.status).toBe(405);
  });
});
