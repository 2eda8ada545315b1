import type { TextVerdict, VerificationJob } from "../../../src/verification/index.ts";

/**
 * Stands in for src/verification/verify-job.ts inside a verification worker, to make that worker fail the
 * ways a real one can: exit, throw, or never answer; "echo" answers whether the job carried the rules' texts.
 * (Imported by the worker, not run as a test.)
 */
export function verifyJob(job: VerificationJob): TextVerdict {
  if (job.text.startsWith("echo")) return { decision: "pass", text: job.texts === undefined ? "without texts" : "with texts", findings: [] };
  if (job.text.startsWith("exit")) process.exit(7);
  if (job.text.startsWith("throw")) throw new Error("the detector tripped");
  for (;;) {
    // Never answers: the pool's timeout has to stop this worker.
  }
}
