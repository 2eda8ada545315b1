/**
 * The function a test worker pool runs: answers, exits, throws or never answers, so each way a worker can fail
 * is exercised. (Imported by the worker, not run as a test.)
 */
export function work(kind: string, value: number): number {
  if (kind === "exit") process.exit(7);
  if (kind === "throw") throw new Error("the job tripped");
  if (kind === "hang") for (;;) {
    // Never answers: the pool's timeout has to stop this worker.
  }
  return value * 2;
}
