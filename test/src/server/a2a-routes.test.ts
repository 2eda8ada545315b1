import { afterAll, describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../../checkpoints/index.ts";
import { createServer } from "../../../src/server/index.ts";
import { deskGraph } from "./a2a-fixtures.ts";

describe("A2A routes beside the LangGraph API's API keys", () => {
  const saver = openSqliteSaver(":memory:");
  const server = createServer({ graphs: { desk: { graph: deskGraph(saver).graph } }, persistence: { checkpointer: saver }, auth: { apiKeys: ["secret-key"] }, a2a: { publicUrl: "http://agents.test", peers: [] } });
  afterAll(async () => server.close());

  it("cards and JWKS are public, A2A calls need an agent token (not an API key), the rest of the API still needs its key", async () => {
    const cards = (await (await server.app.request("/a2a/agents")).json()) as { agents: Array<{ supportedInterfaces: Array<{ url: string; protocolVersion: string }> }> };
    expect(cards.agents[0]?.supportedInterfaces).toEqual([
      { url: "http://agents.test/a2a/desk", protocolBinding: "JSONRPC", protocolVersion: "1.0" },
      { url: "http://agents.test/a2a/desk", protocolBinding: "JSONRPC", protocolVersion: "0.3" },
      { url: "http://agents.test/a2a/desk/rest", protocolBinding: "HTTP+JSON", protocolVersion: "1.0" },
    ]);
    expect((await server.app.request("/a2a/jwks.json")).status).toBe(200);
    const withKeyOnly = await server.app.request("/a2a/desk", { method: "POST", headers: { "x-api-key": "secret-key", "content-type": "application/json" }, body: "{}" });
    expect(withKeyOnly.status).toBe(401);
    expect(((await withKeyOnly.json()) as { error: { data: Array<{ reason: string }> } }).error.data[0]?.reason).toBe("token_missing");
    expect((await server.app.request("/threads/search", { method: "POST", body: "{}" })).status).toBe(401);
    expect((await server.app.request("/threads/search", { method: "POST", headers: { "x-api-key": "secret-key", "content-type": "application/json" }, body: "{}" })).status).toBe(200);
    expect((await server.app.request("/a2a/nobody/.well-known/agent-card.json")).status).toBe(404);
    // The REST binding sits behind the same gate: an API key is no agent token there either.
    const restWithKeyOnly = await server.app.request("/a2a/desk/rest/tasks", { headers: { "x-api-key": "secret-key", "a2a-version": "1.0" } });
    expect(restWithKeyOnly.status).toBe(401);
    expect(restWithKeyOnly.headers.get("www-authenticate")).toContain("token_missing");
    expect(((await restWithKeyOnly.json()) as { error: { status: string; details: Array<{ reason: string }> } }).error).toMatchObject({ status: "UNAUTHENTICATED", details: [{ reason: "TOKEN_MISSING" }] });
    expect((await server.app.request("/a2a/desk/rest/no-such-method")).status).toBe(404);
  });
});
