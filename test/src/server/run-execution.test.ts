import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../../checkpoints/index.ts";
import { createServer, type ServableGraph } from "../../../src/server/index.ts";

interface Attempt {
  deployment: string;
  mode: string;
  started_at: number;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  outcome: string;
}

/** Like the gateway: each request starts its `attempts` anew (last value wins) and appends one attempt. */
function attemptGraph() {
  const saver = openSqliteSaver(":memory:");
  let clock = 1_000;
  const State = Annotation.Root({
    question: Annotation<string>(),
    attempts: Annotation<Attempt[]>(),
    answered: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }),
  });
  const graph = new StateGraph(State)
    .addNode("call", () => {
      clock += 10;
      return { attempts: [{ deployment: "d1", mode: "emit", started_at: clock, latency_ms: 5, input_tokens: 3, output_tokens: 4, cost_usd: 0, outcome: "ok" }] };
    })
    .addNode("answer", () => ({ answered: 1 }))
    .addEdge(START, "call")
    .addEdge("call", "answer")
    .addEdge("answer", END)
    .compile({ checkpointer: saver, name: "attempts" });
  return { saver, graph: graph as unknown as ServableGraph };
}

describe("a run's end, read from its own stream", () => {
  const { saver, graph } = attemptGraph();
  const server = createServer({ graphs: { attempts: { graph } }, persistence: { checkpointer: saver } });
  afterAll(() => server.close());
  const post = async (path: string, body: unknown) => {
    const response = await server.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const attemptsCounted = async () => (await server.metrics.attempts.get()).values.reduce((sum, value) => sum + value.value, 0);

  it("answers runs/wait with the thread's final values, as a state read after the run would", async () => {
    const thread = await post("/threads", {});
    const threadId = String(thread.body.thread_id);
    const waited = await post(`/threads/${threadId}/runs/wait`, { assistant_id: "attempts", input: { question: "q1" } });
    expect(waited.status).toBe(200);
    const state = await (await server.app.request(`/threads/${threadId}/state`)).json();
    expect(waited.body).toEqual((state as { values: unknown }).values);
    expect(waited.body.answered).toBe(1);
  });

  it("counts every run's own attempts in /metrics, also when each request starts the list anew", async () => {
    const before = await attemptsCounted();
    const thread = await post("/threads", {});
    const threadId = String(thread.body.thread_id);
    for (const question of ["q1", "q2", "q3"]) await post(`/threads/${threadId}/runs/wait`, { assistant_id: "attempts", input: { question } });
    // Three runs, one attempt each: a count of attempts by position would see the second and third as old.
    expect((await attemptsCounted()) - before).toBe(3);
  });

  it("marks a thread interrupted when its run stops before a node, and answers with the values so far", async () => {
    const thread = await post("/threads", {});
    const threadId = String(thread.body.thread_id);
    const waited = await post(`/threads/${threadId}/runs/wait`, { assistant_id: "attempts", input: { question: "q" }, interrupt_before: ["answer"] });
    expect(waited.body.answered).toBe(0);
    const record = await (await server.app.request(`/threads/${threadId}`)).json();
    expect((record as { status: string }).status).toBe("interrupted");
  });

  it("answers a stateless run and drops its thread", async () => {
    const waited = await post("/runs/wait", { assistant_id: "attempts", input: { question: "q" } });
    expect(waited.body).toMatchObject({ question: "q", answered: 1 });
    const threads = await post("/threads/search", { limit: 1000 });
    expect((threads.body as unknown as unknown[]).length).toBe(3);
  });

  it("answers a stateless run that stops at an interrupt as one on a thread does, counts its attempt and drops its thread", async () => {
    const before = await attemptsCounted();
    const threadsBefore = ((await post("/threads/search", { limit: 1000 })).body as unknown as unknown[]).length;
    const waited = await post("/runs/wait", { assistant_id: "attempts", input: { question: "q" }, interrupt_before: ["answer"] });
    expect(waited).toEqual({ status: 200, body: { __interrupt__: [] } });
    // The attempt is read from the run's state at its interrupt (its stream's last values chunk is the interrupt).
    expect((await attemptsCounted()) - before).toBe(1);
    expect(((await post("/threads/search", { limit: 1000 })).body as unknown as unknown[]).length).toBe(threadsBefore);
  });

  it("records where a run on a graph without attempts started (the thread's latest checkpoint) from the id alone", async () => {
    const echoSaver = openSqliteSaver(":memory:");
    const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
    const echo = new StateGraph(State).addNode("respond", (state) => ({ answer: `echo: ${state.question}` })).addEdge(START, "respond").addEdge("respond", END).compile({ checkpointer: echoSaver, name: "echo" });
    const echoServer = createServer({ graphs: { echo: { graph: echo as unknown as ServableGraph } }, persistence: { checkpointer: echoSaver } });
    try {
      const created = await echoServer.app.request("/threads", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const threadId = String(((await created.json()) as { thread_id: string }).thread_id);
      const startedFrom = async (question: string) => {
        const latest = (await echoSaver.getTuple({ configurable: { thread_id: threadId } }))?.config.configurable?.checkpoint_id ?? "";
        const response = await echoServer.app.request(`/threads/${threadId}/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "echo", input: { question } }) });
        const runId = String(((await response.json()) as { run_id: string }).run_id);
        await echoServer.app.request(`/threads/${threadId}/runs/${runId}/join`);
        return { latest, recorded: echoSaver.database.prepare("SELECT started_from FROM server_runs WHERE run_id = ?").pluck().get(runId) };
      };
      const first = await startedFrom("q1");
      expect(first).toEqual({ latest: "", recorded: "" });
      const second = await startedFrom("q2");
      expect(second.latest).not.toBe("");
      expect(second.recorded).toBe(second.latest);
    } finally {
      await echoServer.close();
    }
  });
});

describe("the checkpoints a stateless run saves", () => {
  const { saver, graph } = attemptGraph();
  const server = createServer({ graphs: { attempts: { graph } }, persistence: { checkpointer: saver } });
  afterAll(() => server.close());
  const puts: string[] = [];
  const put = saver.put.bind(saver);
  saver.put = async (config, checkpoint, metadata, versions) => {
    puts.push(String(config.configurable?.thread_id));
    return put(config, checkpoint, metadata, versions);
  };
  const savesOf = async (path: string, body: Record<string, unknown>) => {
    puts.length = 0;
    const response = await server.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "attempts", input: { question: "q" }, ...body }) });
    const text = await response.text();
    expect(response.status).toBe(200);
    return { saves: puts.length, text };
  };

  it("a stateless runs/wait or runs/stream keeps its one checkpoint (at its end) in memory; the same run on a thread saves every step", async () => {
    const stateless = await savesOf("/runs/wait", {});
    expect(JSON.parse(stateless.text)).toMatchObject({ question: "q", answered: 1 });
    expect(stateless.saves).toBe(0);
    const streamed = await savesOf("/runs/stream", { stream_mode: ["values", "updates"] });
    expect(streamed.text).toContain('"answered":1');
    expect(streamed.saves).toBe(0);
    // Asked for "exit" by name, it is the same run.
    expect((await savesOf("/runs/wait", { durability: "exit" })).saves).toBe(0);
    // Nothing of theirs on the database: no checkpoint, no pending write.
    expect(saver.database.prepare("SELECT (SELECT COUNT(*) FROM sy_checkpoints) + (SELECT COUNT(*) FROM sy_writes)").pluck().get()).toBe(0);
    const thread = await savesOf(`/threads/${crypto.randomUUID()}/runs/wait`, { if_not_exists: "create" });
    // The empty start, the input, then one per node: what a thread's history and time travel read.
    expect(thread.saves).toBe(4);
  });

  it("keeps per-step saves where asked for, or where checkpoints are streamed", async () => {
    expect((await savesOf("/runs/wait", { durability: "async" })).saves).toBe(4);
    expect((await savesOf("/runs/stream", { stream_mode: ["checkpoints"] })).saves).toBe(4);
    expect((await savesOf("/runs/stream", { stream_mode: "debug" })).saves).toBe(4);
  });
});
