import { AIMessageChunk } from "@langchain/core/messages";
import { streamRun, type RunEvent } from "../../../src/server/run-stream.ts";
import type { ServableGraph } from "../../../src/server/served-graph.ts";

/** A graph whose stream is a fixed list of `[mode, chunk]` tuples (the model's tokens, then a node update). */
function fakeGraph(tuples: unknown[]): ServableGraph {
  const unused = () => {
    throw new Error("not used by this test");
  };
  return {
    stream: async () =>
      (async function* () {
        yield* tuples;
      })(),
    streamEvents: unused,
    getState: unused,
    getStateHistory: unused,
    updateState: unused,
    getGraphAsync: unused,
    getSubgraphsAsync: unused,
  };
}

const tokens = ["Your card ", "4111 1111", " 1111 1111", " is saved", "."].map((text) => ["messages", [new AIMessageChunk({ id: "m1", content: text }), { langgraph_node: "router" }]]);
const toolChunk = ["messages", [new AIMessageChunk({ id: "m1", content: "", tool_call_chunks: [{ index: 0, name: "send_email", args: '{"to":"x"}', id: "c1" }] }), {}]];

async function events(outputChecks: boolean): Promise<RunEvent[]> {
  const graph = fakeGraph([...tokens, toolChunk, ["updates", { router: {} }]]);
  const result: RunEvent[] = [];
  const options = { modes: ["messages-tuple", "updates"] as const, subgraphs: false, runId: "r1", graphOptions: {} };
  for await (const event of streamRun(graph, {}, outputChecks ? { ...options, outputChecks: { pii: { strategy: "redact" } } } : options)) result.push(event);
  return result;
}

const streamedText = (list: RunEvent[]) =>
  list
    .filter((event) => event.event === "messages")
    .map((event) => ((event.data as [AIMessageChunk])[0].content as string))
    .join("");

describe("streamRun with output checks", () => {
  it("sends only checked, redacted tokens and no tool-call fragments", async () => {
    const checked = await events(true);
    expect(streamedText(checked)).toBe("Your card [REDACTED:payment_card] is saved.");
    expect(checked.filter((event) => event.event === "messages").every((event) => ((event.data as [AIMessageChunk])[0].tool_call_chunks ?? []).length === 0)).toBe(true);
    // The node's update comes after the message's held tail was released.
    expect(checked.at(-1)?.event).toBe("updates");
  });

  it("without checks, tokens pass as they come (the leak this closes)", async () => {
    expect(streamedText(await events(false))).toContain("4111 1111 1111 1111");
  });
});
