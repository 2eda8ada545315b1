import { TaskState, type Message, type Task } from "@a2a-js/sdk";
import { interrupt } from "@langchain/langgraph";
import { RemoteAuthRefusedError, type RemoteAgent, type RemoteMessage } from "../src/a2a/index.ts";
import { SwitchyardError } from "../src/errors.ts";
import { isRecord } from "../src/output-modes/json-schema.ts";

/** A remote task waiting on a person: kept in state so the node can continue it after our own interrupt. */
export interface PendingRemoteTask {
  agent: string;
  a2a_task_id: string;
  context_id: string;
  question: string;
}

/** The state a delegating graph keeps for its remote calls. */
export interface RemoteCallState {
  remote_task?: PendingRemoteTask | null;
}

export interface CallRemoteAgentOptions<State extends RemoteCallState, Update> {
  /** What to send the remote agent from the state. */
  message: (state: State) => RemoteMessage;
  /** The state update from the remote task's artifacts (parts' values, in order). */
  update: (outputs: unknown[], task: Task) => Update;
}

/** The remote agent ended the task without an answer (failed, rejected or canceled). */
export class RemoteTaskFailedError extends SwitchyardError {
  constructor(
    readonly agent: string,
    readonly taskId: string,
    readonly state: string,
    detail: string,
  ) {
    super("backend_error", `remote agent ${agent} ended task ${taskId} as ${state}: ${detail}. Fix: see the remote agent's log for the task; retry with a corrected request.`);
  }
}

function textOf(task: Task): string {
  return (task.status?.message?.parts ?? []).map((part) => (part.content?.$case === "text" ? part.content.value : JSON.stringify(part.content?.value ?? null))).join("\n");
}

function asTask(agent: string, result: Task | Message): Task {
  if ("status" in result) return result;
  // A bare message is a complete answer: a task with its parts as the one artifact.
  return { id: result.messageId, contextId: result.contextId, status: { state: TaskState.TASK_STATE_COMPLETED, message: undefined, timestamp: undefined }, artifacts: [{ artifactId: result.messageId, name: agent, description: "", parts: result.parts, metadata: undefined, extensions: [] }], history: [], metadata: undefined };
}

/**
 * A node that calls a remote A2A agent as one step (the card verified, a fresh token per request, retry,
 * timeout and cooldown per agent: see RemoteAgent). A remote INPUT_REQUIRED becomes our own interrupt: the
 * node first records the remote task in `remote_task`, runs again, asks the person with `interrupt`, and on
 * resume sends the answer to the same remote task, so nothing is sent twice when the node re-runs.
 *
 * @example
 * graph.addNode("billing", callRemoteAgent(billing, { message: (s) => ({ text: s.question }), update: ([answer]) => ({ answer }) }));
 */
export function callRemoteAgent<State extends RemoteCallState, Update extends object>(agent: RemoteAgent | (() => RemoteAgent), options: CallRemoteAgentOptions<State, Update>) {
  return async (state: State): Promise<Update | RemoteCallState> => {
    // A function lets a graph be built before the agent it calls is listening (its URL comes later).
    const remote = typeof agent === "function" ? agent() : agent;
    const pending = state.remote_task ?? undefined;
    const message: RemoteMessage =
      pending === undefined || pending === null
        ? options.message(state)
        : { ...answerMessage(interrupt({ kind: "remote_input", agent: pending.agent, question: pending.question })), taskId: pending.a2a_task_id, contextId: pending.context_id };
    const result = await sendUntilTrusted(remote, message);
    const task = asTask(remote.url, result);
    const stateName = task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED;
    if (stateName === TaskState.TASK_STATE_INPUT_REQUIRED) return { remote_task: { agent: remote.url, a2a_task_id: task.id, context_id: task.contextId, question: textOf(task) } };
    if (stateName !== TaskState.TASK_STATE_COMPLETED) throw new RemoteTaskFailedError(remote.url, task.id, TaskState[stateName] ?? String(stateName), textOf(task) || "no detail");
    const outputs = task.artifacts.flatMap((artifact) => artifact.parts.map((part) => part.content?.value));
    return { ...options.update(outputs, task), remote_task: null };
  };
}

/**
 * Sends, and when the remote refuses our credentials pauses the run (`kind: "remote_auth"`, served over A2A
 * as AUTH_REQUIRED) until someone fixes the trust and continues the task: each continuation is one more try.
 * The refused tries ran nothing remotely, so repeating them on a re-run repeats no effect.
 */
async function sendUntilTrusted(remote: RemoteAgent, message: RemoteMessage): Promise<Task | Message> {
  for (;;) {
    try {
      return await remote.send(message);
    } catch (error) {
      if (!(error instanceof RemoteAuthRefusedError)) throw error;
      interrupt({ kind: "remote_auth", agent: error.agent, reason: error.reason, message: error.message });
    }
  }
}

/** A person's answer as a message: objects as data, anything else as text. */
function answerMessage(answer: unknown): RemoteMessage {
  return isRecord(answer) ? { data: answer } : { text: typeof answer === "string" ? answer : JSON.stringify(answer) };
}

/** Route after the node: back to it while a remote task waits on a person, else on. */
export function remoteTaskPending(state: RemoteCallState): boolean {
  return state.remote_task !== undefined && state.remote_task !== null;
}
