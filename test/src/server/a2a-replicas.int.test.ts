import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "../../support/poll-until.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { stepsGraph } from "./replica-graphs.ts";
import { startReplica, type Replica } from "./replica-fixtures.ts";
import { startReplicaChild, startStepsModel, type StepsModel } from "./replica-processes.ts";

const available = await serviceAvailable("postgres");
const childFile = path.resolve(import.meta.dirname, "a2a-replica-child.ts");

/** One JSON-RPC call to the steps agent of the replica at `url`, as an anonymous caller. */
async function call(url: string, method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/a2a/steps`, { method: "POST", headers: { "content-type": "application/json", "a2a-version": "1.0" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const answer = (await response.json()) as { result?: Record<string, unknown>; error?: unknown };
  if (answer.result === undefined) throw new Error(`${method} answered ${JSON.stringify(answer.error)}`);
  return answer.result;
}

const stateOf = (task: unknown) => (task as { status?: { state?: string } } | undefined)?.status?.state;

describe.skipIf(!available)("A2A tasks across replicas on one Postgres schema", () => {
  const schema = runScopedName("switchyard_a2a_replicas");
  const replicas: Replica[] = [];
  let model: StepsModel;
  let doomed: { child: ChildProcess; url: string };
  const start = async () => {
    const replica = await startReplica({ url: postgresUrl, schema, graphs: (saver) => ({ steps: stepsGraph(saver, model.url) }), a2a: { allowAnonymous: true }, leaseTtlMs: 1_000 });
    replicas.push(replica);
    return replica.listening.url;
  };

  beforeAll(async () => {
    model = await startStepsModel();
    doomed = await startReplicaChild(childFile, schema, model.url);
  }, 90_000);

  afterAll(async () => {
    if (doomed?.child.exitCode === null && doomed.child.signalCode === null) doomed.child.kill("SIGKILL");
    await Promise.allSettled(replicas.map((replica) => replica.close()));
    model?.close();
    await dropPostgresSchema(schema);
  });

  it("a task created on A, whose run B finished after A died, reads completed on C with its artifact", async () => {
    const sent = await call(doomed.url, "SendMessage", { message: { messageId: "m-1", role: "ROLE_USER", parts: [{ data: {} }] }, configuration: { returnImmediately: true } });
    const task = sent.task as { id: string; status?: { state?: string } };
    expect(["TASK_STATE_SUBMITTED", "TASK_STATE_WORKING"]).toContain(stateOf(task));
    await model.held;
    const exited = new Promise((resolve) => doomed.child.once("exit", resolve));
    doomed.child.kill("SIGKILL");
    await exited;
    // B takes the dead replica's run over (its recovery pass, every lease TTL) and finishes it.
    const b = await start();
    const finished = await pollUntil("B to finish the task's run", async () => {
      const read = await call(b, "GetTask", { id: task.id });
      return stateOf(read) === "TASK_STATE_COMPLETED" ? read : undefined;
    }, 30_000);
    // C never saw the task, its run or A: it reads the task and its run from Postgres alone.
    const c = await start();
    const onC = await call(c, "GetTask", { id: task.id });
    expect(stateOf(onC)).toBe("TASK_STATE_COMPLETED");
    expect((onC as { artifacts?: unknown[] }).artifacts).toEqual((finished as { artifacts?: unknown[] }).artifacts);
    expect(JSON.stringify(onC)).toContain("one:answer-1");
    const listed = await call(c, "ListTasks", { pageSize: 10 });
    expect((listed.tasks as Array<{ id: string }>).map((listedTask) => listedTask.id)).toEqual([task.id]);
  }, 90_000);
});
