import { AIMessageChunk } from "@langchain/core/messages";
import { streamRun, type RunEvent } from "../../../src/server/run-stream.ts";
import type { ServableGraph } from "../../../src/server/served-graph.ts";

/** A graph whose stream is a fixed list of `[mode, chunk]` tuples (the model's tokens, then a node update). */
function fakeGraph(tuples: unknown[], events: unknown[] = []): ServableGraph {
  const unused = () => {
    throw new Error("not used by this test");
  };
  return {
    stream: async () =>
      (async function* () {
        yield* tuples;
      })(),
    streamEvents: () =>
      (async function* () {
        yield* events;
      })() as ReturnType<ServableGraph["streamEvents"]>,
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

  it("checks on_chat_model_stream events and strips the unchecked output from on_chat_model_end", async () => {
    const modelEvents = [
      ...["Mail me at ", "ann@exa", "mple.com", " today"].map((text) => ({ event: "on_chat_model_stream", run_id: "llm1", name: "model", data: { chunk: new AIMessageChunk({ content: text }) } })),
      { event: "on_chat_model_end", run_id: "llm1", name: "model", data: { output: new AIMessageChunk({ content: "Mail me at ann@example.com today" }) } },
    ];
    const result: RunEvent[] = [];
    const options = { modes: ["events"] as const, subgraphs: false, runId: "r1", graphOptions: {}, outputChecks: { pii: { strategy: "redact" as const } } };
    for await (const event of streamRun(fakeGraph([], modelEvents), {}, options)) result.push(event);
    const data = result.map((event) => event.data as { event: string; data: { chunk?: AIMessageChunk; output?: unknown } });
    const text = data.filter((event) => event.event === "on_chat_model_stream").map((event) => event.data.chunk?.content).join("");
    expect(text).toBe("Mail me at [REDACTED:email] today");
    expect(data.at(-1)).toMatchObject({ event: "on_chat_model_end" });
    expect(data.at(-1)?.data.output).toBeUndefined();
  });
});
