import { AsyncLocalStorage } from "node:async_hooks";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AlwaysOffSampler, AlwaysOnSampler, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type Sampler } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { RequestTracer } from "../../../src/telemetry/request-tracer.ts";

const milliseconds = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

/**
 * A tracer into an in-memory exporter, on a clock that steps 1 ms at every reading, so the order spans started
 * and ended in is the order of their times, whatever the real clock's resolution.
 */
function traced(sampler?: Sampler) {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  const sink = { onTrace: (spans: readonly ReadableSpan[]) => spans.forEach((span) => processor.onEnd(span)), resource: resourceFromAttributes({ "service.name": "test" }), scope: { name: "test" } };
  let clock = 0;
  const timeOf = (event: string) => {
    const [edge, name] = event.split(" ") as ["start" | "end", string];
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
    return span === undefined ? Number.NaN : milliseconds(edge === "start" ? span.startTime : span.endTime);
  };
  const before = (first: string, second: string) => timeOf(first) < timeOf(second);
  return { exporter, requests: new RequestTracer(sink, sampler ?? new AlwaysOnSampler(), () => ++clock), before };
}

/** A deployment as the model-call spans read it. */
const deployment = { id: "d", provider: "openai", model: "m" };

const none = () => ({ attributes: {} });
// LangGraph sets this up on import; these cases run without it.
AsyncLocalStorageProviderSingleton.initializeGlobalInstance(new AsyncLocalStorage());

/** A node of thread T as LangGraph runs it: its span, and LangChain's async context naming its namespace. */
function node<T>(requests: RequestTracer, namespace: string, run: () => Promise<T>, threadId = "t"): Promise<T> {
  return requests.node(threadId, namespace, () => AsyncLocalStorageProviderSingleton.runWithConfig({ configurable: { thread_id: threadId, checkpoint_ns: namespace } }, run));
}
const parentOf = (spans: readonly ReadableSpan[], span: ReadableSpan | undefined) => spans.find((candidate) => candidate.spanContext().spanId === span?.parentSpanContext?.spanId)?.name;
const byName = (spans: readonly ReadableSpan[], name: string) => spans.find((span) => span.name === name);

describe("RequestTracer", () => {
  it("nests nodes under the request, a subgraph's nodes under a span for the subgraph, closed when the run leaves it", async () => {
    const { exporter, requests, before } = traced();
    await requests.request("t", "gateway", {}, async () => {
      await node(requests, "accept:1", async () => ({}));
      await node(requests, "router:2|call_model:3", async () => requests.modelCall(deployment, "attempt", async () => ({ usage_metadata: { output_tokens: 3 } })));
      await node(requests, "router:2|check_output:4", async () => ({ route_decision: { action: "success" } }));
      await node(requests, "guardian:5", async () => ({}));
      return { status: "succeeded" };
    }, none);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => `${span.name} < ${parentOf(spans, span) ?? "-"}`).sort()).toEqual(["accept < invoke_agent gateway", "call_model < router", "chat m < call_model", "check_output < router", "guardian < invoke_agent gateway", "invoke_agent gateway < -", "router < invoke_agent gateway"].sort());
    expect(before("end router", "start guardian")).toBe(true);
    expect(byName(spans, "check_output")?.attributes["switchyard.retry.decision"]).toBe("success");
    expect(byName(spans, "chat m")?.attributes["gen_ai.usage.output_tokens"]).toBe(3);
  });

  it("outside a request (Studio, a graph invoked directly) nodes and model calls run untraced; another thread's request is not theirs", async () => {
    const { exporter, requests } = traced();
    expect(await node(requests, "accept:1", async () => requests.modelCall(deployment, "attempt", async () => 7))).toBe(7);
    expect(exporter.getFinishedSpans()).toEqual([]);
    await requests.request("t", "gateway", {}, () => node(requests, "accept:1", async () => ({}), "other-thread"), none);
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["invoke_agent gateway"]);
  });

  it("nests a subgraph inside a subgraph, and ends the inner one when the run moves on within the outer", async () => {
    const { exporter, requests, before } = traced();
    await requests.request("t", "gateway", {}, async () => {
      await node(requests, "outer:1|inner:2|leaf:3", async () => ({}));
      await node(requests, "outer:1|other:4", async () => ({}));
      return {};
    }, none);
    const spans = exporter.getFinishedSpans();
    expect(["outer", "inner", "leaf", "other"].map((name) => parentOf(spans, byName(spans, name)))).toEqual(["invoke_agent gateway", "outer", "inner", "outer"]);
    expect(before("end inner", "start other")).toBe(true);
  });

  it("a request the sampler leaves out opens no node or model-call span and builds none of their attributes", async () => {
    const { exporter, requests } = traced(new AlwaysOffSampler());
    const built: string[] = [];
    const watched = { id: "d", provider: "openai", get model() {
      built.push("start");
      return "m";
    } };
    const value = await requests.request("t", "gateway", {}, async () => {
      await node(requests, "router:2|call_model:3", async () => requests.modelCall(watched, "attempt", async () => "reply", (reply) => (built.push("end"), reply)));
      await node(requests, "guardian:4", async () => requests.annotate(() => (built.push("annotate"), {})));
      return "done";
    }, () => (built.push("request end"), { attributes: {} }));
    expect(value).toBe("done");
    expect(built).toEqual([]);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it("annotate lands on the running node's span (the guardian's actions)", async () => {
    const { exporter, requests } = traced();
    await requests.request("t", "gateway", {}, () => node(requests, "guardian:1", async () => requests.annotate(() => ({ "switchyard.guardian.actions": ["quarantine"] }))), none);
    expect(byName(exporter.getFinishedSpans(), "guardian")?.attributes["switchyard.guardian.actions"]).toEqual(["quarantine"]);
  });

  it("an interrupt marks the request interrupted, not failed; an error fails the node and the request", async () => {
    const { exporter, requests } = traced();
    const interrupt = Object.assign(new Error("awaiting approval"), { name: "GraphInterrupt" });
    await expect(requests.request("t", "gateway", {}, () => node(requests, "approve:1", () => Promise.reject(interrupt)), none)).rejects.toBe(interrupt);
    await expect(requests.request("t", "gateway", {}, () => node(requests, "accept:1", () => Promise.reject(new TypeError("boom"))), none)).rejects.toThrow("boom");
    // By name and parent, not by start time: a request and its first node can start on the same clock reading.
    const spans = exporter.getFinishedSpans();
    const parentSpan = (child: ReadableSpan | undefined) => spans.find((candidate) => candidate.spanContext().spanId === child?.parentSpanContext?.spanId);
    const approve = byName(spans, "approve");
    const accept = byName(spans, "accept");
    const [paused, failed] = [parentSpan(approve), parentSpan(accept)];
    expect([paused?.name, failed?.name]).toEqual(["invoke_agent gateway", "invoke_agent gateway"]);
    expect(paused?.attributes["switchyard.interrupted"]).toBe(true);
    expect(paused?.status.code).toBe(0);
    expect(approve?.attributes["switchyard.interrupted"]).toBe(true);
    expect(failed?.status.code).toBe(2);
    expect(accept?.attributes["error.type"]).toBe("TypeError");
  });

  it("a node that returns a value or throws synchronously still gets its span, ended, and a promise back (node is not an async function)", async () => {
    const { exporter, requests } = traced();
    const direct = (namespace: string, run: () => unknown) => requests.node("t", namespace, run);
    await requests.request("t", "gateway", {}, async () => {
      const value = direct("accept:1", () => ({ route_decision: { action: "success" } }));
      expect(value).toBeInstanceOf(Promise);
      expect(await value).toEqual({ route_decision: { action: "success" } });
      const thrown = direct("guardian:2", () => {
        throw new TypeError("sync boom");
      });
      await expect(thrown).rejects.toThrow("sync boom");
      return { status: "failed" };
    }, none);
    const spans = exporter.getFinishedSpans();
    expect(byName(spans, "accept")?.attributes["switchyard.retry.decision"]).toBe("success");
    expect(byName(spans, "accept")?.ended).toBe(true);
    expect(byName(spans, "guardian")?.attributes["error.type"]).toBe("TypeError");
    expect(byName(spans, "guardian")?.status.code).toBe(2);
    // Span ids are drawn when first read: distinct, 16 hex digits, and the same on every read.
    const ids = spans.map((span) => span.spanContext().spanId);
    expect(new Set(ids).size).toBe(spans.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(spans.map((span) => span.spanContext().spanId)).toEqual(ids);
  });

  it("a streamed run's nodes hang off its request span, and its end reads the last chunk", async () => {
    const { exporter, requests } = traced();
    async function* run() {
      yield await node(requests, "accept:1", async () => ({ step: 1 }));
      yield await node(requests, "guardian:2", async () => ({ step: 2 }));
    }
    const seen: unknown[] = [];
    for await (const chunk of requests.stream("t", "gateway", {}, () => run(), (last) => ({ attributes: { last: JSON.stringify(last) } }))) seen.push(chunk);
    const spans = exporter.getFinishedSpans();
    expect(seen).toHaveLength(2);
    expect(parentOf(spans, byName(spans, "guardian"))).toBe("invoke_agent gateway");
    expect(byName(spans, "invoke_agent gateway")?.attributes.last).toBe('{"step":2}');
  });

  it("a verification node's verdict is pass, redacted or blocked by what it returned", async () => {
    const { exporter, requests } = traced();
    const outcomes: [string, Record<string, unknown>][] = [["pass", {}], ["redacted", { request: { input: "[EMAIL]" } }], ["blocked", { status: "failed", error: { code: "policy_violation" } }]];
    await requests.request("t", "gateway", {}, async () => {
      for (const [, update] of outcomes) await node(requests, "verify_request:1", async () => update);
    }, none);
    expect(exporter.getFinishedSpans().filter((span) => span.name === "verify_request").map((span) => span.attributes["switchyard.verification.verdict"])).toEqual(outcomes.map(([verdict]) => verdict));
  });

  it("a node still running when its request ends is exported alone once it ends, under the request, with its attributes", async () => {
    const { exporter, requests } = traced();
    let finish: (update: unknown) => void = () => {};
    let straggler: Promise<unknown> | undefined;
    await requests.request("t", "gateway", {}, async () => {
      straggler = node(requests, "check_output:1", () => new Promise((resolve) => (finish = resolve)));
      return {};
    }, none);
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["invoke_agent gateway"]);
    finish({ route_decision: { action: "give_up" } });
    await straggler;
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(["invoke_agent gateway", "check_output"]);
    expect(parentOf(spans, byName(spans, "check_output"))).toBe("invoke_agent gateway");
    expect(byName(spans, "check_output")?.attributes["switchyard.retry.decision"]).toBe("give_up");
  });
});
