import { SwitchyardError } from "../errors.ts";
import type { WorkerFailure } from "../threads/worker-pool.ts";

/** Why a text could not be verified off the event loop. */
export type VerificationFailure = WorkerFailure;

const what: Record<VerificationFailure, string> = {
  not_started: "no verification worker could start",
  crashed: "the verification worker exited before it answered",
  timeout: "the verification worker did not answer in time and was stopped",
  failed: "the verification worker could not run the checks",
  shut_down: "the verification workers were shut down before it was checked",
};

/**
 * A text that could not be verified: the gateway refuses it (fails closed) rather than let it through
 * unchecked. The message names the phase and the size, so a refusal can be matched to the input behind it.
 * Its code is `verification_unavailable`, not `policy_violation`: nothing said no, the check could not run,
 * so a caller retries (exit code 3, an A2A task `failed` rather than `rejected`).
 *
 * @example
 * try { await verifyTextOffThread(job) } catch (error) {
 *   if (error instanceof VerificationUnavailableError) console.error(error.chars, error.reason);
 * }
 */
export class VerificationUnavailableError extends SwitchyardError {
  constructor(
    readonly phase: "request" | "output",
    readonly chars: number,
    readonly reason: VerificationFailure,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      "verification_unavailable",
      `${phase} of ${chars} characters was not verified (${what[reason]}${detail === "" ? "" : `: ${detail}`}), so it is refused rather than passed unchecked. Fix: retry; if it recurs, send a shorter ${phase} or raise the verification timeout.`,
      options,
    );
  }
}
