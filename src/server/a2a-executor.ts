import { Role, TaskState, type Message, type Part, type Task } from "@a2a-js/sdk";
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from "@a2a-js/sdk/server";
import type { A2aGraphAdapter, A2aOutcome } from "./a2a-adapter.ts";
import { ServerRequestError } from "./http-error.ts";
import type { RunManager } from "./run-manager.ts";
import type { A2aTaskState, ServerState } from "./state/server-state.ts";
import { uuid5 } from "./served-graph.ts";

export interface RunExecutorParts {
  runs: RunManager;
  /** The run records: how a run this process no longer follows (or never ran: another replica) ended. */
  state: ServerState;
  /** Where a task's run is remembered, for every replica (a restart, or a cancel sent to another, still stops it). */
  tasks: A2aTaskState;
  graphId: string;
  adapter: A2aGraphAdapter;
  now: () => number;
  generateId: () => string;
}

const stateOf: Record<A2aOutcome["state"], TaskState> = {
  completed: TaskState.TASK_STATE_COMPLETED,
  rejected: TaskState.TASK_STATE_REJECTED,
  failed: TaskState.TASK_STATE_FAILED,
  "input-required": TaskState.TASK_STATE_INPUT_REQUIRED,
  "auth-required": TaskState.TASK_STATE_AUTH_REQUIRED,
};

/**
 * Whether a finished turn leaves the task open: for v0.3 callers (no `A2A-Version` header, or 0.x). Their kit
 * and clients continue a task by its taskId (a2a-tck 0.3.x: `message/send` then a follow-up, a cancel, more
 * history on the same task); v1.0 says a finished task is COMPLETED and a follow-up is a new task in the
 * same contextId, which is what v1.0 callers (the SDK client, `RemoteAgent`) get.
 */
function opensTurns(request: RequestContext): boolean {
  const version = request.context.requestedVersion;
  return version === undefined || version === "" || version.startsWith("0.");
}

/**
 * Runs an A2A task as one of our durable runs: the task's context is a thread (per caller and graph, so a
 * peer cannot name another's), each message a run on it, an answer to INPUT_REQUIRED a resume of the
 * interrupt; the run's node updates stream as WORKING updates and its end sets the task's state.
 *
 * @example
 * const executor = new RunAgentExecutor({ runs, state: storage.state, tasks: storage.a2aTasks, graphId: "desk", adapter: messagesAdapter, now: Date.now, generateId: randomUUID });
 */
export class RunAgentExecutor implements AgentExecutor {
  readonly #parts: RunExecutorParts;
  readonly #cancelled = new Set<string>();
  /** Tasks an execute() of this process is driving: their ending is published there, not by settle(). */
  readonly #active = new Set<string>();

  constructor(parts: RunExecutorParts) {
    this.#parts = parts;
  }

  #message(taskId: string, contextId: string, parts: Part[]): Message {
    return { messageId: this.#parts.generateId(), contextId, taskId, role: Role.ROLE_AGENT, parts, metadata: undefined, extensions: [], referenceTaskIds: [] };
  }

  #status(bus: ExecutionEventBus, taskId: string, contextId: string, state: TaskState, parts?: Part[]): void {
    const message = parts === undefined ? undefined : this.#message(taskId, contextId, parts);
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: { state, message, timestamp: new Date(this.#parts.now()).toISOString() }, metadata: undefined }));
  }

  /** Whether an execute() of this process is driving the task (it will publish the ending). */
  drives(taskId: string): boolean {
    return this.#active.has(taskId);
  }

  async execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    this.#active.add(request.taskId);
    try {
      await this.#execute(request, bus);
    } finally {
      this.#active.delete(request.taskId);
    }
  }

  async #execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = request;
    const existing = request.task;
    const timestamp = new Date(this.#parts.now()).toISOString();
    const task: Task = existing ?? { id: taskId, contextId, status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp }, artifacts: [], history: [request.userMessage], metadata: undefined };
    bus.publish(AgentEvent.task(task));
    // INPUT_REQUIRED is either an interrupt (the answer resumes it) or a v0.3 turn left open (the next message is new
    // input); AUTH_REQUIRED is always an interrupt (a remote agent refused our credentials): a message retries it.
    const waiting = existing?.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED || existing?.status?.state === TaskState.TASK_STATE_AUTH_REQUIRED;
    const resuming = waiting && (await this.#parts.tasks.runLink(taskId))?.open_turn !== true;
    const owner = request.context.user?.isAuthenticated ? request.context.user.userName : "anonymous";
    const threadId = uuid5(`a2a|${request.context.tenant ?? ""}|${owner}|${this.#parts.graphId}|${contextId}`);
    const body = resuming ? { command: { resume: this.#parts.adapter.resume(request.userMessage) } } : { input: this.#parts.adapter.input(request.userMessage) };
    let runId: string;
    try {
      const run = await this.#parts.runs.create(threadId, {
        assistant_id: this.#parts.graphId,
        ...body,
        if_not_exists: "create",
        multitask_strategy: "reject",
        stream_mode: ["values", "updates"],
        metadata: { a2a_task_id: taskId, a2a_context_id: contextId },
      });
      runId = run.run_id;
    } catch (error) {
      if (!(error instanceof ServerRequestError)) throw error;
      const state = error.status === 422 ? TaskState.TASK_STATE_REJECTED : TaskState.TASK_STATE_FAILED;
      this.#status(bus, taskId, contextId, state, [{ content: { $case: "text", value: error.message }, metadata: undefined, filename: "", mediaType: "text/plain" }]);
      return;
    }
    await this.#parts.tasks.linkRun(taskId, { run_id: runId, thread_id: threadId, context_id: contextId, graph_id: this.#parts.graphId });
    // A cancel that came while the run was being created found no run to stop: stop it now.
    if (this.#cancelled.has(taskId)) this.#parts.runs.cancel(runId);
    this.#status(bus, taskId, contextId, TaskState.TASK_STATE_WORKING);
    const channel = this.#parts.runs.channel(runId);
    if (channel !== undefined) {
      for await (const event of channel.follow()) {
        if (event.event !== "updates" || typeof event.data !== "object" || event.data === null) continue;
        for (const node of Object.keys(event.data)) if (!node.startsWith("__")) this.#status(bus, taskId, contextId, TaskState.TASK_STATE_WORKING, [{ content: { $case: "text", value: `step ${node} done` }, metadata: { node }, filename: "", mediaType: "text/plain" }]);
      }
    }
    const result = await this.#parts.runs.result(runId, threadId);
    // A cancel already published CANCELED: the aborted run's error is not the task's ending.
    if (this.#cancelled.delete(taskId)) return;
    const outcome = this.#parts.adapter.outcome(result);
    if (outcome.state === "completed") {
      bus.publish(AgentEvent.artifactUpdate({ taskId, contextId, artifact: { artifactId: `${taskId}-output`, name: "output", description: `output of ${this.#parts.graphId}`, parts: outcome.parts, metadata: undefined, extensions: [] }, append: false, lastChunk: true, metadata: undefined }));
      if (opensTurns(request)) {
        // v0.3 continues a task with its taskId: the turn ends waiting for the next message, its answer the status message.
        await this.#parts.tasks.linkRun(taskId, { run_id: runId, thread_id: threadId, context_id: contextId, graph_id: this.#parts.graphId, open_turn: true });
        this.#status(bus, taskId, contextId, TaskState.TASK_STATE_INPUT_REQUIRED, outcome.parts);
        return;
      }
      this.#status(bus, taskId, contextId, TaskState.TASK_STATE_COMPLETED);
      return;
    }
    this.#status(bus, taskId, contextId, stateOf[outcome.state], outcome.parts);
  }

  /**
   * A task still SUBMITTED or WORKING on disk whose execute() is gone (the server restarted while it ran):
   * its ending as its run's record says, or undefined while the run still runs (crash recovery resumed it)
   * or when nothing is known. The store calls it on load, so GetTask and ListTasks show the truth.
   */
  async settle(task: Task): Promise<Task | undefined> {
    if (this.#active.has(task.id)) return undefined;
    const link = await this.#parts.tasks.runLink(task.id);
    if (link === undefined) return undefined;
    const { run_id: runId, thread_id: threadId } = link;
    const run = await this.#parts.state.run(runId);
    const channel = this.#parts.runs.channel(runId);
    if (run === undefined || run.status === "pending" || run.status === "running" || (channel !== undefined && !channel.finished)) return undefined;
    const timestamp = new Date(this.#parts.now()).toISOString();
    const ended = (state: TaskState, text: string): Task => ({ ...task, status: { state, message: this.#message(task.id, task.contextId, [{ content: { $case: "text", value: text }, metadata: undefined, filename: "", mediaType: "text/plain" }]), timestamp } });
    if (run.status === "interrupted") return ended(TaskState.TASK_STATE_CANCELED, `run ${runId} was interrupted (a cancel or a server shutdown) before it finished`);
    if (run.status === "error" || run.status === "timeout") return ended(TaskState.TASK_STATE_FAILED, `run ${runId} ended with ${run.status}`);
    const outcome = this.#parts.adapter.outcome(await this.#parts.runs.result(runId, threadId));
    if (outcome.state !== "completed") return { ...ended(stateOf[outcome.state], ""), status: { state: stateOf[outcome.state], message: this.#message(task.id, task.contextId, outcome.parts), timestamp } };
    return { ...task, artifacts: [{ artifactId: `${task.id}-output`, name: "output", description: `output of ${this.#parts.graphId}`, parts: outcome.parts, metadata: undefined, extensions: [] }], status: { state: TaskState.TASK_STATE_COMPLETED, message: undefined, timestamp } };
  }

  /** Really stops the run (a pending one never starts), then marks the task CANCELED. */
  async cancelTask(taskId: string, bus: ExecutionEventBus): Promise<void> {
    const link = await this.#parts.tasks.runLink(taskId);
    const runId = link?.run_id;
    const channel = typeof runId === "string" ? this.#parts.runs.channel(runId) : undefined;
    // Remembered only while an execute() of this process may still publish this task's ending (it forgets it
    // then), or before its run exists; a task paused at INPUT_REQUIRED has no run to stop.
    if (typeof runId !== "string" || (channel !== undefined && !channel.finished)) this.#cancelled.add(taskId);
    if (typeof runId === "string") this.#parts.runs.cancel(runId);
    const contextId = link?.context_id ?? "";
    this.#status(bus, taskId, contextId, TaskState.TASK_STATE_CANCELED);
  }
}
