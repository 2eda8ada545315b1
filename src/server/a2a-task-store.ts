import { createHash } from "node:crypto";
import { Task, TaskState, type ListTasksRequest, type ListTasksResponse } from "@a2a-js/sdk";
import { RequestMalformedError } from "@a2a-js/sdk/errors";
import type { ServerCallContext, TaskStore } from "@a2a-js/sdk/server";
import type { A2aTaskState } from "./state/server-state.ts";

const defaultPageSize = 50;
const maxPageSize = 100;
/** Tasks one caller can list; past it the oldest are not listed (GetTask still finds them). */
const listWindow = 10_000;

/** Labels already hashed: a handful of peers make every request, and the SDK asks several times per request. */
const labels = new Map<string, string>();

/** The caller's bucket: tenant and authenticated peer, hashed to a fixed-length key whatever the tenant sent. */
function ownerLabel(context: ServerCallContext): string {
  const owner = context.user?.isAuthenticated ? context.user.userName : "anonymous";
  const name = `${context.tenant ?? ""}\u0000${owner}`;
  let label = labels.get(name);
  if (label === undefined) {
    label = createHash("sha256").update(name).digest("hex").slice(0, 32);
    // Bounded: tenants are caller-chosen, so a flood of them must not grow this without end.
    if (labels.size >= 1_024) labels.clear();
    labels.set(name, label);
  }
  return label;
}

/**
 * A deep copy of a task: plain objects, arrays and byte arrays copied by hand, anything else by
 * structuredClone. The SDK reads and writes a task several times per request and each copy by structuredClone
 * alone cost about 40 µs (it serialises the whole tree), this one a few.
 */
function copyOf<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (ArrayBuffer.isView(value)) return structuredClone(value);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** The task as the JSON object a row holds (the SDK's wire form). */
function taskJson(task: Task): Record<string, unknown> {
  const json: unknown = Task.toJSON(task);
  return typeof json === "object" && json !== null ? { ...json } : {};
}

function encodeCursor(timestamp: string, id: string): string {
  return Buffer.from(JSON.stringify([timestamp, id])).toString("base64url");
}

function decodeCursor(token: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === "string" && typeof parsed[1] === "string") return [parsed[0], parsed[1]];
  } catch {
    // falls through to the refusal below
  }
  throw new RequestMalformedError({ message: `pageToken ${JSON.stringify(token.slice(0, 40))} is not a token this server issued. Fix: pass nextPageToken from the previous ListTasks answer.` });
}

/**
 * The A2A SDK's TaskStore over the server's state (`server_a2a_tasks`, in its SQLite file or its Postgres
 * schema; it was StoreTaskStore when tasks lived in the LangGraph store), per owner: they survive a restart, every replica on one database reads the same tasks, the public /store
 * routes cannot reach them, and one peer never loads or lists another's.
 *
 * @example
 * const handler = new DefaultRequestHandler(card, new ServerTaskStore(storage.a2aTasks), executor);
 */
export class ServerTaskStore implements TaskStore {
  readonly #tasks: A2aTaskState;
  /** Brings a task left SUBMITTED or WORKING by a restart to its run's ending (see RunAgentExecutor.settle). */
  settle: ((task: Task) => Promise<Task | undefined>) | undefined;
  /**
   * The latest copy of each task this process is running (SUBMITTED or WORKING), so the SDK's read before
   * every event is a clone, not a row read and a parse, and whether its WORKING state is on disk yet: progress
   * updates (WORKING → WORKING) live only here.
   */
  readonly #running = new Map<string, { task: Task; workingWritten: boolean }>();

  constructor(tasks: A2aTaskState) {
    this.#tasks = tasks;
  }

  /**
   * Every state change goes to disk, the first WORKING too (so another replica, or a restart, reads the task as
   * working while its run runs), but not the progress after it (WORKING → WORKING): that stays in memory (a
   * write each cost more than the run's own step). A read settles a SUBMITTED or WORKING task from its run's
   * record; ListTasks overlays the held copies.
   */
  async save(task: Task, context: ServerCallContext): Promise<void> {
    await this.#save(task, context, copyOf);
  }

  /**
   * `save` for a caller that never changes the task (or anything in it) afterwards: it is held as it is, not
   * copied. The blocking send builds each version of a task anew from the last (a2a-blocking-send.ts), so the
   * copies `save` makes for the SDK's handler (which edits its task in place) were four deep copies per send.
   */
  async saveUnchanging(task: Task, context: ServerCallContext): Promise<void> {
    await this.#save(task, context, (held) => held);
  }

  /**
   * Holds a new SUBMITTED task in memory only (as saveUnchanging holds it): its first write is its next state,
   * WORKING once its run exists, so a blocking send writes its task twice (working, ended) rather than three
   * times. For a caller that hands the task's id out only at its end: until then no one else can ask for it.
   */
  hold(task: Task, context: ServerCallContext): void {
    this.#running.set(`${ownerLabel(context)}/${task.id}`, { task, workingWritten: false });
  }

  async #save(task: Task, context: ServerCallContext, keep: (task: Task) => Task): Promise<void> {
    const owner = ownerLabel(context);
    const key = `${owner}/${task.id}`;
    const state = task.status?.state;
    const working = state === TaskState.TASK_STATE_WORKING;
    const progress = working && this.#running.get(key)?.workingWritten === true;
    if (working || state === TaskState.TASK_STATE_SUBMITTED) this.#running.set(key, { task: keep(task), workingWritten: working });
    else this.#running.delete(key);
    if (!progress) await this.#tasks.saveTask(owner, task.id, taskJson(task));
  }

  async load(taskId: string, context: ServerCallContext): Promise<Task | undefined> {
    const owner = ownerLabel(context);
    const held = this.#running.get(`${owner}/${taskId}`);
    if (held !== undefined) return copyOf(held.task);
    const stored = await this.#tasks.task(owner, taskId);
    return stored === undefined ? undefined : this.#settled(Task.fromJSON(stored), owner);
  }

  async #settled(task: Task, owner: string): Promise<Task> {
    const state = task.status?.state;
    if (this.settle === undefined || (state !== TaskState.TASK_STATE_SUBMITTED && state !== TaskState.TASK_STATE_WORKING)) return task;
    const ended = await this.settle(task);
    if (ended === undefined) return task;
    await this.#tasks.saveTask(owner, task.id, taskJson(ended));
    return ended;
  }

  /** Newest status first (ties by id), filtered, a page at a time from an opaque cursor. */
  async list(params: ListTasksRequest, context: ServerCallContext): Promise<ListTasksResponse> {
    const pageSize = params.pageSize ?? defaultPageSize;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
      throw new RequestMalformedError({ message: `pageSize ${pageSize} is out of range. Fix: 1 to ${maxPageSize}.` });
    }
    const owner = ownerLabel(context);
    const rows = await this.#tasks.tasks(owner, listWindow);
    let tasks = await Promise.all(rows.map((row) => copyOf(this.#running.get(`${owner}/${row.taskId}`)?.task) ?? this.#settled(Task.fromJSON(row.task), owner)));
    if (params.contextId) tasks = tasks.filter((task) => task.contextId === params.contextId);
    if (params.status !== TaskState.TASK_STATE_UNSPECIFIED && params.status !== undefined) tasks = tasks.filter((task) => task.status?.state === params.status);
    if (params.statusTimestampAfter) {
      const after = new Date(params.statusTimestampAfter).getTime();
      tasks = tasks.filter((task) => task.status?.timestamp !== undefined && new Date(task.status.timestamp).getTime() > after);
    }
    const key = (task: Task) => task.status?.timestamp ?? "";
    tasks.sort((left, right) => key(right).localeCompare(key(left)) || right.id.localeCompare(left.id));
    const totalSize = tasks.length;
    if (params.pageToken) {
      const [timestamp, id] = decodeCursor(params.pageToken);
      // Strictly after the cursor in the sort order, so a task updated meanwhile is neither lost nor repeated twice on a page.
      tasks = tasks.filter((task) => key(task) < timestamp || (key(task) === timestamp && task.id < id));
    }
    const page = tasks.slice(0, pageSize).map((task) => (params.includeArtifacts ? task : { ...task, artifacts: [] }));
    const last = page[page.length - 1];
    const nextPageToken = last !== undefined && tasks.length > page.length ? encodeCursor(key(last), last.id) : "";
    return { tasks: page, nextPageToken, pageSize, totalSize };
  }
}
