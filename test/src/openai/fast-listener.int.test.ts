import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";

const body = JSON.stringify({ model: "openai-gpt-4o-mini", messages: [{ role: "user", content: "hello" }] });

describe("the fast path's Node listener in front of the app", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  const lines: string[] = [];
  const post = (text: string, headers: Record<string, string> = {}) => fetch(`${listening.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 2 });
    server = createServer({ gateway, config: { max_body_bytes: 4_096, cors_origins: ["http://app.test"] }, log: (line) => lines.push(line) });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await listening.close();
    await server.close();
    await gateway.close();
  });

  it("answers, counts and logs chat completions", async () => {
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { object: string }).object).toBe("chat.completion");
    expect(lines.some((line) => line.startsWith("POST /v1/chat/completions 200"))).toBe(true);
    expect(await (await fetch(`${listening.url}/metrics`)).text()).toMatch(/switchyard_http_requests_total\{method="POST",status="200"\}/);
  });

  it("refuses a body that is not JSON in OpenAI's shape", async () => {
    const response = await post("{nope");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  it("leaves bodies over the limit to the app's 413 and CORS requests to the app's CORS handling", async () => {
    const large = await post(JSON.stringify({ model: "x", messages: [{ role: "user", content: "x".repeat(8_000) }] }));
    expect(large.status).toBe(413);
    const cors = await post(body, { origin: "http://app.test" });
    expect(cors.status).toBe(200);
    expect(cors.headers.get("access-control-allow-origin")).toBe("http://app.test");
  });
});
