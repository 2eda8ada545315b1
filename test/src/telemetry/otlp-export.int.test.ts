import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../../graphs/index.ts";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { workloadTasks } from "../../../src/workload/index.ts";

interface OtlpValue {
  stringValue?: string;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: OtlpValue }[];
}
interface OtlpBody {
  resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

/** A loopback collector: every OTLP/HTTP JSON body posted to it. */
async function collector() {
  const bodies: OtlpBody[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpBody);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/traces`, bodies, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("spans exported over OTLP/HTTP, as production sends them", () => {
  it("one trace per request with its resource, scope, parent ids and times a collector can read", async () => {
    const otlp = await collector();
    const config = parseConfigValue({ ...defaultConfigInput(), telemetry: { tracing: { enabled: true, service_name: "switchyard-otlp-test", otlp_endpoint: otlp.url } } }, "otlp-export.int.test");
    const gateway = await createGateway({ config, emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
    const before = Date.now();
    try {
      const state = await gateway.invoke({ input: workloadTasks()[0]!.input, deployment: "openai-gpt-4o-mini" }, { threadId: "otlp" });
      expect(state.status).toBe("succeeded");
      await gateway.engine.tracing?.flush();
    } finally {
      await gateway.close();
      await otlp.close();
    }
    const after = Date.now();
    const resources = otlp.bodies.flatMap((body) => body.resourceSpans);
    const spans = resources.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    expect(resources.every((resource) => resource.resource.attributes.some((attribute) => attribute.key === "service.name" && attribute.value.stringValue === "switchyard-otlp-test"))).toBe(true);
    expect(resources.every((resource) => resource.resource.attributes.some((attribute) => attribute.key === "telemetry.sdk.language"))).toBe(true);
    expect(new Set(resources.flatMap((resource) => resource.scopeSpans.map((scope) => scope.scope.name)))).toEqual(new Set(["switchyard"]));
    // With verification off the first attempt runs in accept's superstep (graphs/folded-steps.ts).
    expect(spans.map((span) => span.name).sort()).toEqual(["accept", "chat gpt-4o-mini", "invoke_agent gateway"].sort());
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    expect(spans[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    expect(byId.size).toBe(spans.length);
    expect(spans.every((span) => /^[0-9a-f]{16}$/.test(span.spanId))).toBe(true);
    expect(spans.filter((span) => !span.parentSpanId).map((span) => span.name)).toEqual(["invoke_agent gateway"]);
    expect(byId.get(spans.find((span) => span.name === "chat gpt-4o-mini")!.parentSpanId!)?.name).toBe("accept");
    expect(spans.find((span) => span.name === "chat gpt-4o-mini")!.kind).toBe(3);
    // Times are epoch nanoseconds within the request, each span inside its parent's.
    const ms = (nanos: string) => Number(BigInt(nanos) / 1_000_000n);
    for (const span of spans) {
      expect(ms(span.startTimeUnixNano)).toBeGreaterThanOrEqual(before - 1);
      expect(ms(span.endTimeUnixNano)).toBeLessThanOrEqual(after + 1);
      expect(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
      const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
      if (parent) expect(BigInt(span.startTimeUnixNano) >= BigInt(parent.startTimeUnixNano) && BigInt(span.endTimeUnixNano) <= BigInt(parent.endTimeUnixNano)).toBe(true);
    }
  });
});
