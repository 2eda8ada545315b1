import type { VerificationConfig } from "../config/schema.ts";
import { VerificationWorkerPool } from "./verification-worker-pool.ts";
import { verifierFromConfig } from "./verifier-from-config.ts";
import { jobEnv, verifyJobWith, type VerificationJob } from "./verify-job.ts";
import type { TextVerdict } from "./verify-text.ts";

/**
 * Texts shorter than this are verified in the calling thread. Copying a text to a worker and its verdict back
 * costs the event loop ~0.03–0.08 ms at any size here, but the round trip adds 3–5 ms of latency, more than the
 * 1–2 ms pause of checking 1–4 KiB inline; at 8 KiB both take ~2.7 ms, and above it the pause grows with the
 * text (6.7 ms at 16 KiB, 0.9–1.9 s at 1 MiB) while the event loop stays free off-thread. Measured in
 * docs/request-limits.md.
 */
export const VERIFY_OFF_THREAD_MIN_CHARS = 8_192;

export interface VerifyOffThreadOptions {
  phase: "request" | "output";
  text: string;
  /** The `verification:` section the checks are built from (enabled). */
  config: VerificationConfig;
  env?: NodeJS.ProcessEnv;
}

/** Where long texts go: the shared worker pool, or what a test puts in its place. */
export interface OffThreadVerifier {
  verify(job: VerificationJob): Promise<TextVerdict>;
}

/** What long texts go to: the shared worker pool unless an app or a test put another there. */
type Workers = OffThreadVerifier & { close(): Promise<void> };

let shared: Workers | undefined;

/**
 * Puts another verifier where every long text of this process goes (a pool sized for this host, or in a test a
 * stand-in whose worker fails); returns a function that puts the previous one back.
 *
 * @example
 * const restore = useVerificationWorkers(new VerificationWorkerPool({ size: 4, timeoutMs: 5_000 }));
 */
export function useVerificationWorkers(workers: Workers): () => void {
  const previous = shared;
  shared = workers;
  return () => {
    shared = previous;
  };
}

/**
 * Verifies a request or output text as `verifyRequestText` / `verifyOutputText` do, on a worker thread when
 * the text is long: the verdict is the same, and the event loop (health checks, every other request) stays
 * free meanwhile. Rejects with `VerificationUnavailableError` when a worker crashes or overruns: the caller
 * refuses the text, never passes it unverified.
 *
 * @example
 * const verdict = await verifyTextOffThread({ phase: "request", text: hugeInput, config: engine.config.verification });
 */
export async function verifyTextOffThread(options: VerifyOffThreadOptions, verifier?: OffThreadVerifier): Promise<TextVerdict> {
  const job: VerificationJob = { phase: options.phase, text: options.text, config: options.config, env: jobEnv(options.config, options.env) };
  if (options.text.length < VERIFY_OFF_THREAD_MIN_CHARS) return verifyJobWith(options.config, job);
  // The worker judges by the policy and corpus texts this thread read, not by the files as they are now: a
  // policy edited on disk since start takes effect on restart, in every thread at once.
  const { sources, texts } = verifierFromConfig(options.config, job.env);
  return (verifier ?? (shared ??= new VerificationWorkerPool())).verify(sources === undefined || texts === undefined ? job : { ...job, sources, texts });
}

/**
 * Stops the shared verification workers (idle ones never hold the process open; this ends them at once, for
 * tests and shutdown). The next long text starts fresh ones.
 *
 * @example
 * afterAll(shutdownVerificationWorkers);
 */
export async function shutdownVerificationWorkers(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
