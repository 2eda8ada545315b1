import os from "node:os";
import { Worker } from "node:worker_threads";
import { VerificationUnavailableError, type VerificationFailure } from "./verification-unavailable-error.ts";
import type { VerificationJob } from "./verify-job.ts";
import type { TextVerdict } from "./verify-text.ts";

/** Starts a timer and returns its cancel; injected so a test fires a timeout without waiting for one. */
export type Schedule = (milliseconds: number, fire: () => void) => () => void;

export interface VerificationWorkerPoolConfig {
  /** Workers at most (default: one per spare core, at most 2); each verifies one text at a time. */
  size?: number;
  /** How long one text may take once a worker has it (default 20 s; a 1 MiB request takes up to ~2 s). */
  timeoutMs?: number;
  /** URL of the module the workers import `verifyJob` from (default: ./verify-job.ts); tests swap it. */
  module?: string;
  schedule?: Schedule;
}

// Plain JavaScript, evaluated as the worker: it registers tsx (the package ships TypeScript) and verifies with
// the very function the calling thread uses, so a verdict is the same wherever it was made. Dynamic imports
// only: the source runs as CommonJS or as a module depending on the parent's flags (--input-type=module).
const workerSource = `
(async () => {
  const { parentPort, workerData } = await import("node:worker_threads");
  const { register } = await import("tsx/esm/api");
  register();
  const { verifyJob } = await import(workerData.module);
  parentPort.on("message", ({ id, job }) => {
    let reply;
    try {
      reply = { id, verdict: verifyJob(job) };
    } catch (error) {
      reply = { id, error: String((error && error.stack) || error) };
    }
    parentPort.postMessage(reply);
  });
  parentPort.postMessage({ id: 0, ready: true });
})().catch(async (error) => (await import("node:worker_threads")).parentPort.postMessage({ id: 0, error: String((error && error.stack) || error) }));
`;

type Reply = { id: number; verdict?: TextVerdict; error?: string; ready?: boolean };
interface Queued {
  job: VerificationJob;
  resolve: (verdict: TextVerdict) => void;
  reject: (error: Error) => void;
}
interface Running extends Queued {
  id: number;
  cancel: () => void;
}
interface Slot {
  worker: Worker;
  running?: Running;
  /** Digests whose policy and corpus texts this worker has been sent. */
  known: Set<string>;
}

const defaultModule = new URL(`./verify-job.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href;
const realSchedule: Schedule = (milliseconds, fire) => {
  const timer = setTimeout(fire, milliseconds);
  return () => clearTimeout(timer);
};

/**
 * Worker threads that verify texts, started when first needed. A worker holds the process open only while it
 * has a text, so a CLI run exits when its work is done. A worker that crashes, fails or overruns the timeout is
 * stopped and its text refused with a `VerificationUnavailableError`; never passed unverified.
 *
 * @example
 * const pool = new VerificationWorkerPool();
 * await pool.verify({ phase: "request", text, config, env: {} }); await pool.close();
 */
export class VerificationWorkerPool {
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #module: string;
  readonly #schedule: Schedule;
  readonly #slots: Slot[] = [];
  readonly #queue: Queued[] = [];
  #sequence = 0;
  #closed = false;

  constructor(config: VerificationWorkerPoolConfig = {}) {
    this.#size = Math.max(1, config.size ?? Math.min(2, os.availableParallelism() - 1));
    this.#timeoutMs = config.timeoutMs ?? 20_000;
    this.#module = config.module ?? defaultModule;
    this.#schedule = config.schedule ?? realSchedule;
  }

  verify(job: VerificationJob): Promise<TextVerdict> {
    if (this.#closed) return Promise.reject(this.#error(job, "shut_down", ""));
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#pump();
    });
  }

  /** Refuses what is waiting and stops every worker; resolves once they have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const queued of this.#queue.splice(0)) queued.reject(this.#error(queued.job, "shut_down", ""));
    await Promise.all([...this.#slots].map((slot) => this.#retire(slot, "shut_down", "")));
  }

  #error(job: VerificationJob, reason: VerificationFailure, detail: string, cause?: unknown): VerificationUnavailableError {
    return new VerificationUnavailableError(job.phase, job.text.length, reason, detail, cause === undefined ? {} : { cause });
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.running === undefined) ?? (this.#slots.length < this.#size ? this.#spawn() : undefined);
      const queued = slot === undefined ? undefined : this.#queue.shift();
      if (slot === undefined || queued === undefined) return;
      const id = ++this.#sequence;
      // The job's own config may set the limit (verification.workers.timeout_ms); the pool is shared by every engine of the process.
      const timeoutMs = queued.job.config.workers?.timeout_ms ?? this.#timeoutMs;
      slot.running = { ...queued, id, cancel: this.#schedule(timeoutMs, () => void this.#retire(slot, "timeout", `over ${timeoutMs} ms (verification.workers.timeout_ms)`)) };
      slot.worker.ref();
      // The rules' texts go with a worker's first job of a digest only; it keeps them for the next.
      const { texts, ...bare } = queued.job;
      const digest = queued.job.sources;
      const sendTexts = texts !== undefined && digest !== undefined && !slot.known.has(digest);
      if (sendTexts) slot.known.add(digest);
      // Posted before the worker is ready: messages wait in its port until the listener is attached.
      slot.worker.postMessage({ id, job: sendTexts ? queued.job : bare });
    }
  }

  #spawn(): Slot {
    const worker = new Worker(workerSource, { eval: true, workerData: { module: this.#module } });
    worker.unref();
    const slot: Slot = { worker, known: new Set() };
    worker.on("message", (reply: Reply) => {
      if (reply.id === 0) {
        if (reply.ready !== true) void this.#retire(slot, "failed", reply.error ?? "it did not start");
        return;
      }
      const running = slot.running;
      if (running?.id !== reply.id) return;
      running.cancel();
      slot.running = undefined;
      worker.unref();
      if (reply.verdict !== undefined) running.resolve(reply.verdict);
      else running.reject(this.#error(running.job, "failed", reply.error ?? "it answered nothing"));
      this.#pump();
    });
    worker.on("error", (error) => void this.#retire(slot, "crashed", error.message, error));
    worker.on("exit", (code) => void this.#retire(slot, "crashed", `exit code ${code}`));
    this.#slots.push(slot);
    return slot;
  }

  /** Takes a worker out of the pool for good, refusing its text; queued texts go to a fresh worker. */
  async #retire(slot: Slot, reason: VerificationFailure, detail: string, cause?: unknown): Promise<void> {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    const running = slot.running;
    slot.running = undefined;
    if (running !== undefined) {
      running.cancel();
      running.reject(this.#error(running.job, reason, detail, cause));
    }
    await slot.worker.terminate();
    if (!this.#closed) this.#pump();
  }
}
