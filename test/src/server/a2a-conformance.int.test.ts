import path from "node:path";
import { AgentCard, TaskState, type Message, type StreamResponse, type Task } from "@a2a-js/sdk";
import { ClientFactory, JsonRpcTransportFactory, RestTransportFactory, type Client } from "@a2a-js/sdk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteAgent, TrustedKeys, issueAgentToken, verifyAgentCard } from "../../../src/a2a/index.ts";
import { graphSchemasExtension } from "../../../src/server/a2a-card.ts";
import { callerIdentity, eventually, startDesk, temporaryDirectory, type A2aHarness } from "./a2a-fixtures.ts";

/**
 * The A2A v1.0 method list walked over both bindings with the SDK's own client (its JSON-RPC and its REST
 * transport), each error answered as the spec's error: what the a2a-tck would check, run here in CI.
 */
type Binding = "JSONRPC" | "HTTP+JSON";

/** The SDK client over one binding, every request carrying a fresh agent token of `identity`. */
async function sdkClient(harness: A2aHarness, identity: Awaited<ReturnType<typeof callerIdentity>>, binding: Binding): Promise<Client> {
  const audience = `${harness.url}/a2a/desk`;
  const fetchImpl: typeof fetch = async (input, init) => {
    const { token } = await issueAgentToken({ key: await identity.keys.signingKey(), issuer: identity.issuer, audience, now: Date.now });
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const transport = binding === "JSONRPC" ? new JsonRpcTransportFactory({ fetchImpl }) : new RestTransportFactory({ fetchImpl });
  const factory = new ClientFactory({ transports: [transport] });
  return factory.createFromUrl(`${audience}/`);
}

/** One call without the SDK client (methods it refuses locally): the JSON-RPC code or HTTP status, and the ErrorInfo reason. */
async function rawCall(harness: A2aHarness, identity: Awaited<ReturnType<typeof callerIdentity>>, binding: Binding, call: { method: string; verb: string; restPath: string; params: unknown; version?: string }): Promise<{ code: number; reason: string | undefined }> {
  const audience = `${harness.url}/a2a/desk`;
  const { token } = await issueAgentToken({ key: await identity.keys.signingKey(), issuer: identity.issuer, audience, now: Date.now });
  const headers = { authorization: `Bearer ${token}`, "a2a-version": call.version ?? "1.0", "content-type": "application/json" };
  if (binding === "JSONRPC") {
    const response = await fetch(audience, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: call.method, params: call.params }) });
    const body = (await response.json()) as { error?: { code: number; data?: Array<{ reason?: string }> } };
    return { code: body.error?.code ?? 0, reason: body.error?.data?.[0]?.reason };
  }
  const response = await fetch(`${audience}/rest${call.restPath}`, { method: call.verb, headers, ...(call.verb === "POST" ? { body: JSON.stringify(call.params) } : {}) });
  const body = (await response.json()) as { error?: { details?: Array<{ reason?: string }> } };
  return { code: response.status, reason: body.error?.details?.[0]?.reason };
}

function asTask(result: Task | Message): Task {
  if (!("status" in result)) throw new Error(`expected a task, got a message ${JSON.stringify(result)}`);
  return result;
}

const send = (question: string, more: { taskId?: string; contextId?: string } = {}) => ({
  tenant: "",
  message: { messageId: `m-${Math.random().toString(36).slice(2)}`, contextId: more.contextId ?? "", taskId: more.taskId ?? "", role: 1, parts: [{ content: { $case: "data" as const, value: { question } }, metadata: undefined, filename: "", mediaType: "application/json" }], metadata: undefined, extensions: [], referenceTaskIds: [] },
  configuration: undefined,
  metadata: undefined,
});

/** The spec error a call raised: its name (the SDK's class) and the binding's code (JSON-RPC code or HTTP status). */
async function specError(call: () => Promise<unknown>): Promise<{ name: string; code: number | undefined }> {
  try {
    await call();
  } catch (error) {
    const record = error as { name?: string; envelopeCode?: number; statusCode?: number };
    return { name: record.name ?? "?", code: record.envelopeCode ?? record.statusCode };
  }
  throw new Error("expected the call to be refused");
}

async function drain(stream: AsyncIterable<StreamResponse>): Promise<TaskState[]> {
  const states: TaskState[] = [];
  for await (const event of stream) {
    if (event.payload?.$case === "task") states.push(event.payload.value.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED);
    if (event.payload?.$case === "statusUpdate") states.push(event.payload.value.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED);
  }
  return states;
}

describe.each<Binding>(["JSONRPC", "HTTP+JSON"])("A2A v1.0 conformance over %s with the SDK client", (binding) => {
  let harness: A2aHarness;
  let identity: Awaited<ReturnType<typeof callerIdentity>>;
  let client: Client;
  // JSON-RPC codes for the spec's errors, HTTP statuses for REST (the SDK's reference mapping).
  const code = (jsonRpc: number, http: number) => (binding === "JSONRPC" ? jsonRpc : http);

  beforeAll(async () => {
    identity = await callerIdentity();
    harness = await startDesk(path.join(temporaryDirectory(), "state.db"), { peers: [{ issuer: identity.issuer, keys: identity.keys.jwks().keys }], extendedSkills: { desk: [{ id: "refund-approvals", name: "refund approvals", description: "approves refunds for known peers", tags: ["private"] }] } });
    client = await sdkClient(harness, identity, binding);
  });
  afterAll(async () => harness?.close());

  it("SendMessage completes a task; GetTask reads it; an unknown task is TaskNotFound", async () => {
    const task = asTask(await client.sendMessage(send("hello")));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(task.artifacts[0]?.parts[0]?.content?.value).toEqual({ question: "hello", answer: "echo: hello" });
    expect((await client.getTask({ tenant: "", id: task.id, historyLength: 1 })).status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(await specError(() => client.getTask({ tenant: "", id: "no-such-task", historyLength: undefined }))).toEqual({ name: "TaskNotFoundError", code: code(-32001, 404) });
  });

  it("INPUT_REQUIRED is answered by a follow-up message on the same task", async () => {
    const asked = asTask(await client.sendMessage(send("which order?")));
    expect(asked.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const answered = asTask(await client.sendMessage(send("ORD-9", { taskId: asked.id, contextId: asked.contextId })));
    expect(answered.id).toBe(asked.id);
    expect(answered.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it("SendStreamingMessage streams submitted, working, completed", async () => {
    const states = await drain(client.sendMessageStream(send("stream me")));
    expect(states[0]).toBe(TaskState.TASK_STATE_SUBMITTED);
    expect(states).toContain(TaskState.TASK_STATE_WORKING);
    expect(states.at(-1)).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it("SubscribeToTask follows a running task; CancelTask really cancels it; a finished task is neither cancelable nor subscribable", async () => {
    const stream = client.sendMessageStream(send("slow one"));
    const first = await stream[Symbol.asyncIterator]().next();
    const taskId = first.value?.payload?.$case === "task" ? first.value.payload.value.id : "";
    expect(taskId).not.toBe("");
    await eventually(() => harness.desk.waiting() > 0);
    const followed = drain(client.resubscribeTask({ tenant: "", id: taskId }));
    const cancelled = await client.cancelTask({ tenant: "", id: taskId, metadata: undefined });
    expect(cancelled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await followed).at(-1)).toBe(TaskState.TASK_STATE_CANCELED);
    // Cancelling a cancelled task is idempotent (the SDK's reading of the spec); a completed one is not cancelable.
    expect((await client.cancelTask({ tenant: "", id: taskId, metadata: undefined })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    const done = asTask(await client.sendMessage(send("done already")));
    expect(await specError(() => client.cancelTask({ tenant: "", id: done.id, metadata: undefined }))).toEqual({ name: "TaskNotCancelableError", code: code(-32002, 400) });
    expect(await specError(() => drain(client.resubscribeTask({ tenant: "", id: taskId })))).toEqual({ name: "UnsupportedOperationError", code: code(-32004, 400) });
  });

  it("ListTasks pages this caller's tasks, newest first; a page size out of range is a malformed request", async () => {
    const page = await client.listTasks({ tenant: "", contextId: "", status: 0, pageSize: 2, pageToken: "", historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: false });
    expect(page.tasks).toHaveLength(2);
    expect(page.nextPageToken).not.toBe("");
    const stamps = page.tasks.map((task) => task.status?.timestamp ?? "");
    expect([...stamps].sort().reverse()).toEqual(stamps);
    const next = await client.listTasks({ tenant: "", contextId: "", status: 0, pageSize: 2, pageToken: page.nextPageToken, historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: false });
    expect(next.tasks.map((task) => task.id)).not.toContain(page.tasks[0]?.id);
    expect(await specError(() => client.listTasks({ tenant: "", contextId: "", status: 0, pageSize: 101, pageToken: "", historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: false }))).toEqual({ name: "RequestMalformedError", code: code(-32602, 400) });
  });

  it("push-notification config methods answer PushNotificationNotSupported on the wire: the card declares no push", async () => {
    const task = asTask(await client.sendMessage(send("for push")));
    // The SDK client refuses these itself from the card, so the server's answer is checked with raw calls.
    const config = { url: "https://hooks.example/a2a", token: "t", id: "hook-1" };
    const calls: Array<[string, string, string, unknown]> = [
      ["CreateTaskPushNotificationConfig", "POST", `/tasks/${task.id}/pushNotificationConfigs`, { taskId: task.id, ...config }],
      ["GetTaskPushNotificationConfig", "GET", `/tasks/${task.id}/pushNotificationConfigs/hook-1`, { taskId: task.id, id: "hook-1" }],
      ["ListTaskPushNotificationConfigs", "GET", `/tasks/${task.id}/pushNotificationConfigs`, { taskId: task.id }],
      ["DeleteTaskPushNotificationConfig", "DELETE", `/tasks/${task.id}/pushNotificationConfigs/hook-1`, { taskId: task.id, id: "hook-1" }],
    ];
    for (const [method, verb, restPath, params] of calls) {
      const answer = await rawCall(harness, identity, binding, { method, verb, restPath, params });
      expect({ method, ...answer }).toEqual({ method, code: code(-32003, 400), reason: "PUSH_NOTIFICATION_NOT_SUPPORTED" });
    }
  });

  it("an unsupported A2A-Version is VersionNotSupported; an unknown method is not found", async () => {
    const version = await rawCall(harness, identity, binding, { method: "GetTask", verb: "GET", restPath: "/tasks/x", params: { id: "x" }, version: "9.9" });
    expect(version).toEqual({ code: code(-32009, 400), reason: "VERSION_NOT_SUPPORTED" });
    const unknown = await rawCall(harness, identity, binding, { method: "NoSuchMethod", verb: "GET", restPath: "/no-such-method", params: {} });
    expect(unknown.code).toBe(code(-32601, 404));
  });

  it("GetExtendedAgentCard gives an authenticated peer the signed extended card with the graph's schemas", async () => {
    const extended = await client.getAgentCard();
    const card = await verifyAgentCard(AgentCard.toJSON(extended), { keys: new TrustedKeys({ jwksUrl: `${harness.url}/a2a/jwks.json` }), now: Date.now, endpoint: `${harness.url}/a2a/desk` });
    expect(card.capabilities?.extensions.find((extension) => extension.uri === graphSchemasExtension)?.params).toHaveProperty("input_schema");
    expect(card.skills.map((skill) => skill.id)).toEqual(["desk", "refund-approvals"]);
    const publicCard = (await (await fetch(`${harness.url}/a2a/desk/.well-known/agent-card.json`, { headers: { "a2a-version": "1.0" } })).json()) as { skills: Array<{ id: string }>; capabilities: { extensions: Array<{ uri: string }>; extendedAgentCard: boolean; pushNotifications: boolean } };
    expect(publicCard.capabilities.extendedAgentCard).toBe(true);
    expect(publicCard.capabilities.pushNotifications).toBe(false);
    expect(publicCard.capabilities.extensions.map((extension) => extension.uri)).not.toContain(graphSchemasExtension);
    expect(publicCard.skills.map((skill) => skill.id)).toEqual(["desk"]);
  });
});

describe("RemoteAgent over the HTTP+JSON binding", () => {
  let harness: A2aHarness;
  let identity: Awaited<ReturnType<typeof callerIdentity>>;
  beforeAll(async () => {
    identity = await callerIdentity();
    harness = await startDesk(path.join(temporaryDirectory(), "state.db"), { peers: [{ issuer: identity.issuer, keys: identity.keys.jwks().keys, signsBodies: true }] });
  });
  afterAll(async () => harness?.close());

  it("sends (the body signed through its token), lists its tasks and reads the verified extended card", async () => {
    const agent = new RemoteAgent({ url: `${harness.url}/a2a/desk`, binding: "HTTP+JSON", keys: new TrustedKeys({ jwksUrl: `${harness.url}/a2a/jwks.json` }), identity, retries: 0 });
    const task = asTask(await agent.send({ data: { question: "over rest" } }));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect((await agent.listTasks({ pageSize: 5 })).tasks.map((listed) => listed.id)).toEqual([task.id]);
    const extended = await agent.extendedCard();
    expect(extended.capabilities?.extensions.map((extension) => extension.uri)).toContain(graphSchemasExtension);
    expect(harness.desk.runs()).toBe(1);
  });
});
