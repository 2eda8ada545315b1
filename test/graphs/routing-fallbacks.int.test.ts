import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfigInput } from "../../src/config/index.ts";
import { quietProfile } from "../../src/emulators/index.ts";
import type { GatewayStateValue } from "../../src/state/gateway-state.ts";
import { harness, tasks, type Harness } from "./routing-harness.ts";

/** A loopback OpenAI look-alike for what the emulators cannot do: refusals, context errors, streams cut at a chosen point. */
function fakeOpenAI(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const model = (JSON.parse(body || "{}") as { model?: string }).model ?? "";
      const error = (status: number, code: string, message: string): void => {
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message, type: "invalid_request_error", code, param: null } }));
      };
      if (model === "censor") return error(400, "content_policy_violation", "Your request was rejected as a result of our safety system.");
      if (model === "tiny") return error(400, "context_length_exceeded", "This model's maximum context length is 1000 tokens.");
      response.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (delta: Record<string, unknown>) =>
        `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
      response.write(chunk({ role: "assistant", content: "" }));
      if (model === "drop-late") {
        response.write(chunk({ content: '{"category": "shipp' }));
        setTimeout(() => response.destroy(), 5);
        return;
      }
      setTimeout(() => response.destroy(), 5);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server })));
}

describe("fallback groups and streams through the router subgraph", () => {
  let fake: { url: string; server: Server };
  let subject: Harness;
  beforeAll(async () => {
    process.env.SWITCHYARD_FAKE_KEY = "sk-test";
    fake = await fakeOpenAI();
    const base = defaultConfigInput();
    const fakeDeployment = (id: string, extra: Record<string, unknown> = {}) => ({ id, provider: "openai" as const, model: id, base_url: fake.url, api_key_env: "SWITCHYARD_FAKE_KEY", ...extra });
    subject = await harness(quietProfile(), {
      ...base,
      deployments: [
        ...base.deployments,
        fakeDeployment("censor"),
        fakeDeployment("tiny"),
        fakeDeployment("small-window", { model: "gpt-4o-mini", base_url: "emulator", context_window: 600 }),
        fakeDeployment("drop-early"),
        fakeDeployment("drop-late"),
      ],
      model_groups: [
        ...(base.model_groups ?? []),
        { name: "strict", deployments: ["censor"], content_policy_fallback: "local" },
        { name: "short", deployments: ["tiny"], context_window_fallback: "long" },
        { name: "small", deployments: ["small-window"], context_window_fallback: "long" },
        { name: "long", deployments: ["gemini-2.5-flash"] },
        { name: "local", deployments: ["ollama-llama3.1"] },
        { name: "early", deployments: ["drop-early"], fallbacks: ["local"] },
        { name: "late", deployments: ["drop-late"], fallbacks: ["local"] },
      ],
    });
  });
  afterAll(async () => {
    await subject.gateway.close();
    await new Promise((resolve) => fake.server.close(resolve));
  });

  it("moves a content-policy refusal to the content_policy_fallback group", async () => {
    const { state } = await subject.run(10, { model_group: "strict" });
    expect(state.status).toBe("succeeded");
    expect(state.attempts.map((attempt) => [attempt.group, attempt.deployment, attempt.error_class ?? attempt.outcome])).toEqual([
      ["strict", "censor", "content_policy"],
      ["local", "ollama-llama3.1", "ok"],
    ]);
    expect(state.attempts[1]!.reason).toMatch(/content_policy_fallback of group strict is local/);
  });

  it("moves a provider's context-window error to the context_window_fallback group", async () => {
    const { state } = await subject.run(11, { model_group: "short" });
    expect(state.status).toBe("succeeded");
    expect(state.attempts.map((attempt) => [attempt.group, attempt.error_class ?? attempt.outcome])).toEqual([
      ["short", "context_window"],
      ["long", "ok"],
    ]);
  });

  it("routes a request too large for every deployment of its group to the context-window fallback before any call", async () => {
    const long = `${tasks[12]!.input}\n\n${"Order history line with details. ".repeat(120)}`;
    const { state } = await subject.run(12, { model_group: "small", input: long });
    expect(state.status).toBe("succeeded");
    expect(state.attempts).toHaveLength(1);
    expect(state.attempts[0]).toMatchObject({ group: "long", deployment: "gemini-2.5-flash", outcome: "ok" });
    expect(state.attempts[0]!.reason).toMatch(/exceed the context windows of small; long fits/);
  });

  it("falls back transparently when a stream breaks before its first token", async () => {
    const { state } = await subject.run(13, { model_group: "early" });
    expect(state.status).toBe("succeeded");
    expect(state.attempts.map((attempt) => [attempt.deployment, attempt.error_class ?? attempt.outcome])).toEqual([
      ["drop-early", "stream_dropped"],
      ["ollama-llama3.1", "ok"],
    ]);
  });

  it("with stream_policy live, surfaces a stream that breaks after its first token as a typed error carrying what was received", async () => {
    const { state } = await subject.run(14, { model_group: "late", stream_policy: "live" });
    expect(state.status).toBe("failed");
    expect(state.attempts).toHaveLength(1);
    expect(state.error?.code).toBe("stream_interrupted");
    expect(state.error?.message).toContain('{\\"category\\": \\"shipp');
    expect(state.route_decision?.action).toBe("give_up");
  });

  it("hands the router's attempts to the parent graph once, not twice", async () => {
    const { state } = await subject.run(15, { model_group: "strict" });
    const stored = await subject.graph.getState({ configurable: { thread_id: "fault-" + String(6) } });
    expect(state.attempts).toHaveLength(2);
    expect((stored.values as GatewayStateValue).attempts).toHaveLength(2);
  });
});
