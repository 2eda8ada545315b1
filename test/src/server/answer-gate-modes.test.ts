import { AIMessage } from "@langchain/core/messages";
import { AnswerGate } from "../../../src/server/answer-gate.ts";

const raw = new AIMessage({ id: "a1", content: '{"note":"card 4111 1111 1111 1111"}' });
const redacted = new AIMessage({ id: "a1", content: '{"note":"card [REDACTED:payment_card]"}' });
const routerUpdate = { status: "succeeded", output: { raw: raw.content }, messages: [raw] };
const verdict = { output: { raw: redacted.content }, messages: [redacted] };

function passAll(gate: AnswerGate, tuples: Array<[string[], string, unknown]>): unknown[] {
  const out: unknown[] = [];
  for (const tuple of tuples) for (const released of gate.pass(...tuple)) out.push(released);
  for (const released of gate.end()) out.push(released);
  return out;
}

describe("AnswerGate on tasks, checkpoints and custom chunks", () => {
  it("holds the router's task result and the checkpoint after it, and releases them with the checked answer", () => {
    const gate = new AnswerGate({ answer: "router", verdict: "verify_output" });
    const out = passAll(gate, [
      [["router:1"], "custom", { partial: raw.content }],
      [[], "tasks", { id: "t1", name: "router", result: routerUpdate }],
      [[], "updates", { router: routerUpdate }],
      [[], "checkpoints", { values: { output: { raw: raw.content }, messages: [raw] }, tasks: [{ id: "t2", name: "verify_output", result: { output: { raw: raw.content } } }] }],
      [[], "tasks", { id: "t2", name: "verify_output", input: { output: { raw: raw.content }, messages: [raw] } }],
      [[], "custom", { note: raw.content }],
      [[], "updates", { verify_output: verdict }],
    ]);
    const text = JSON.stringify(out);
    expect(text).not.toContain("4111");
    expect(out.map((tuple) => (tuple as [string[], string])[1])).toEqual(["tasks", "updates", "checkpoints", "tasks", "updates"]);
    expect(out[0]).toMatchObject([[], "tasks", { name: "router", result: { output: { raw: redacted.content } } }]);
    expect(out[2]).toMatchObject([[], "checkpoints", { values: { output: { raw: redacted.content } } }]);
  });

  it("releases nothing of the answer when the run stops before the verdict", () => {
    const gate = new AnswerGate({ answer: "router", verdict: "verify_output" });
    const out = passAll(gate, [[[], "tasks", { id: "t1", name: "router", result: routerUpdate }], [[], "updates", { router: routerUpdate }]]);
    expect(JSON.stringify(out)).not.toContain("4111");
  });
});

describe("AnswerGate on streamEvents callback events", () => {
  const event = (kind: string, name: string, node: string | undefined, data: unknown) => ({ event: kind, name, data, metadata: node === undefined ? {} : { langgraph_node: node, checkpoint_ns: `${node === "call_model" ? "router" : node}:x` } });

  it("strips node events from the answer node to the verdict, keeps the verdict's output and the graph's ends", () => {
    const gate = new AnswerGate({ answer: "router", verdict: "verify_output" });
    const events = [
      event("on_chain_start", "gateway", undefined, { input: { request: "hi" } }),
      event("on_chain_end", "memory_step", "memory_step", { output: { memory: 1 } }),
      event("on_chain_end", "call_model", "call_model", { output: { raw: raw.content } }),
      event("on_chat_model_stream", "ChatOpenAI", "call_model", { chunk: "card [REDACTED" }),
      event("on_chain_end", "router", "router", { output: routerUpdate }),
      event("on_chain_start", "verify_output", "verify_output", { input: { output: { raw: raw.content } } }),
      event("on_chain_end", "verify_output", "verify_output", { input: { output: { raw: raw.content } }, output: verdict }),
      event("on_chain_end", "guardian", "guardian", { output: {} }),
      event("on_chain_end", "gateway", undefined, { output: { output: verdict.output } }),
    ].map((one) => gate.event(one));
    expect(JSON.stringify(events)).not.toContain("4111");
    expect(events[1]).toMatchObject({ data: { output: { memory: 1 } } });
    expect(events[3]).toMatchObject({ data: { chunk: "card [REDACTED" } });
    expect(events[4]).toMatchObject({ data: {} });
    expect(events[6]).toEqual(expect.objectContaining({ data: { output: verdict } }));
    expect(events[8]).toMatchObject({ data: { output: { output: verdict.output } } });
  });

  it("strips the graph's end too when no verdict came", () => {
    const gate = new AnswerGate({ answer: "router", verdict: "verify_output" });
    gate.event(event("on_chain_end", "router", "router", { output: routerUpdate }));
    expect(gate.event(event("on_chain_end", "gateway", undefined, { output: routerUpdate }))).toMatchObject({ data: {} });
  });
});
