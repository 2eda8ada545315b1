/** Probe steps for runs: wait, every stream mode, background and join, interrupts, multitask, bad input (see sdk-probe.ts). */
import type { Client, StreamMode } from "@langchain/langgraph-sdk";
import { check, rejects, ticket, type ProbeStep } from "./sdk-probe-kit.ts";

const gatewayInput = { request: { input: ticket, deployment: "openai-gpt-4o-mini" } };

interface GatewayValues {
  status?: string;
  __interrupt__?: Array<{ value: { kind: string } }>;
}

async function streamedEvents(client: Client, threadId: string | null, streamMode: StreamMode[]): Promise<Array<{ event: string; data: unknown }>> {
  const events = [];
  const stream = threadId === null ? client.runs.stream(null, "gateway", { input: gatewayInput, streamMode }) : client.runs.stream(threadId, "gateway", { input: gatewayInput, streamMode });
  for await (const part of stream) events.push({ event: part.event as string, data: part.data });
  return events;
}

/** Polls until the thread's run list shows `runId` in one of `statuses`; a generous deadline, never a sleep. */
async function runReaches(client: Client, threadId: string, runId: string, statuses: readonly string[]): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const run = await client.runs.get(threadId, runId).catch(() => undefined);
    if (run !== undefined && statuses.includes(run.status)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const modes: StreamMode[] = ["values", "updates", "messages", "messages-tuple", "events", "debug", "tasks", "checkpoints"];

export const runSteps: readonly ProbeStep[] = [
  {
    name: "runs.wait on a graph without a model (verification)",
    async run({ client }) {
      const values = (await client.runs.wait(null, "verification", { input: { phase: "output", text: "all good here" } })) as { verdict?: { decision: string } };
      check(values.verdict?.decision === "pass", `verdict ${JSON.stringify(values.verdict)}`);
    },
  },
  {
    name: "a run names graph_id and assistant_id in the thread's metadata",
    async run({ client, ids }) {
      const thread = await client.threads.create();
      const run = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput });
      await client.runs.join(thread.thread_id, run.run_id);
      const got = await client.threads.get(thread.thread_id);
      check(got.metadata?.graph_id === "gateway" && got.metadata?.assistant_id === run.assistant_id, `metadata ${JSON.stringify(got.metadata)}`);
      check((await client.threads.search({ metadata: { graph_id: "gateway" }, limit: 100 })).some((found) => found.thread_id === thread.thread_id), "search by graph_id");
      ids.runThread = thread.thread_id;
      ids.run = run.run_id;
    },
  },
  {
    name: "getHistory filters by run_id in checkpoint metadata, and honours before in Config form",
    async run({ client, ids }) {
      const threadId = ids.runThread ?? "";
      const history = await client.threads.getHistory(threadId, { metadata: { run_id: ids.run }, limit: 100 });
      check(history.length > 1 && history.every((state) => state.metadata?.run_id === ids.run && state.metadata?.graph_id === "gateway"), `history by run: ${history.length}`);
      const second = history[1]?.checkpoint.checkpoint_id ?? "";
      const before = await client.threads.getHistory(threadId, { before: { configurable: { checkpoint_id: second } }, limit: 1 });
      check(before.length === 1 && before[0]?.checkpoint.checkpoint_id === history[2]?.checkpoint.checkpoint_id, "before as Config");
    },
  },
  {
    name: "runs.get and runs.list answer runs with their kwargs",
    async run({ client, ids }) {
      const run = await client.runs.get(ids.runThread ?? "", ids.run ?? "");
      check(run.status === "success" && typeof (run as { kwargs?: unknown }).kwargs === "object", "kwargs");
      check((await client.runs.list(ids.runThread ?? "")).some((listed) => listed.run_id === ids.run), "list");
    },
  },
  ...modes.map(
    (mode): ProbeStep => ({
      name: `runs.stream in ${mode} mode`,
      async run({ client }) {
        const thread = await client.threads.create();
        const events = await streamedEvents(client, thread.thread_id, [mode]);
        const kinds = events.map((event) => event.event);
        check(kinds[0] === "metadata", `first event ${kinds[0]}`);
        check(!kinds.includes("end") && !kinds.includes("error"), `events ${[...new Set(kinds)].join(",")}`);
        const wanted = mode === "messages" ? "messages/partial" : mode === "messages-tuple" ? "messages" : mode;
        check(kinds.includes(wanted), `no ${wanted} event in ${[...new Set(kinds)].join(",")}`);
      },
    }),
  ),
  {
    name: "messages mode streams a partial per token",
    async run({ client }) {
      const events = await streamedEvents(client, null, ["messages"]);
      const partials = events.filter((event) => event.event === "messages/partial").length;
      check(partials >= 5, `${partials} messages/partial events`);
    },
  },
  {
    name: "background run, join, joinStream and threads.joinStream",
    async run({ client }) {
      const thread = await client.threads.create();
      const run = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, streamMode: ["values"] });
      const joined = [];
      for await (const part of client.runs.joinStream(thread.thread_id, run.run_id)) joined.push(part.event);
      check(joined.includes("values"), `joinStream ${joined.join(",")}`);
      check(((await client.runs.join(thread.thread_id, run.run_id)) as GatewayValues).status === "succeeded", "join");
      const later = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput });
      const followed = [];
      for await (const part of client.threads.joinStream(thread.thread_id)) followed.push(part.event);
      await client.runs.join(thread.thread_id, later.run_id);
      check(followed.length > 0, "threads.joinStream saw nothing");
    },
  },
  {
    name: "stateless background run joined by runs.joinStream(null, runId)",
    async run({ client }) {
      const run = await client.runs.create(null, "gateway", { input: gatewayInput, streamMode: ["values"] });
      const events = [];
      for await (const part of client.runs.joinStream(null, run.run_id)) events.push(part.event);
      check(events.includes("values"), `events ${events.join(",")}`);
    },
  },
  {
    name: "interrupt for approval, then resume with a command",
    async run({ client }) {
      const thread = await client.threads.create();
      const paused = (await client.runs.wait(thread.thread_id, "gateway", { input: { request: { ...gatewayInput.request, approval: "required" } } })) as GatewayValues;
      check(paused.__interrupt__?.[0]?.value.kind === "approval", "no approval interrupt");
      check((await client.threads.get(thread.thread_id)).status === "interrupted", "thread not interrupted");
      const done = (await client.runs.wait(thread.thread_id, "gateway", { command: { resume: { approved: true } } })) as GatewayValues;
      check(done.status === "succeeded", `after resume ${done.status}`);
    },
  },
  {
    name: "multitask: reject, enqueue, interrupt, rollback",
    async run({ client }) {
      const thread = await client.threads.create();
      const first = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput });
      await rejects(() => client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, multitaskStrategy: "reject" }), [409], "reject");
      const queued = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, multitaskStrategy: "enqueue" });
      await client.runs.join(thread.thread_id, queued.run_id);
      check((await client.runs.get(thread.thread_id, first.run_id)).status === "success", "first of enqueue");
      const third = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput });
      check(await runReaches(client, thread.thread_id, third.run_id, ["running"]), "third never ran");
      const interrupting = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, multitaskStrategy: "interrupt" });
      await client.runs.join(thread.thread_id, interrupting.run_id);
      check((await client.runs.get(thread.thread_id, third.run_id)).status === "interrupted", "interrupted run's status");
      const fifth = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput });
      check(await runReaches(client, thread.thread_id, fifth.run_id, ["running"]), "fifth never ran");
      const rolling = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, multitaskStrategy: "rollback" });
      await client.runs.join(thread.thread_id, rolling.run_id);
      await rejects(() => client.runs.get(thread.thread_id, fifth.run_id), [404], "rolled-back run");
    },
  },
  {
    name: "bad input: input as a string, values as a string, unknown as_node",
    async run({ client, ids }) {
      const threadId = ids.runThread ?? "";
      await rejects(() => client.runs.wait(threadId, "gateway", { input: "refund me" as unknown as Record<string, unknown> }), [422], "input as a string");
      await rejects(() => client.threads.updateState(threadId, { values: "oops" as unknown as Record<string, unknown> }), [422], "values as a string");
      await rejects(() => client.threads.updateState(threadId, { values: { status: "failed" }, asNode: "no_such_node" }), [422], "unknown as_node");
    },
  },
  {
    name: "bad input: resume on a thread that is not interrupted, an unknown checkpoint id",
    async run({ client, ids }) {
      const threadId = ids.runThread ?? "";
      await rejects(() => client.runs.wait(threadId, "gateway", { command: { resume: { approved: true } } }), [400, 409, 422], "resume when not interrupted");
      const unknown = "1f000000-0000-6000-8000-000000000000";
      await rejects(() => client.runs.wait(threadId, "gateway", { input: gatewayInput, checkpointId: unknown }), [404, 422], "run from an unknown checkpoint");
      await rejects(() => client.threads.getState(threadId, unknown), [404], "state at an unknown checkpoint");
    },
  },
];
