import type { VerificationJob } from "../../../src/verification/index.ts";

/**
 * Stands in for src/verification/verify-job.ts inside a verification worker, to make that worker fail the
 * ways a real one can: exit, throw, or never answer. (Imported by the worker, not run as a test.)
 */
export function verifyJob(job: VerificationJob): never {
  if (job.text.startsWith("exit")) process.exit(7);
  if (job.text.startsWith("throw")) throw new Error("the detector tripped");
  for (;;) {
    // Never answers: the pool's timeout has to stop this worker.
  }
}
