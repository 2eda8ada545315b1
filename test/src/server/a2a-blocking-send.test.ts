import { AgentCard, Role, SendMessageRequest, TaskState, type Message, type Task } from "@a2a-js/sdk";
import { AgentEvent, DefaultExecutionEventBusManager, DefaultRequestHandler, InMemoryTaskStore, ServerCallContext, type AgentExecutor, type ExecutionEventBus, type RequestContext, type TaskStore } from "@a2a-js/sdk/server";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../checkpoints/index.ts";
import { BlockingSend } from "../../../src/server/a2a-blocking-send.ts";
import { ServerTaskStore } from "../../../src/server/a2a-task-store.ts";
import { sqliteServerStorage } from "../../../src/server/state/index.ts";
import { AgentUser } from "../../../src/server/a2a-user.ts";

const card = AgentCard.fromJSON({ name: "t", description: "t", version: "1", supportedInterfaces: [{ url: "http://127.0.0.1:9/a2a/t", protocolBinding: "JSONRPC", protocolVersion: "1.0" }], capabilities: { streaming: true }, skills: [] });
const text = (value: string) => ({ content: { $case: "text" as const, value }, metadata: undefined, filename: "", mediaType: "text/plain" });
const at = "2026-12-06T10:00:00.000Z";

/** An executor publishing what ours publishes for a run: the task, WORKING, one progress step, then `end`. */
class ScriptedExecutor implements AgentExecutor {
  gate: Promise<void> = Promise.resolve();
  constructor(readonly end: "completed" | "input-required" | "throws") {}

  async execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = request;
    const status = (state: TaskState, parts?: ReturnType<typeof text>[]) =>
      bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: { state, message: parts && { messageId: `${taskId}-${state}`, contextId, taskId, role: Role.ROLE_AGENT, parts, metadata: undefined, extensions: [], referenceTaskIds: [] }, timestamp: at }, metadata: undefined }));
    bus.publish(AgentEvent.task({ id: taskId, contextId, status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: at }, artifacts: [], history: [request.userMessage], metadata: undefined }));
    status(TaskState.TASK_STATE_WORKING);
    await this.gate;
    status(TaskState.TASK_STATE_WORKING, [text("step respond done")]);
    if (this.end === "throws") throw new Error("graph blew up");
    if (this.end === "input-required") return status(TaskState.TASK_STATE_INPUT_REQUIRED, [text("which order?")]);
    bus.publish(AgentEvent.artifactUpdate({ taskId, contextId, artifact: { artifactId: `${taskId}-output`, name: "output", description: "", parts: [text("done")], metadata: undefined, extensions: [] }, append: false, lastChunk: true, metadata: undefined }));
    status(TaskState.TASK_STATE_COMPLETED);
  }

  async cancelTask(taskId: string, bus: ExecutionEventBus): Promise<void> {
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId: "", status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: at }, metadata: undefined }));
  }
}

function parts(executor: AgentExecutor, store: TaskStore = new InMemoryTaskStore()) {
  const buses = new DefaultExecutionEventBusManager();
  return { store, handler: new DefaultRequestHandler(card, store, executor, buses), send: new BlockingSend({ card, store, executor, buses }) };
}

const request = (extra: Record<string, unknown> = {}) => SendMessageRequest.fromJSON({ message: { messageId: `m-${Math.random()}`, role: "ROLE_USER", parts: [{ text: "refund" }] }, ...extra });
const context = () => new ServerCallContext({ user: new AgentUser("urn:peer"), requestedVersion: "1.0" });

/** A task without what differs between two runs (ids, message ids): what a caller reads of it. */
function shape(result: Task | Message) {
  if (!("status" in result)) return result;
  return { state: result.status?.state, status: result.status?.message?.parts, history: result.history.map((message) => [message.role, message.parts]), artifacts: result.artifacts.map((artifact) => [artifact.name, artifact.parts]) };
}

describe("the blocking SendMessage", () => {
  it("answers and stores what the SDK's handler answers and stores, for each ending", async () => {
    for (const end of ["completed", "input-required", "throws"] as const) {
      const ours = parts(new ScriptedExecutor(end));
      const sdk = parts(new ScriptedExecutor(end));
      const lean = await ours.send.send(request(), context());
      const reference = await sdk.handler.sendMessage(request(), context());
      expect(shape(lean), end).toEqual(shape(reference));
      const stored = await ours.store.load((lean as Task).id, context());
      expect(shape(stored as Task), end).toEqual(shape((await sdk.store.load((reference as Task).id, context())) as Task));
    }
  });

  it("answers and stores the same with our store, which holds the new task until its run starts, and another replica reads it as working meanwhile", async () => {
    for (const end of ["completed", "input-required", "throws"] as const) {
      const backing = sqliteServerStorage(openDatabase(":memory:"), Date.now).a2aTasks;
      const executor = new ScriptedExecutor(end);
      let release = () => {};
      executor.gate = new Promise((resolve) => (release = resolve));
      const ours = parts(executor, new ServerTaskStore(backing));
      const sdk = parts(new ScriptedExecutor(end));
      const caller = context();
      const running = ours.send.send(request(), caller);
      await new Promise((resolve) => setTimeout(resolve, 10));
      const [listed] = (await new ServerTaskStore(backing).list({ tenant: "", contextId: "", status: TaskState.TASK_STATE_UNSPECIFIED, pageSize: 10, pageToken: "", historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: false }, caller)).tasks;
      expect(listed?.status?.state, end).toBe(TaskState.TASK_STATE_WORKING);
      release();
      const lean = await running;
      const reference = await sdk.handler.sendMessage(request(), context());
      expect(shape(lean), end).toEqual(shape(reference));
      const stored = await new ServerTaskStore(backing).load((lean as Task).id, context());
      expect(shape(stored as Task), end).toEqual(shape((await sdk.store.load((reference as Task).id, context())) as Task));
    }
  });

  it("applies historyLength, and leaves a continuing message, returnImmediately and reference tasks to the SDK", async () => {
    const { send } = parts(new ScriptedExecutor("completed"));
    expect(((await send.send(request({ configuration: { historyLength: 1, acceptedOutputModes: [] } }), context())) as Task).history).toHaveLength(1);
    expect(send.eligible(request())).toBe(true);
    expect(send.eligible(SendMessageRequest.fromJSON({ message: { messageId: "m", role: "ROLE_USER", parts: [{ text: "x" }], taskId: "t-1" } }))).toBe(false);
    expect(send.eligible(SendMessageRequest.fromJSON({ message: { messageId: "m", role: "ROLE_USER", parts: [{ text: "x" }], referenceTaskIds: ["t-0"] } }))).toBe(false);
    expect(send.eligible(request({ configuration: { returnImmediately: true, acceptedOutputModes: [] } }))).toBe(false);
  });

  it("is found by CancelTask and GetTask while it runs: the cancel ends it CANCELED, and a late update does not undo that", async () => {
    const executor = new ScriptedExecutor("completed");
    let release = () => {};
    executor.gate = new Promise((resolve) => (release = resolve));
    const { send, handler } = parts(executor);
    const caller = context();
    const running = send.send(request(), caller);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [task] = (await handler.listTasks({ tenant: "", contextId: "", status: TaskState.TASK_STATE_UNSPECIFIED, pageSize: 10, pageToken: "", historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: false }, caller)).tasks;
    expect(task?.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    expect((await handler.cancelTask({ tenant: "", id: task?.id ?? "", metadata: undefined }, caller)).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    release();
    expect(((await running) as Task).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await handler.getTask({ tenant: "", id: task?.id ?? "", historyLength: undefined }, caller)).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
  });
});
