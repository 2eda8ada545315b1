import { AIMessage } from "@langchain/core/messages";
import { streamRun, type RunEvent } from "../../../src/server/run-stream.ts";
import type { ServableGraph } from "../../../src/server/served-graph.ts";

function fakeGraph(tuples: unknown[]): ServableGraph {
  const unused = () => {
    throw new Error("not used by this test");
  };
  return {
    stream: async () =>
      (async function* () {
        yield* tuples;
      })(),
    // The messages mode reads the run through streamEvents: the same tuples, as the root run's stream chunks.
    streamEvents: () =>
      (async function* () {
        for (const tuple of tuples) yield { event: "on_chain_stream" as const, name: "fake", run_id: "r1", tags: [], metadata: {}, data: { chunk: tuple } };
      })(),
    getState: unused,
    getStateHistory: unused,
    updateState: unused,
    getGraphAsync: unused,
    getSubgraphsAsync: unused,
  };
}

const raw = new AIMessage({ id: "a1", content: '{"note":"card 4111 1111 1111 1111"}' });
const redacted = new AIMessage({ id: "a1", content: '{"note":"card [REDACTED:payment_card]"}' });
const question = new AIMessage({ id: "h1", content: "question" });

/** The gateway's stream around the answer: the router step (inner, update, values) then the verdict. */
function run(verdict: Record<string, unknown>): unknown[] {
  return [
    [["router:1"], "updates", { call_model: { output: { raw: raw.content } } }],
    [[], "updates", { router: { status: "succeeded", output: { raw: raw.content }, messages: [raw] } }],
    [[], "values", { status: "succeeded", output: { raw: raw.content }, messages: [question, raw] }],
    [[], "updates", { verify_output: verdict }],
    [[], "updates", { guardian: {} }],
  ];
}

async function events(tuples: unknown[], modes: Array<"values" | "updates" | "messages">): Promise<RunEvent[]> {
  const result: RunEvent[] = [];
  const options = { modes, subgraphs: true, runId: "r1", graphOptions: {}, answerGate: { answer: "router", verdict: "verify_output" } };
  for await (const event of streamRun(fakeGraph(tuples), {}, options)) result.push(event);
  return result;
}

describe("streamRun with an answer gate", () => {
  it("sends state from the answer's step only after the verdict, with the redacted answer in it", async () => {
    const out = await events(run({ output: { raw: redacted.content }, messages: [redacted] }), ["values", "updates", "messages"]);
    const text = JSON.stringify(out);
    expect(text).not.toContain("4111");
    // The inner call_model update (namespace router:1) never goes out; the rest waits for verify_output.
    expect(out.map((event) => event.event)).toEqual(["updates", "messages/complete", "values", "updates", "updates"]);
    expect(out[2]?.data).toMatchObject({ output: { raw: redacted.content } });
  });

  it("sends the state without the answer when the verdict blocks it", async () => {
    const out = await events(run({ status: "failed", error: { code: "policy_violation" } }), ["values", "updates"]);
    expect(JSON.stringify(out)).not.toContain("4111");
    expect(out.find((event) => event.event === "values")?.data).toMatchObject({ status: "failed", messages: [{ id: "h1" }] });
  });

  it("passes an unchanged answer as it was, and holds nothing when the client asked only for values", async () => {
    const out = await events(run({}), ["values"]);
    expect(out.map((event) => event.event)).toEqual(["values"]);
    expect(out[0]?.data).toMatchObject({ output: { raw: raw.content } });
  });
});
