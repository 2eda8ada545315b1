import { afterAll, describe, expect, it } from "vitest";
import { gatedServer } from "./fixtures.ts";

const studio = "https://smith.langchain.com";

describe("CORS and Private Network Access", () => {
  const { server } = gatedServer();
  afterAll(() => server.close());

  it("answers a preflight from Studio, with the private-network grant when asked", async () => {
    const response = await server.app.request("/threads/search", {
      method: "OPTIONS",
      headers: {
        origin: studio,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-api-key",
        "access-control-request-private-network": "true",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(studio);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-private-network")).toBe("true");
  });

  it("allows localhost origins on any port and refuses others", async () => {
    const local = await server.app.request("/ok", { headers: { origin: "http://localhost:5173" } });
    expect(local.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const foreign = await server.app.request("/ok", { headers: { origin: "https://evil.example" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await server.app.request("/ok", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET", "access-control-request-private-network": "true" },
    });
    expect(preflight.headers.get("access-control-allow-private-network")).toBeNull();
  });

  it("varies every answer on Origin, and sends the CORS headers only to requests that have one", async () => {
    const plain = await server.app.request("/ok");
    expect(plain.headers.get("vary")).toContain("Origin");
    expect(plain.headers.get("access-control-allow-credentials")).toBeNull();
    const browser = await server.app.request("/ok", { headers: { origin: studio } });
    expect(browser.headers.get("vary")).toContain("Origin");
    expect(browser.headers.get("access-control-allow-credentials")).toBe("true");
    expect(browser.headers.get("access-control-expose-headers")).toContain("content-location");
  });

  it("takes its origins from config", async () => {
    const { server: custom } = gatedServer({ config: { cors_origins: ["https://studio.internal"] } });
    const allowed = await custom.app.request("/ok", { headers: { origin: "https://studio.internal" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://studio.internal");
    const studioNow = await custom.app.request("/ok", { headers: { origin: studio } });
    expect(studioNow.headers.get("access-control-allow-origin")).toBeNull();
    await custom.close();
  });
});

describe("API keys", () => {
  const key = "sk-test-7f3a9c";
  const lines: string[] = [];
  const { server } = gatedServer({ auth: { apiKeys: [key] }, log: (line) => lines.push(line) });
  afterAll(() => server.close());

  it("requires a key everywhere but /ok and /health, by x-api-key or Bearer", async () => {
    const refused = await server.app.request("/assistants/search", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "unauthorized" });
    const wrong = await server.app.request("/info", { headers: { "x-api-key": "sk-wrong" } });
    expect(wrong.status).toBe(401);
    expect((await server.app.request("/info", { headers: { "x-api-key": key } })).status).toBe(200);
    expect((await server.app.request("/info", { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await server.app.request("/ok")).status).toBe(200);
    expect((await server.app.request("/health")).status).toBe(200);
    expect((await server.app.request("/metrics")).status).toBe(401);
  });

  it("answers preflights without a key and never logs the key", async () => {
    const preflight = await server.app.request("/info", { method: "OPTIONS", headers: { origin: studio, "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(204);
    await server.app.request("/threads/search", { method: "POST", body: "{}", headers: { "x-api-key": key, "content-type": "application/json" } });
    await server.app.request("/threads/search", { method: "POST", body: "{}", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } });
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((line) => line.includes(key))).toEqual([]);
  });

  it("refuses to start when the configured key variable is empty", () => {
    expect(() => gatedServer({ config: { auth: { api_keys_env: "SWITCHYARD_TEST_UNSET_KEYS" } } })).toThrow(/SWITCHYARD_TEST_UNSET_KEYS.*unset or empty/);
  });
});

describe("/metrics", () => {
  const { server, gated } = gatedServer();
  afterAll(() => server.close());

  it("exposes request counts and protocol parse time in Prometheus text", async () => {
    const created = await server.app.request("/threads", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    const thread = (await created.json()) as { thread_id: string };
    const run = server.app.request(`/threads/${thread.thread_id}/runs/wait`, { method: "POST", body: JSON.stringify({ assistant_id: "gated", input: {} }), headers: { "content-type": "application/json" } });
    await gated.release();
    expect(await (await run).json()).toEqual({ count: 1 });
    const text = await (await server.app.request("/metrics")).text();
    expect(text).toMatch(/switchyard_http_requests_total\{method="POST",status="200"\} [1-9]/);
    expect(text).toMatch(/switchyard_protocol_parse_seconds_count\{route="runs"\} 1/);
    expect(text).toContain("switchyard_request_latency_seconds");
  });
});
