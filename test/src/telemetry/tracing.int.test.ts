import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { createServer } from "../../../src/server/index.ts";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { emulatorLauncher, quietProfile, type EmulatorProfile } from "../../../src/emulators/index.ts";
import { workloadTasks } from "../../../src/workload/index.ts";

const task = workloadTasks()[0]!;

/** Reconstruct answers on Ollama always miss a required field: only the repair call can save them. */
function reconstructMissesFields(): EmulatorProfile {
  const profile = quietProfile();
  profile.modes = { ollama: { reconstruct: { missingField: 1 } } };
  return profile;
}

function tracedConfig(tracing: Record<string, unknown> | undefined) {
  const input = defaultConfigInput();
  const groups = [...(input.model_groups ?? []), { name: "repair", deployments: ["openai-gpt-4o-mini"], strategy: "weighted" as const }];
  return parseConfigValue({ ...input, model_groups: groups, output_modes: { repair_call: { group: "repair" } }, ...(tracing ? { telemetry: { tracing } } : {}) }, "tracing.int.test");
}

/** The spans of one trace as an indented outline of names, children in start order. */
function outline(spans: readonly ReadableSpan[]): string[] {
  const children = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent !== undefined && ids.has(parent) ? parent : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    const started = [...(children.get(parent) ?? [])].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    for (const span of started) {
      lines.push(`${"  ".repeat(depth)}${span.name}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines;
}

const named = (spans: readonly ReadableSpan[], name: string) => spans.filter((span) => span.name === name);

describe("OpenTelemetry traces of a gateway run, exported in memory", () => {
  const exporter = new InMemorySpanExporter();
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await createGateway({ config: tracedConfig({ enabled: true, service_name: "switchyard-test" }), emulators: emulatorLauncher({ profile: reconstructMissesFields() }), checkpoints: ":memory:", seed: 3, tracing: { exporter } });
  });
  afterAll(async () => gateway.close());

  it("one request is one trace: request > nodes (the router's two inline) > the attempt's and the repair's model calls", async () => {
    exporter.reset();
    const state = await gateway.invoke({ input: task.input, deployment: "ollama-llama3.1", mode: "reconstruct", max_attempts: 1 }, { threadId: "traced-repair" });
    expect(state.status).toBe("succeeded");
    // Spans are batched (as in production): flushed to the exporter before reading.
    await gateway.engine.tracing?.flush();
    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(outline(spans)).toEqual([
      "invoke_agent gateway",
      "  accept",
      "    chat llama3.1",
      "    chat gpt-4o-mini",
    ]);
    const [request] = named(spans, "invoke_agent gateway");
    expect(request!.attributes).toMatchObject({ "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "gateway", "gen_ai.conversation.id": "traced-repair", "switchyard.status": "succeeded", "switchyard.deployment": "ollama-llama3.1", "switchyard.output_mode": "reconstruct", "switchyard.attempts": 1 });
    expect(request!.resource.attributes["service.name"]).toBe("switchyard-test");
    const [attempt] = named(spans, "chat llama3.1");
    expect(attempt!.attributes).toMatchObject({ "gen_ai.operation.name": "chat", "gen_ai.system": "ollama", "gen_ai.provider.name": "ollama", "gen_ai.request.model": "llama3.1", "switchyard.call": "attempt", "switchyard.deployment": "ollama-llama3.1", "gen_ai.response.finish_reasons": ["stop"] });
    expect(attempt!.attributes["gen_ai.usage.input_tokens"]).toBe(state.attempts[0]!.input_tokens);
    expect(attempt!.attributes["gen_ai.usage.output_tokens"]).toBe(state.attempts[0]!.output_tokens);
    const [repair] = named(spans, "chat gpt-4o-mini");
    expect(repair!.attributes).toMatchObject({ "gen_ai.system": "openai", "gen_ai.provider.name": "openai", "switchyard.call": "repair", "switchyard.deployment": "openai-gpt-4o-mini" });
    expect(repair!.attributes["gen_ai.usage.input_tokens"]).toBe(state.attempts[0]!.repair!.input_tokens);
    // With verification off the first attempt runs in accept's superstep (graphs/folded-steps.ts): its span holds the routing and the check.
    const [callModel] = named(spans, "accept");
    expect(callModel!.attributes).toMatchObject({ "switchyard.deployment": "ollama-llama3.1", "switchyard.output_mode": "reconstruct" });
    expect(String(callModel!.attributes["switchyard.routing.reason"])).toMatch(/pinned/);
    const [check] = named(spans, "accept");
    expect(check!.attributes).toMatchObject({ "switchyard.retry.decision": "success", "switchyard.attempt.outcome": "ok", "switchyard.repair.ok": true });
  });

  it("a failed request's span is an error with the failure's code, and the transport error is on its attempt", async () => {
    exporter.reset();
    const state = await gateway.invoke({ input: task.input, deployment: "ollama-llama3.1", mode: "reconstruct", max_attempts: 1, deadline_ms: 1 }, { threadId: "traced-deadline" });
    expect(state.status).toBe("failed");
    await gateway.engine.tracing?.flush();
    const [request] = named(exporter.getFinishedSpans(), "invoke_agent gateway");
    expect(request!.status.code).toBe(2);
    expect(request!.attributes["error.type"]).toBe(state.error?.code);
  });
});

describe("a run served by switchyard serve", () => {
  it("is one trace too: the request span, its nodes and the model call", async () => {
    const exporter = new InMemorySpanExporter();
    const gateway = await createGateway({ config: tracedConfig({ enabled: true }), emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3, tracing: { exporter } });
    const server = createServer({ gateway });
    const listening = await server.serve({ port: 0, host: "127.0.0.1" });
    try {
      const response = await fetch(`${listening.url}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "gateway", input: { request: { input: task.input, deployment: "openai-gpt-4o-mini" } } }) });
      expect(response.status).toBe(200);
      await response.json();
      // The run's span ends when its stream does, a moment after the response may have gone out.
      const deadline = Date.now() + 10_000;
      while (named(exporter.getFinishedSpans(), "invoke_agent gateway").length === 0 && Date.now() < deadline) {
        await gateway.engine.tracing?.flush();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const spans = exporter.getFinishedSpans();
      expect(outline(spans)).toEqual(["invoke_agent gateway", "  accept", "    chat gpt-4o-mini"]);
      expect(named(spans, "invoke_agent gateway")[0]!.attributes).toMatchObject({ "switchyard.status": "succeeded", "switchyard.deployment": "openai-gpt-4o-mini" });
      expect(named(spans, "chat gpt-4o-mini")[0]!.attributes["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
    } finally {
      await listening.close();
      await server.close();
      await gateway.close();
    }
  });
});

describe("tracing off", () => {
  it("by default the engine has no tracing: nothing opens a span", async () => {
    const gateway = await createGateway({ config: tracedConfig(undefined), emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
    try {
      expect(gateway.engine.tracing).toBeUndefined();
      const state = await gateway.invoke({ input: task.input, deployment: "openai-gpt-4o-mini" }, { threadId: "untraced" });
      expect(state.status).toBe("succeeded");
    } finally {
      await gateway.close();
    }
  });

  it("the config refuses a sample ratio of 0 and an endpoint that is no URL, naming the field", () => {
    expect(() => tracedConfig({ enabled: true, sample_ratio: 0 })).toThrow(/telemetry\.tracing\.sample_ratio/);
    expect(() => tracedConfig({ enabled: true, otlp_endpoint: "localhost:4318" })).toThrow(/telemetry\.tracing\.otlp_endpoint/);
  });
});
