import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "../../support/poll-until.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { stepsGraph } from "./replica-graphs.ts";
import { startReplica, type Replica } from "./replica-fixtures.ts";
import { startReplicaChild, startStepsModel, type StepsModel } from "./replica-processes.ts";

const available = await serviceAvailable("postgres");
const childFile = path.resolve(import.meta.dirname, "replica-child.ts");

describe.skipIf(!available)("a replica killed with SIGKILL mid-run", () => {
  const schema = runScopedName("switchyard_replica_kill");
  const survivors: Replica[] = [];
  let model: StepsModel;
  let doomed: { child: ChildProcess; url: string };

  beforeAll(async () => {
    model = await startStepsModel();
    doomed = await startReplicaChild(childFile, schema, model.url);
    for (let index = 0; index < 2; index += 1) survivors.push(await startReplica({ url: postgresUrl, schema, graphs: (saver) => ({ steps: stepsGraph(saver, model.url) }) }));
  }, 90_000);

  afterAll(async () => {
    if (doomed?.child.exitCode === null && doomed.child.signalCode === null) doomed.child.kill("SIGKILL");
    await Promise.allSettled(survivors.map((replica) => replica.close()));
    model?.close();
    await dropPostgresSchema(schema);
  });

  it("is finished by exactly one other replica from its last checkpoint, its queued run after it: no finished model call repeated", async () => {
    const onDoomed = new Client({ apiUrl: doomed.url, callerOptions: { maxRetries: 0 } });
    const [b, c] = survivors.map((replica) => new Client({ apiUrl: replica.listening.url, callerOptions: { maxRetries: 0 } }));
    if (b === undefined || c === undefined) throw new Error("survivors did not start");
    const thread = await onDoomed.threads.create();
    const run = await onDoomed.runs.create(thread.thread_id, "steps", { input: {} });
    await model.held;
    // A second run queued behind the first on A (pending, never started): it must run once, after the first.
    const queued = await onDoomed.runs.create(thread.thread_id, "steps", { input: {}, multitaskStrategy: "enqueue" });
    const exited = new Promise((resolve) => doomed.child.once("exit", resolve));
    doomed.child.kill("SIGKILL");
    await exited;
    // A join on a survivor waits through the takeover (lease expiry plus a recovery pass) to the end.
    await b.runs.join(thread.thread_id, run.run_id);
    const record = await pollUntil("the run to end", async () => {
      const found = await c.runs.get(thread.thread_id, run.run_id);
      return found.status === "pending" || found.status === "running" ? undefined : found;
    }, 30_000);
    expect(record.status, JSON.stringify(record.metadata)).toBe("success");
    await b.runs.join(thread.thread_id, queued.run_id);
    const second = await pollUntil("the queued run to end", async () => {
      const found = await b.runs.get(thread.thread_id, queued.run_id);
      return found.status === "pending" || found.status === "running" ? undefined : found;
    }, 30_000);
    expect(second.status, JSON.stringify(second.metadata)).toBe("success");
    const state = await c.threads.getState<{ done: string[] }>(thread.thread_id);
    // Step one finished before the kill and was not called again; two was cut off mid-call and called again;
    // then the queued run, once, after the first.
    expect(state.values.done).toEqual(["one:answer-1", "two:answer-2", "three:answer-1", "one:answer-2", "two:answer-3", "three:answer-2"]);
    const calls = (step: string) => model.calls.get(`${thread.thread_id}|${step}`) ?? 0;
    expect([calls("one"), calls("two"), calls("three")]).toEqual([2, 3, 2]);
    await pollUntil("the thread to be idle", async () => ((await b.threads.get(thread.thread_id)).status === "idle" ? true : undefined), 15_000);
    expect(await c.runs.list(thread.thread_id)).toHaveLength(2);
  }, 90_000);
});
