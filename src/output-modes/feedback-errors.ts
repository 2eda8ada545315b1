import { SwitchyardError } from "../errors.ts";

/** A feedback body that does not name one request and one verdict; lists what was wrong and the fix. */
export class FeedbackInvalidError extends SwitchyardError {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(
      "feedback_invalid",
      `invalid feedback: ${issues.join("; ")}. Fix: send exactly one of request_id, run_id or thread_id, and exactly one of correct (true/false) or score (a number from 0 to 1).`,
    );
    this.issues = issues;
  }
}

/** Feedback on a request this gateway never answered (or no longer remembers). */
export class UnknownRequestError extends SwitchyardError {
  readonly field: string;
  readonly value: string;

  constructor(field: string, value: string) {
    super(
      "request_unknown",
      `no answered request with ${field} "${value}". Fix: use the request_id from the answer's output (or the run_id / thread_id it ran under); requests that ended without a valid answer take no feedback.`,
    );
    this.field = field;
    this.value = value;
  }
}
