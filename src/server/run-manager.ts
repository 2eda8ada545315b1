import { Command } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { yieldIfBusy } from "../../checkpoints/index.ts";
import type { SwitchyardMetrics, AttemptSample } from "../telemetry/metrics.ts";
import { ServerRequestError, notFound } from "./http-error.ts";
import type { RunCreateBody, StreamModeName } from "./request-schemas.ts";
import { RunChannel } from "./run-channel.ts";
import { streamRun } from "./run-stream.ts";
import type { Assistants, AssistantRecord } from "./served-graph.ts";
import type { RunRecord, ServerTables } from "./server-tables.ts";
import { interruptsOf } from "./thread-state.ts";

export interface RunManagerParts {
  tables: ServerTables;
  assistants: Assistants;
  checkpointer: BaseCheckpointSaver;
  metrics: SwitchyardMetrics;
  generateId: () => string;
}

interface ActiveRun {
  channel: RunChannel;
  abort: AbortController;
  /** Set when a cancel asked for a rollback: the run's record goes once it stops. */
  rollback: boolean;
}

const keptChannels = 500;

function attemptsOf(values: unknown): AttemptSample[] {
  if (typeof values !== "object" || values === null || !("attempts" in values) || !Array.isArray(values.attempts)) return [];
  return values.attempts as AttemptSample[];
}

function errorData(error: unknown): { error: string; message: string } {
  return error instanceof Error ? { error: error.name, message: error.message } : { error: "Error", message: String(error) };
}

/**
 * Runs graphs for the API: one run at a time per thread, the rest queued (enqueue), refused (reject) or
 * cancelling the one in flight (interrupt, rollback). Each run's events go to a RunChannel that stream,
 * join and wait read.
 */
export class RunManager {
  readonly #parts: RunManagerParts;
  readonly #channels = new Map<string, ActiveRun>();
  readonly #tails = new Map<string, Promise<void>>();

  constructor(parts: RunManagerParts) {
    this.#parts = parts;
  }

  /** Creates a run on a thread and starts it when the thread is free; throws 404/409/422 as the API does. */
  create(threadId: string, body: RunCreateBody, temporary = false): RunRecord {
    const { tables, assistants } = this.#parts;
    const assistant = assistants.find(body.assistant_id);
    if (assistant === undefined) {
      const known = assistants.all().map((record) => record.graph_id).join(", ");
      throw new ServerRequestError(404, `assistant "${body.assistant_id}" not found. Fix: use a graph id (${known}) or its assistant_id.`, "assistant_id");
    }
    const problem = body.input == null ? undefined : assistants.served(assistant).checkInput?.(body.input);
    if (problem !== undefined) throw new ServerRequestError(422, `body field "input.${problem.field}": ${problem.message}`, `input.${problem.field}`);
    if (tables.thread(threadId) === undefined) {
      if (body.if_not_exists !== "create" && !temporary) throw notFound("thread", threadId);
      tables.createThread(threadId, { graph_id: assistant.graph_id });
    }
    const strategy = body.multitask_strategy ?? "reject";
    const inflight = tables.activeRuns(threadId);
    if (inflight.length > 0 && strategy === "reject") {
      throw new ServerRequestError(409, `thread "${threadId}" is already running run ${inflight[0]?.run_id}. Fix: wait for it (join) or send multitask_strategy "enqueue".`, "multitask_strategy");
    }
    if (strategy === "interrupt" || strategy === "rollback") for (const run of inflight) this.cancel(run.run_id, strategy);
    const run = tables.createRun({
      run_id: this.#parts.generateId(),
      thread_id: threadId,
      assistant_id: assistant.assistant_id,
      status: "pending",
      metadata: body.metadata ?? {},
      multitask_strategy: strategy,
      kwargs: { ...body, temporary },
    });
    tables.updateThread(threadId, { status: "busy" });
    const active: ActiveRun = { channel: new RunChannel(), abort: new AbortController(), rollback: false };
    this.#remember(run.run_id, active);
    const previous = this.#tails.get(threadId) ?? Promise.resolve();
    const tail = previous.then(() => this.#execute(run, assistant, body, active, temporary));
    this.#tails.set(threadId, tail);
    void tail.finally(() => {
      if (this.#tails.get(threadId) === tail) this.#tails.delete(threadId);
    });
    return run;
  }

  #remember(runId: string, active: ActiveRun): void {
    this.#channels.set(runId, active);
    if (this.#channels.size <= keptChannels) return;
    for (const [id, candidate] of this.#channels) {
      if (this.#channels.size <= keptChannels) break;
      if (candidate.channel.finished) this.#channels.delete(id);
    }
  }

  async #execute(run: RunRecord, assistant: AssistantRecord, body: RunCreateBody, active: ActiveRun, temporary: boolean): Promise<void> {
    const { tables, assistants, metrics } = this.#parts;
    const { channel } = active;
    // The request that created this run was just read and parsed (a MiB body takes tens of ms): the run's
    // own first slice of work waits for the next turn of the loop if that one is already long.
    await yieldIfBusy();
    if (active.abort.signal.aborted) {
      // Cancelled before it started (a shutdown, or while it waited for its turn above): `cancel` recorded the run
      // interrupted; the thread it made busy is idle again unless another run of it is still active.
      if (tables.activeRuns(run.thread_id).length === 0) tables.updateThread(run.thread_id, { status: "idle" });
      channel.finish();
      return;
    }
    const served = assistants.served(assistant);
    const threadId = run.thread_id;
    tables.setRunStatus(run.run_id, "running");
    const configurable: Record<string, unknown> = { ...body.config?.configurable, ...body.checkpoint, thread_id: threadId };
    if (body.checkpoint_id != null) configurable.checkpoint_id = body.checkpoint_id;
    const modes: StreamModeName[] = body.stream_mode == null ? ["values"] : Array.isArray(body.stream_mode) ? body.stream_mode : [body.stream_mode];
    const graphOptions: Record<string, unknown> = {
      configurable,
      context: { ...body.context, ...served.context },
      signal: active.abort.signal,
      metadata: { ...body.metadata, run_id: run.run_id, graph_id: assistant.graph_id },
      ...(body.config?.tags ? { tags: body.config.tags } : {}),
      ...(body.config?.recursion_limit ? { recursionLimit: body.config.recursion_limit } : {}),
      ...(body.interrupt_before ? { interruptBefore: body.interrupt_before } : {}),
      ...(body.interrupt_after ? { interruptAfter: body.interrupt_after } : {}),
      ...(body.durability ? { durability: body.durability } : {}),
    };
    const input = body.command != null ? new Command({ ...body.command } as ConstructorParameters<typeof Command>[0]) : (body.input ?? null);
    channel.push({ event: "metadata", data: { run_id: run.run_id, attempt: 1 } });
    const before = attemptsOf((await served.graph.getState({ configurable: { thread_id: threadId } })).values).length;
    try {
      for await (const event of streamRun(served.graph, input, { modes, subgraphs: body.stream_subgraphs ?? false, runId: run.run_id, graphOptions })) {
        channel.push(event);
      }
      const state = await served.graph.getState({ configurable: { thread_id: threadId } });
      metrics.recordAttempts(attemptsOf(state.values).slice(before));
      tables.setRunStatus(run.run_id, "success");
      tables.updateThread(threadId, { status: state.next.length > 0 || interruptsOf(state).length > 0 ? "interrupted" : "idle", error: null });
    } catch (error) {
      if (active.abort.signal.aborted) {
        tables.setRunStatus(run.run_id, "interrupted");
        tables.updateThread(threadId, { status: "idle" });
        if (active.rollback) tables.deleteRun(run.run_id);
      } else {
        const data = errorData(error);
        channel.push({ event: "error", data });
        tables.setRunStatus(run.run_id, "error");
        tables.updateThread(threadId, { status: "error", error: data.message });
      }
    } finally {
      if (tables.activeRuns(threadId).length > 0) tables.updateThread(threadId, { status: "busy" });
      channel.push({ event: "end", data: null });
      channel.finish();
      if (temporary) await this.#dropThread(threadId);
    }
  }

  async #dropThread(threadId: string): Promise<void> {
    await this.#parts.checkpointer.deleteThread(threadId);
    this.#parts.tables.deleteThread(threadId);
  }

  /** The run's channel while this process remembers it. */
  channel(runId: string): RunChannel | undefined {
    return this.#channels.get(runId)?.channel;
  }

  /** Stops a pending or running run; a pending one never starts. */
  cancel(runId: string, action: "interrupt" | "rollback" = "interrupt"): boolean {
    const active = this.#channels.get(runId);
    const run = this.#parts.tables.run(runId);
    if (run === undefined) return false;
    if (active !== undefined && !active.channel.finished) {
      active.rollback = action === "rollback";
      active.abort.abort(new Error(`run ${runId} cancelled (${action})`));
      if (run.status === "pending") {
        this.#parts.tables.setRunStatus(runId, "interrupted");
        if (action === "rollback") this.#parts.tables.deleteRun(runId);
      }
    }
    return true;
  }

  /** Waits for a run; answers its thread's final values (with `__interrupt__`), or `{ __error__ }`. */
  async result(runId: string, threadId: string): Promise<unknown> {
    const channel = this.channel(runId);
    if (channel !== undefined) await channel.done;
    const failure = channel?.events.find((event) => event.event === "error");
    if (failure !== undefined) return { __error__: failure.data };
    const assistant = this.#parts.assistants.find(this.#parts.tables.run(runId)?.assistant_id ?? "");
    if (assistant === undefined) return null;
    const state = await this.#parts.assistants.served(assistant).graph.getState({ configurable: { thread_id: threadId } });
    const interrupts = interruptsOf(state);
    return interrupts.length > 0 ? { ...state.values, __interrupt__: interrupts } : state.values;
  }

  /** Waits for a temporary (stateless) run, whose thread is gone by the time it ends: the last values event. */
  async statelessResult(runId: string): Promise<unknown> {
    const channel = this.channel(runId);
    if (channel === undefined) return null;
    await channel.done;
    let last: unknown = null;
    for (const event of channel.events) {
      if (event.event === "values") last = event.data;
      if (event.event === "error") return { __error__: event.data };
    }
    return last;
  }

  /** Aborts every run in flight (server shutdown) and waits for them to settle. */
  async close(): Promise<void> {
    for (const [runId, active] of this.#channels) if (!active.channel.finished) this.cancel(runId);
    await Promise.allSettled([...this.#tails.values()]);
  }
}
