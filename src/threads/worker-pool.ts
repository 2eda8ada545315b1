import os from "node:os";
import { Worker } from "node:worker_threads";

/** Why a job got no answer from a worker. */
export type WorkerFailure = "not_started" | "crashed" | "timeout" | "failed" | "shut_down";

/** Starts a timer and returns its cancel; injected so a test fires a timeout without waiting for one. */
export type Schedule = (milliseconds: number, fire: () => void) => () => void;

export interface WorkerPoolConfig<Args extends unknown[]> {
  /** URL of the module the workers import. */
  module: string;
  /** The function of that module a worker calls with a job's arguments; it runs synchronously and returns plain data. */
  exportName: string;
  /** Workers at most (default: one per spare core, at most 2); each runs one job at a time. */
  size?: number;
  /** How long one job may take once a worker has it. */
  timeoutMs: (args: Args) => number;
  /** The setting a timeout message names, so an operator knows what to raise. */
  timeoutSetting?: string;
  /** The error a job is rejected with: the caller's own error class, with its own fix. */
  failure: (args: Args, reason: WorkerFailure, detail: string, cause?: unknown) => Error;
  /**
   * What is posted for a job to a worker, given the keys that worker has been sent before (it may add to them):
   * lets a large payload many jobs share cross to each worker once. Default: the arguments as they are.
   */
  prepare?: (args: Args, sent: Set<string>) => Args;
  schedule?: Schedule;
}

// Plain JavaScript, evaluated as the worker: it registers tsx (the package ships TypeScript) and calls the very
// function the calling thread would, so an answer is the same wherever it was made. Dynamic imports only: the
// source runs as CommonJS or as a module depending on the parent's flags (--input-type=module).
const workerSource = `
(async () => {
  const { parentPort, workerData } = await import("node:worker_threads");
  const { register } = await import("tsx/esm/api");
  register();
  const run = (await import(workerData.module))[workerData.exportName];
  if (typeof run !== "function") throw new Error(workerData.module + " exports no function " + workerData.exportName);
  parentPort.on("message", ({ id, args }) => {
    let reply;
    try {
      reply = { id, result: run(...args) };
    } catch (error) {
      reply = { id, error: String((error && error.stack) || error) };
    }
    parentPort.postMessage(reply);
  });
  parentPort.postMessage({ id: 0, ready: true });
})().catch(async (error) => (await import("node:worker_threads")).parentPort.postMessage({ id: 0, error: String((error && error.stack) || error) }));
`;

type Reply<Result> = { id: number; result?: Result; error?: string; ready?: boolean };
interface Queued<Args, Result> {
  args: Args;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}
interface Running<Args, Result> extends Queued<Args, Result> {
  id: number;
  cancel: () => void;
}
interface Slot<Args, Result> {
  worker: Worker;
  running?: Running<Args, Result>;
  sent: Set<string>;
}

const realSchedule: Schedule = (milliseconds, fire) => {
  const timer = setTimeout(fire, milliseconds);
  return () => clearTimeout(timer);
};

/**
 * Worker threads that run one module function off the event loop, started when first needed. A worker holds
 * the process open only while it has a job, so a CLI run exits when its work is done. A worker that fails to
 * start, crashes, throws or overruns its timeout is stopped and its job rejected with the caller's error (what
 * the caller does then is its own rule: verification refuses the text, counting counts it in place); queued
 * jobs go to a fresh worker. Shared by the verification and token-counting paths, whose failure rules differ.
 *
 * @example
 * const pool = new WorkerPool<[string, TokenizerName], number>({ module, exportName: "countText", timeoutMs: () => 20_000, failure: (_args, reason) => new Error(reason) });
 * await pool.run(["some text", "o200k_base"]); await pool.close();
 */
export class WorkerPool<Args extends unknown[], Result> {
  readonly #config: WorkerPoolConfig<Args>;
  readonly #size: number;
  readonly #schedule: Schedule;
  readonly #slots: Slot<Args, Result>[] = [];
  readonly #queue: Queued<Args, Result>[] = [];
  #sequence = 0;
  #closed = false;

  constructor(config: WorkerPoolConfig<Args>) {
    this.#config = config;
    this.#size = Math.max(1, config.size ?? Math.min(2, os.availableParallelism() - 1));
    this.#schedule = config.schedule ?? realSchedule;
  }

  run(args: Args): Promise<Result> {
    if (this.#closed) return Promise.reject(this.#config.failure(args, "shut_down", ""));
    return new Promise((resolve, reject) => {
      this.#queue.push({ args, resolve, reject });
      this.#pump();
    });
  }

  /** Rejects what is waiting and stops every worker; resolves once they have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const queued of this.#queue.splice(0)) queued.reject(this.#config.failure(queued.args, "shut_down", ""));
    await Promise.all([...this.#slots].map((slot) => this.#retire(slot, "shut_down", "")));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.running === undefined) ?? (this.#slots.length < this.#size ? this.#spawn() : undefined);
      const queued = slot === undefined ? undefined : this.#queue.shift();
      if (slot === undefined || queued === undefined) return;
      const id = ++this.#sequence;
      const timeoutMs = this.#config.timeoutMs(queued.args);
      const setting = this.#config.timeoutSetting === undefined ? "" : ` (${this.#config.timeoutSetting})`;
      slot.running = { ...queued, id, cancel: this.#schedule(timeoutMs, () => void this.#retire(slot, "timeout", `over ${timeoutMs} ms${setting}`)) };
      slot.worker.ref();
      // Posted before the worker is ready: messages wait in its port until the listener is attached.
      slot.worker.postMessage({ id, args: this.#config.prepare?.(queued.args, slot.sent) ?? queued.args });
    }
  }

  #spawn(): Slot<Args, Result> {
    const worker = new Worker(workerSource, { eval: true, workerData: { module: this.#config.module, exportName: this.#config.exportName } });
    worker.unref();
    const slot: Slot<Args, Result> = { worker, sent: new Set() };
    worker.on("message", (reply: Reply<Result>) => {
      if (reply.id === 0) {
        if (reply.ready !== true) void this.#retire(slot, "not_started", reply.error ?? "it did not start");
        return;
      }
      const running = slot.running;
      if (running?.id !== reply.id) return;
      running.cancel();
      slot.running = undefined;
      worker.unref();
      if (reply.error === undefined && "result" in reply) running.resolve(reply.result as Result);
      else running.reject(this.#config.failure(running.args, "failed", reply.error ?? "it answered nothing"));
      this.#pump();
    });
    worker.on("error", (error) => void this.#retire(slot, "crashed", error.message, error));
    worker.on("exit", (code) => void this.#retire(slot, "crashed", `exit code ${code}`));
    this.#slots.push(slot);
    return slot;
  }

  /** Takes a worker out of the pool for good, rejecting its job; queued jobs go to a fresh worker. */
  async #retire(slot: Slot<Args, Result>, reason: WorkerFailure, detail: string, cause?: unknown): Promise<void> {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    const running = slot.running;
    slot.running = undefined;
    if (running !== undefined) {
      running.cancel();
      running.reject(this.#config.failure(running.args, reason, detail, cause));
    }
    await slot.worker.terminate();
    if (!this.#closed) this.#pump();
  }
}
