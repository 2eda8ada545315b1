import { WorkerPool, type Schedule } from "../threads/worker-pool.ts";
import { VerificationUnavailableError } from "./verification-unavailable-error.ts";
import type { VerificationJob } from "./verify-job.ts";
import type { TextVerdict } from "./verify-text.ts";

export type { Schedule } from "../threads/worker-pool.ts";

export interface VerificationWorkerPoolConfig {
  /** Workers at most (default: one per spare core, at most 2); each verifies one text at a time. */
  size?: number;
  /** How long one text may take once a worker has it (default 20 s; a 1 MiB request takes up to ~2 s). */
  timeoutMs?: number;
  /** URL of the module the workers import `verifyJob` from (default: ./verify-job.ts); tests swap it. */
  module?: string;
  schedule?: Schedule;
}

const defaultModule = new URL(`./verify-job.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href;

/**
 * Worker threads that verify texts with the very `verifyJob` the calling thread uses, so a verdict is the same
 * wherever it was made. A text whose worker fails to start, crashes, fails or overruns the timeout is refused
 * with a `VerificationUnavailableError`: never passed unverified.
 *
 * @example
 * const pool = new VerificationWorkerPool();
 * await pool.verify({ phase: "request", text, config, env: {} }); await pool.close();
 */
export class VerificationWorkerPool {
  readonly #pool: WorkerPool<[VerificationJob], TextVerdict>;

  constructor(config: VerificationWorkerPoolConfig = {}) {
    const timeoutMs = config.timeoutMs ?? 20_000;
    this.#pool = new WorkerPool<[VerificationJob], TextVerdict>({
      module: config.module ?? defaultModule,
      exportName: "verifyJob",
      ...(config.size === undefined ? {} : { size: config.size }),
      ...(config.schedule === undefined ? {} : { schedule: config.schedule }),
      // The job's own config may set the limit (verification.workers.timeout_ms); the pool is shared by every engine of the process.
      timeoutMs: ([job]) => job.config.workers?.timeout_ms ?? timeoutMs,
      timeoutSetting: "verification.workers.timeout_ms",
      failure: ([job], reason, detail, cause) => new VerificationUnavailableError(job.phase, job.text.length, reason, detail, cause === undefined ? {} : { cause }),
      // The rules' texts go with a worker's first job of a digest only; it keeps them for the next.
      prepare: ([job], sent) => {
        const { texts, ...bare } = job;
        if (texts === undefined || job.sources === undefined) return [job];
        if (sent.has(job.sources)) return [bare];
        sent.add(job.sources);
        return [job];
      },
    });
  }

  verify(job: VerificationJob): Promise<TextVerdict> {
    return this.#pool.run([job]);
  }

  /** Refuses what is waiting and stops every worker; resolves once they have exited. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}
