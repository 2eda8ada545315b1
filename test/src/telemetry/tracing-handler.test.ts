import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { TracingHandler } from "../../../src/telemetry/tracing-handler.ts";

function traced() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, handler: new TracingHandler(provider.getTracer("test")) };
}

const chain = { lc: 1, type: "not_implemented" as const, id: ["test"] };
const node = (name: string, step: number) => ({ tags: [`graph:step:${step}`], metadata: { langgraph_node: name, langgraph_step: step } });

describe("TracingHandler", () => {
  it("puts a node's switchyard.* custom event (the guardian's actions) on that node's span, through runs without spans", () => {
    const { exporter, handler } = traced();
    handler.handleChainStart(chain, {}, "root", undefined, [], {}, undefined, "gateway");
    const guardian = node("guardian", 4);
    handler.handleChainStart(chain, {}, "guardian", "root", guardian.tags, guardian.metadata, undefined, "guardian");
    handler.handleChainStart(chain, {}, "lambda", "guardian", [], guardian.metadata, undefined, "RunnableLambda");
    handler.handleCustomEvent("switchyard.guardian", { actions: ["quarantine", "recovery"] }, "lambda");
    handler.handleCustomEvent("someone.else", { actions: ["ignored"] }, "lambda");
    handler.handleChainEnd({}, "lambda");
    handler.handleChainEnd({}, "guardian");
    handler.handleChainEnd({ status: "succeeded", attempts: [] }, "root");
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === "guardian");
    expect(span?.attributes["switchyard.guardian.actions"]).toEqual(["quarantine", "recovery"]);
    expect(Object.keys(span?.attributes ?? {}).some((key) => key.startsWith("someone"))).toBe(false);
    expect(handler.openRuns).toBe(0);
  });

  it("an interrupt ends the request span marked interrupted, not failed; the node and model call it abandoned end with it", () => {
    const { exporter, handler } = traced();
    handler.handleChainStart(chain, {}, "root", undefined, [], {}, undefined, "gateway");
    const approve = node("approve", 2);
    handler.handleChainStart(chain, {}, "approve", "root", approve.tags, approve.metadata, undefined, "approve");
    handler.handleChatModelStart(chain, [], "model", "approve", {}, [], { ls_provider: "openai", ls_model_name: "gpt-4o-mini" });
    const interrupt = Object.assign(new Error("awaiting approval"), { name: "GraphInterrupt" });
    handler.handleChainError(interrupt, "root");
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual(["approve", "chat gpt-4o-mini", "invoke_agent gateway"]);
    const request = spans.find((span) => span.name === "invoke_agent gateway");
    expect(request?.attributes["switchyard.interrupted"]).toBe(true);
    expect(request?.status.code).toBe(0);
    expect(handler.openRuns).toBe(0);
  });

  it("a verification node's verdict is pass, redacted or blocked by what it returned", () => {
    const { exporter, handler } = traced();
    handler.handleChainStart(chain, {}, "root", undefined, [], {}, undefined, "gateway");
    const outcomes: [string, Record<string, unknown>][] = [["pass", {}], ["redacted", { request: { input: "[EMAIL]" } }], ["blocked", { status: "failed", error: { code: "policy_violation" } }]];
    outcomes.forEach(([_, update], index) => {
      const verify = node("verify_request", 1);
      handler.handleChainStart(chain, {}, `verify-${index}`, "root", verify.tags, verify.metadata, undefined, "verify_request");
      handler.handleChainEnd(update, `verify-${index}`);
    });
    handler.handleChainEnd({}, "root");
    const verdicts = exporter.getFinishedSpans().filter((span) => span.name === "verify_request").map((span) => span.attributes["switchyard.verification.verdict"]);
    expect(verdicts).toEqual(outcomes.map(([verdict]) => verdict));
  });
});
