import { describe, expect, it } from "vitest";
import { countSamples, emptyCounts, tracingNodes, type CpuProfile } from "../../bench/tracing-profile.ts";

const at = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url }, children });
const tracer = "file:///repo/src/telemetry/request-tracer.ts";

/**
 * (root) → LangGraph runner → the tracer's node() → the node's own work → a builtin under it;
 * node() → RecordedSpan → a node: internal; the runner → metrics.ts; (garbage collector); (idle).
 */
const profile: CpuProfile = {
  nodes: [
    at(1, "(root)", "", [2, 8, 9, 10]),
    at(2, "runTask", "file:///repo/node_modules/@langchain/langgraph/dist/pregel/runner.js", [3, 7]),
    at(3, "node", tracer, [4, 6]),
    at(4, "acceptRequest", "file:///repo/nodes/accept.ts", [5]),
    at(5, "stringify", ""),
    at(6, "RecordedSpan", "file:///repo/src/telemetry/recorded-span.ts", [11]),
    at(7, "observe", "file:///repo/src/telemetry/metrics.ts"),
    at(8, "(garbage collector)", ""),
    at(9, "(idle)", ""),
    at(10, "onEnd", "file:///repo/node_modules/@opentelemetry/sdk-trace-base/build/src/export/BatchSpanProcessorBase.js"),
    at(11, "now", "node:perf_hooks"),
  ],
  samples: [3, 4, 5, 6, 11, 7, 8, 9, 10, 2],
  timeDeltas: [50, 50, 50, 50, 50, 50, 50, 50, 50, 50],
};

describe("tracing's samples in a CPU profile", () => {
  it("counts a tracer frame and what it calls, not the traced work a wrapper runs, metrics.ts or the runner", () => {
    expect([...tracingNodes(profile)].sort((a, b) => a - b)).toEqual([3, 6, 10, 11]);
  });

  it("counts busy samples (not idle), tracing's once each, and the GC's apart", () => {
    const counts = emptyCounts();
    countSamples(profile, counts);
    expect(counts).toEqual({ busy: 9, tracing: 4, gc: 1, busyUs: 450, tracingUs: 200 });
  });
});
