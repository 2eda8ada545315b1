import { randomUUID } from "node:crypto";
import { Role, TaskState, type AgentCard, type Message, type SendMessageRequest, type Task, type TaskArtifactUpdateEvent, type TaskStatusUpdateEvent } from "@a2a-js/sdk";
import { ServerTaskStore } from "./a2a-task-store.ts";
import { AgentEvent, RequestContext, type AgentExecutionEvent, type AgentExecutor, type ExecutionEventBusManager, type ServerCallContext, type TaskStore } from "@a2a-js/sdk/server";

export interface BlockingSendParts {
  /** The handler's card: a required extension sends the request the SDK's way (it names what is missing). */
  card: AgentCard;
  /**
   * The handler's store. Ours (ServerTaskStore) keeps the versions built here without a copy, and the new task
   * only in memory until its run has started (its id is handed out only with the answer).
   */
  store: TaskStore;
  executor: AgentExecutor;
  /** The handler's bus manager: CancelTask and SubscribeToTask find a running task's bus there. */
  buses: ExecutionEventBusManager;
}

const terminal = new Set<TaskState>([TaskState.TASK_STATE_COMPLETED, TaskState.TASK_STATE_FAILED, TaskState.TASK_STATE_CANCELED, TaskState.TASK_STATE_REJECTED]);
/** States that keep the task's bus alive after execute() returns (the SDK's default), so a follow-up or a resubscriber attaches. */
const keepsBus = new Set<TaskState>([TaskState.TASK_STATE_INPUT_REQUIRED, TaskState.TASK_STATE_AUTH_REQUIRED]);

/** The task after one event, as the SDK's ResultManager merges it for a new task (never mutating the event or the previous task). */
function folded(task: Task | undefined, event: AgentExecutionEvent, userMessage: Message): Task | undefined {
  if (event.kind === "task") {
    // A task event replaces the task, keeping what it does not carry: the history when it has none, the artifacts by id, the metadata.
    const own = event.data.history.length === 0 && task !== undefined ? task.history : event.data.history;
    const history = own.some((message) => message.messageId === userMessage.messageId) ? own : [userMessage, ...own];
    const incoming = new Map(event.data.artifacts.map((artifact) => [artifact.artifactId, artifact]));
    const kept = (task?.artifacts ?? []).map((artifact) => incoming.get(artifact.artifactId) ?? artifact);
    const artifacts = [...kept, ...event.data.artifacts.filter((artifact) => !kept.includes(artifact))];
    const metadata = task?.metadata || event.data.metadata ? { ...task?.metadata, ...event.data.metadata } : event.data.metadata;
    return { ...event.data, history, artifacts, metadata };
  }
  if (task === undefined || event.kind === "message" || event.data.taskId !== task.id) return task;
  return event.kind === "statusUpdate" ? withStatus(task, event.data) : withArtifact(task, event.data);
}

function withStatus(task: Task, update: TaskStatusUpdateEvent): Task {
  const state = task.status?.state;
  // A terminal task keeps its state (a late update after a cancel is dropped), as the SDK's merge does.
  if (state !== undefined && terminal.has(state) && update.status?.state !== state) return task;
  const message = update.status?.message;
  const history = message === undefined || task.history.some((entry) => entry.messageId === message.messageId) ? task.history : [...task.history, message];
  return { ...task, status: update.status, history, ...(update.metadata ? { metadata: { ...task.metadata, ...update.metadata } } : {}) };
}

function withArtifact(task: Task, update: TaskArtifactUpdateEvent): Task {
  const artifact = update.artifact;
  if (artifact === undefined) return task;
  const index = task.artifacts.findIndex((existing) => existing.artifactId === artifact.artifactId);
  const existing = task.artifacts[index];
  const merged =
    existing !== undefined && update.append
      ? { ...existing, parts: [...existing.parts, ...artifact.parts], ...(artifact.description ? { description: artifact.description } : {}), ...(artifact.name ? { name: artifact.name } : {}), ...(artifact.metadata ? { metadata: { ...existing.metadata, ...artifact.metadata } } : {}) }
      : artifact;
  const artifacts = index === -1 ? [...task.artifacts, merged] : task.artifacts.map((entry, at) => (at === index ? merged : entry));
  return { ...task, artifacts, ...(update.metadata ? { metadata: { ...task.metadata, ...update.metadata } } : {}) };
}

/** The task an executor that threw ends as: FAILED with the error, as the SDK's blocking path publishes it. */
function failureEvents(taskId: string, contextId: string, userMessage: Message, error: unknown): AgentExecutionEvent[] {
  const text = `Agent execution error: ${error instanceof Error ? error.message : String(error)}`;
  const status = { state: TaskState.TASK_STATE_FAILED, message: { role: Role.ROLE_AGENT, messageId: randomUUID(), taskId, contextId, parts: [{ content: { $case: "text" as const, value: text }, mediaType: "text/plain", filename: "", metadata: {} }], metadata: {}, extensions: [], referenceTaskIds: [] }, timestamp: new Date().toISOString() };
  const task: Task = { id: taskId, contextId, status, artifacts: [], history: [userMessage], metadata: {} };
  return [AgentEvent.task(task), AgentEvent.statusUpdate({ taskId, contextId, status, metadata: {} })];
}

/**
 * A blocking SendMessage that starts a new task, without the SDK's per-event round trips. The SDK's
 * handler loads the task, merges the event into a structured clone, saves it and clones it again for push
 * notifications at each of a run's events (five for a one-node graph); here the events are merged in memory
 * as they come and handed to the task store in order, which writes the state changes (the task at its start,
 * its ending) and keeps progress in memory, as before. The bus is the handler's, so CancelTask and
 * SubscribeToTask find the task while it runs; what the SDK checks and answers for a new task is kept.
 * Anything else (a message continuing a task, reference tasks, `returnImmediately`, a required extension)
 * goes to the SDK's handler: `eligible` says which.
 *
 * @example
 * const result = send.eligible(params) ? await send.send(params, context) : await handler.sendMessage(params, context);
 */
export class BlockingSend {
  readonly #parts: BlockingSendParts;
  readonly #plain: boolean;

  constructor(parts: BlockingSendParts) {
    this.#parts = parts;
    this.#plain = !(parts.card.capabilities?.extensions ?? []).some((extension) => extension.required);
  }

  /** Whether this path serves the request: a blocking send of a message that starts a task. */
  eligible(params: SendMessageRequest): boolean {
    const message = params.message;
    return this.#plain && message !== undefined && message.messageId !== "" && !message.taskId && message.referenceTaskIds.length === 0 && params.configuration?.returnImmediately !== true;
  }

  /** Runs the task to its end or its first pause (INPUT_REQUIRED); answers it as the SDK's handler does. */
  async send(params: SendMessageRequest, context: ServerCallContext): Promise<Task | Message> {
    const incoming = params.message;
    if (incoming === undefined) throw new Error("BlockingSend.send needs a message: check eligible() first");
    const taskId = randomUUID();
    const contextId = incoming.contextId || randomUUID();
    if (context.requestedExtensions) {
      const exposed = new Set((this.#parts.card.capabilities?.extensions ?? []).map((extension) => extension.uri));
      context.setRequestedExtensions(context.requestedExtensions.filter((extension) => exposed.has(extension)));
    }
    const request = new RequestContext({ ...params, message: { ...incoming, contextId, taskId } }, taskId, contextId, context, undefined, undefined);
    const bus = this.#parts.buses.createOrGetByTaskId(taskId, context);
    const store = this.#parts.store;
    let task: Task | undefined;
    let answer: Message | undefined;
    let lastState: TaskState | undefined;
    let saved: Promise<void> = Promise.resolve();
    let first = true;
    const listener = (event: AgentExecutionEvent) => {
      if (event.kind === "message") {
        answer = event.data;
        return;
      }
      const next = folded(task, event, incoming);
      if (event.kind === "task") lastState = event.data.status?.state;
      if (event.kind === "statusUpdate") lastState = event.data.status?.state;
      if (next === undefined || next === task) return;
      task = next;
      // In order, one at a time, as the SDK saved them: the store writes state changes and holds progress.
      // Each version is built anew from the last (folded never changes one), so the store may hold it as it is.
      if (!(store instanceof ServerTaskStore)) saved = saved.then(() => store.save(next, context));
      else if (first && next.status?.state === TaskState.TASK_STATE_SUBMITTED) store.hold(next, context);
      else saved = saved.then(() => store.saveUnchanging(next, context));
      first = false;
    };
    bus.on("event", listener);
    try {
      await this.#parts.executor.execute(request, bus).catch((error: unknown) => {
        for (const event of failureEvents(taskId, contextId, request.userMessage, error)) bus.publish(event);
      });
    } finally {
      bus.off("event", listener);
      if (lastState === undefined || !keepsBus.has(lastState)) {
        bus.finished();
        this.#parts.buses.cleanupByTaskId(taskId, context);
      }
    }
    await saved;
    if (answer !== undefined) return answer;
    if (task === undefined) throw new Error(`agent execution of task ${taskId} finished without a task`);
    const historyLength = params.configuration?.historyLength;
    if (historyLength === undefined) return task;
    return { ...task, history: historyLength <= 0 ? [] : task.history.slice(-historyLength) };
  }
}
