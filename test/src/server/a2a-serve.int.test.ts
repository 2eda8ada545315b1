import { createHash } from "node:crypto";
import path from "node:path";
import { Task as TaskJson, TaskState, type Message, type Task } from "@a2a-js/sdk";
import { openSqliteSaver, SwitchyardSqliteStore } from "../../../checkpoints/index.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerIdentity, deskAgent, eventually, startDesk, temporaryDirectory, type A2aHarness } from "./a2a-fixtures.ts";

function asTask(result: Task | Message): Task {
  if (!("status" in result)) throw new Error(`expected a task, got a message ${JSON.stringify(result)}`);
  return result;
}

function partsOf(task: Task): unknown[] {
  return task.artifacts.flatMap((artifact) => artifact.parts.map((part) => part.content?.value));
}

describe("A2A serve: the SDK client against our server over loopback", () => {
  let harness: A2aHarness;
  let identity: Awaited<ReturnType<typeof callerIdentity>>;
  let other: Awaited<ReturnType<typeof callerIdentity>>;
  const peers = () => [identity, other].map((who) => ({ issuer: who.issuer, keys: who.keys.jwks().keys }));
  const dbPath = path.join(temporaryDirectory(), "state.db");

  beforeAll(async () => {
    identity = await callerIdentity();
    other = await callerIdentity("urn:switchyard:other-caller");
    harness = await startDesk(dbPath, { peers: peers() });
  });
  afterAll(async () => harness?.close());

  it("publishes a signed card per assistant that the client verifies, and the JWKS", async () => {
    const card = await deskAgent(harness.url, identity).card();
    expect(card.name).toBe("desk");
    expect(card.supportedInterfaces[0]?.url).toBe(`${harness.url}/a2a/desk`);
    expect(card.capabilities?.streaming).toBe(true);
    const listing = (await (await fetch(`${harness.url}/a2a/agents`)).json()) as { agents: Array<{ name: string }> };
    expect(listing.agents.map((agent) => agent.name)).toEqual(["desk"]);
    const jwks = (await (await fetch(`${harness.url}/a2a/jwks.json`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  it("SendMessage runs the graph as a durable run and completes with the output as an artifact", async () => {
    const task = asTask(await deskAgent(harness.url, identity).send({ data: { question: "hello" } }));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(partsOf(task)).toEqual([{ question: "hello", answer: "echo: hello" }]);
    const again = await deskAgent(harness.url, identity).getTask(task.id);
    expect(again.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it("streams the run: submitted, working per node, the artifact, completed", async () => {
    const states: TaskState[] = [];
    let artifacts = 0;
    for await (const event of deskAgent(harness.url, identity).stream({ data: { question: "stream me" } })) {
      if (event.payload?.$case === "task") states.push(event.payload.value.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED);
      if (event.payload?.$case === "statusUpdate") states.push(event.payload.value.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED);
      if (event.payload?.$case === "artifactUpdate") artifacts += 1;
    }
    expect(states[0]).toBe(TaskState.TASK_STATE_SUBMITTED);
    expect(states).toContain(TaskState.TASK_STATE_WORKING);
    expect(states.at(-1)).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(artifacts).toBe(1);
  });

  it("an interrupt is INPUT_REQUIRED; a follow-up message resumes it, across a server restart", async () => {
    const asked = asTask(await deskAgent(harness.url, identity).send({ data: { question: "which order is late?" } }));
    expect(asked.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(asked.status?.message?.parts[0]?.content?.value).toBe("which order do you mean?");
    // Restart on the same database: the task, its thread and its interrupt are all on disk.
    await harness.close();
    harness = await startDesk(dbPath, { peers: peers() });
    const agent = deskAgent(harness.url, identity);
    expect((await agent.getTask(asked.id)).status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const answered = asTask(await agent.send({ text: "ORD-7", taskId: asked.id, contextId: asked.contextId }));
    expect(answered.id).toBe(asked.id);
    expect(answered.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(partsOf(answered)).toEqual([{ question: "which order is late?", answer: "looked up ORD-7" }]);
  });

  it("SubscribeToTask re-attaches to a running task and sees it complete", async () => {
    const agent = deskAgent(harness.url, identity);
    const stream = agent.stream({ data: { question: "slow but sure" } });
    const first = await stream.next();
    const taskId = first.value?.payload?.$case === "task" ? first.value.payload.value.id : "";
    await eventually(() => harness.desk.waiting() === 1);
    await stream.return(undefined);
    const states: TaskState[] = [];
    let attached = false;
    const watching = (async () => {
      for await (const event of deskAgent(harness.url, identity).resubscribe(taskId)) {
        attached = true;
        if (event.payload?.$case === "statusUpdate") states.push(event.payload.value.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED);
      }
    })();
    // Released only once the subscription delivered its first event (the task as it is now).
    await eventually(() => attached);
    harness.desk.releaseAll();
    await watching;
    expect(states.at(-1)).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it("a task a crash left WORKING reads as its run ended after the restart (completed, or cancelled)", async () => {
    const agent = deskAgent(harness.url, identity);
    const done = asTask(await agent.send({ data: { question: "finished before the crash" } }));
    const stream = agent.stream({ data: { question: "slow, then the server stops" } });
    const first = await stream.next();
    const stopped = first.value?.payload?.$case === "task" ? first.value.payload.value : undefined;
    await eventually(() => harness.desk.waiting() === 1);
    await stream.return(undefined);
    await harness.close();
    // What a kill -9 leaves: both tasks still WORKING on disk, nobody left to publish their ending.
    const offline = openSqliteSaver(dbPath);
    const store = new SwitchyardSqliteStore(offline.database);
    const owner = createHash("sha256").update(`\u0000${identity.issuer}`).digest("hex").slice(0, 32);
    for (const task of [done, stopped]) {
      if (task === undefined) throw new Error("no task");
      await store.put(["switchyard", "a2a", "tasks", owner], task.id, { task: TaskJson.toJSON({ ...task, artifacts: [], status: { state: TaskState.TASK_STATE_WORKING, message: undefined, timestamp: new Date().toISOString() } }) }, false);
    }
    offline.database.close();
    harness = await startDesk(dbPath, { peers: peers() });
    const restarted = deskAgent(harness.url, identity);
    const settled = await restarted.getTask(done.id);
    expect(settled.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(partsOf(settled)).toEqual([{ question: "finished before the crash", answer: "echo: finished before the crash" }]);
    // Its run was cancelled by the shutdown, or (when the record of that lost the race with the close) resumed by
    // the restarted server's crash recovery and finished: either way it must not read WORKING any more.
    expect([TaskState.TASK_STATE_CANCELED, TaskState.TASK_STATE_COMPLETED]).toContain((await restarted.getTask(stopped?.id ?? "")).status?.state);
  });

  it("CancelTask really stops the run", async () => {
    const agent = deskAgent(harness.url, identity);
    const stream = agent.stream({ data: { question: "slow one" } });
    const first = await stream.next();
    const taskId = first.value?.payload?.$case === "task" ? first.value.payload.value.id : "";
    await eventually(() => harness.desk.waiting() === 1);
    const cancelled = await agent.cancelTask(taskId);
    expect(cancelled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    await stream.return(undefined);
    harness.desk.releaseAll();
    await eventually(async () => (await agent.getTask(taskId)).status?.state === TaskState.TASK_STATE_CANCELED);
  });

  it("ListTasks pages newest first with a cursor and is scoped to the caller", async () => {
    const agent = deskAgent(harness.url, identity);
    for (const question of ["a", "b", "c"]) await agent.send({ data: { question } });
    const card = await agent.card();
    expect(card.name).toBe("desk");
    const listAs = async (who: typeof identity, pageToken = "") => {
      const { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory } = await import("@a2a-js/sdk/client");
      const { issueAgentToken } = await import("../../../src/a2a/index.ts");
      const fetchImpl: typeof fetch = async (input, init) => {
        const { token } = await issueAgentToken({ key: await who.keys.signingKey(), issuer: who.issuer, audience: `${harness.url}/a2a/desk`, now: Date.now });
        const headers = new Headers(init?.headers);
        headers.set("authorization", `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      };
      const client = await new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, { transports: [new JsonRpcTransportFactory({ fetchImpl })] })).createFromAgentCard(card);
      return client.listTasks({ tenant: "", contextId: "", status: TaskState.TASK_STATE_UNSPECIFIED, pageSize: 2, pageToken, statusTimestampAfter: undefined });
    };
    const first = await listAs(identity);
    expect(first.tasks).toHaveLength(2);
    expect(first.nextPageToken).not.toBe("");
    const second = await listAs(identity, first.nextPageToken);
    const seen = [...first.tasks, ...second.tasks].map((task) => task.id);
    expect(new Set(seen).size).toBe(seen.length);
    const stamps = first.tasks.map((task) => task.status?.timestamp ?? "");
    expect([...stamps].sort().reverse()).toEqual(stamps);
    // Another trusted peer sees none of them, and can neither read nor cancel one.
    expect((await listAs(other)).tasks).toEqual([]);
    const intruder = deskAgent(harness.url, other);
    await expect(intruder.getTask(first.tasks[0]?.id ?? "")).rejects.toThrow(/not found/i);
    await expect(intruder.cancelTask(first.tasks[0]?.id ?? "")).rejects.toThrow(/not found/i);
    await expect(listAs(await callerIdentity("urn:switchyard:stranger"))).rejects.toThrow();
  });
});
