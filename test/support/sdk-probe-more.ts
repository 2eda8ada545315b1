/**
 * Probe steps for the calls issue #19 served last: join streams narrowed by `streamMode`, `runs.cancelMany`,
 * `runs.createBatch`, `threads.prune`, `threads.patchState`, and crons (see sdk-probe.ts).
 */
import type { Client, StreamMode } from "@langchain/langgraph-sdk";
import { check, rejects, ticket, type ProbeStep } from "./sdk-probe-kit.ts";

const gatewayInput = { request: { input: ticket, deployment: "openai-gpt-4o-mini" } };
const verificationInput = { phase: "output", text: "all good here" };

/** The distinct event names of a join stream. */
async function joinedKinds(parts: AsyncGenerator<{ event: unknown }>): Promise<Set<string>> {
  const kinds = new Set<string>();
  for await (const part of parts) kinds.add(String(part.event).split("|")[0] ?? "");
  return kinds;
}

/** Polls a run until it is one of `statuses`; a generous deadline, never a sleep. */
async function settles(client: Client, threadId: string, runId: string, statuses: readonly string[]): Promise<string> {
  const deadline = Date.now() + 20_000;
  let status = "unknown";
  while (Date.now() < deadline) {
    status = (await client.runs.get(threadId, runId).catch(() => undefined))?.status ?? "gone";
    if (statuses.includes(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return status;
}

async function ranThread(client: Client): Promise<string> {
  const thread = await client.threads.create();
  await client.runs.wait(thread.thread_id, "gateway", { input: gatewayInput });
  return thread.thread_id;
}

const twoModes: StreamMode[] = ["values", "updates"];

export const moreSteps: readonly ProbeStep[] = [
  {
    name: "runs.joinStream narrows to streamMode; threads.joinStream takes run_modes",
    async run({ client }) {
      const thread = await client.threads.create();
      const run = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, streamMode: twoModes });
      const kinds = await joinedKinds(client.runs.joinStream(thread.thread_id, run.run_id, { streamMode: ["updates"] }));
      check(kinds.has("updates") && !kinds.has("values"), `runs.joinStream(updates) sent ${[...kinds].join(",")}`);
      const later = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, streamMode: twoModes });
      const followed = await joinedKinds(client.threads.joinStream(thread.thread_id, { streamMode: "run_modes" }));
      await client.runs.join(thread.thread_id, later.run_id);
      check(followed.has("values") && followed.has("updates"), `threads.joinStream(run_modes) sent ${[...followed].join(",")}`);
      const stateless = await client.runs.create(null, "gateway", { input: gatewayInput, streamMode: twoModes });
      const alone = await joinedKinds(client.runs.joinStream(null, stateless.run_id, { streamMode: "values" }));
      check(alone.has("values") && !alone.has("updates"), `runs.joinStream(null, values) sent ${[...alone].join(",")}`);
    },
  },
  {
    name: "runs.cancelMany by run ids and by status",
    async run({ client }) {
      const thread = await client.threads.create();
      const first = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput });
      const queued = await client.runs.create(thread.thread_id, "gateway", { input: gatewayInput, multitaskStrategy: "enqueue" });
      await client.runs.cancelMany({ threadId: thread.thread_id, runIds: [first.run_id, queued.run_id] });
      for (const run of [first, queued]) check((await settles(client, thread.thread_id, run.run_id, ["interrupted"])) === "interrupted", `run ${run.run_id} not interrupted`);
      const other = await client.threads.create();
      const running = await client.runs.create(other.thread_id, "gateway", { input: gatewayInput });
      await client.runs.cancelMany({ threadId: other.thread_id, status: "all", action: "rollback" });
      check((await settles(client, other.thread_id, running.run_id, ["gone"])) === "gone", "rolled-back run still listed");
      await rejects(() => client.runs.cancelMany({ threadId: thread.thread_id }), [400, 422], "cancelMany with neither run ids nor status");
    },
  },
  {
    name: "runs.createBatch creates stateless background runs",
    async run({ client }) {
      const runs = await client.runs.createBatch([
        { assistantId: "verification", input: verificationInput, streamMode: ["updates"] },
        { assistantId: "gateway", input: gatewayInput },
      ]);
      check(runs.length === 2 && runs[0]?.run_id !== runs[1]?.run_id, `batch answered ${runs.length} runs`);
      const kinds = await joinedKinds(client.runs.joinStream(null, runs[0]?.run_id ?? ""));
      check(kinds.has("updates"), `batch run streamed ${[...kinds].join(",")}`);
      for (const run of runs.slice(1)) await joinedKinds(client.runs.joinStream(null, run.run_id));
      await rejects(() => client.runs.createBatch([{ assistantId: "gateway", input: "refund me" as unknown as Record<string, unknown> }]), [422], "batch with input as a string");
    },
  },
  {
    name: "threads.patchState merges metadata into the latest checkpoint",
    async run({ client }) {
      const threadId = await ranThread(client);
      const before = await client.threads.getState(threadId);
      await client.threads.patchState(threadId, { reviewed_by: "probe" });
      const after = await client.threads.getState(threadId);
      check(after.metadata?.reviewed_by === "probe", `metadata ${JSON.stringify(after.metadata)}`);
      check(after.checkpoint.checkpoint_id === before.checkpoint.checkpoint_id, "patch wrote a new checkpoint");
      check(JSON.stringify(after.values) === JSON.stringify(before.values), "patch changed the values");
      await rejects(() => client.threads.patchState(threadId, "oops" as unknown as Record<string, unknown>), [400, 422], "patchState with metadata as a string");
    },
  },
  {
    name: "threads.prune keep_latest and delete",
    async run({ client }) {
      const kept = await ranThread(client);
      const values = (await client.threads.getState(kept)).values;
      check((await client.threads.prune([kept], { strategy: "keep_latest" })).pruned_count === 1, "keep_latest count");
      const history = await client.threads.getHistory(kept, { limit: 100 });
      check(history.length === 1 && JSON.stringify(history[0]?.values) === JSON.stringify(values), `after keep_latest: ${history.length} checkpoints`);
      const gone = await ranThread(client);
      check((await client.threads.prune([gone])).pruned_count === 1, "delete count");
      await rejects(() => client.threads.get(gone), [404], "pruned thread");
      await rejects(() => client.threads.prune([kept], { strategy: "forget" as "delete" }), [422], "unknown strategy");
    },
  },
  {
    name: "crons: createForThread, create, search, count, update, delete",
    async run({ client }) {
      const thread = await client.threads.create();
      const yearly = "0 0 1 1 *";
      const onThread = await client.crons.createForThread(thread.thread_id, "gateway", { schedule: yearly, input: gatewayInput });
      const stateless = await client.crons.create("verification", { schedule: yearly, input: verificationInput });
      const found = await client.crons.search({ threadId: thread.thread_id });
      check(found.some((cron) => cron.cron_id === onThread.cron_id), "search by thread");
      check((await client.crons.count({ threadId: thread.thread_id })) === 1, "count by thread");
      const updated = await client.crons.update(onThread.cron_id, { schedule: "0 0 2 1 *" });
      check(updated.schedule === "0 0 2 1 *", `updated schedule ${updated.schedule}`);
      await client.crons.delete(onThread.cron_id);
      await client.crons.delete(stateless.cron_id);
      check(!(await client.crons.search({ threadId: thread.thread_id })).some((cron) => cron.cron_id === onThread.cron_id), "deleted cron still listed");
      await rejects(() => client.crons.create("gateway", { schedule: "not a schedule", input: gatewayInput }), [400, 422], "bad schedule");
    },
  },
];
