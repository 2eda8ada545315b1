/**
 * The one base error of switchyard. Every error a user can meet is a subclass with typed fields and a
 * message that says what was wrong, where, and what would fix it.
 *
 * @example
 * try { loadConfig("switchyard.yaml") } catch (error) {
 *   if (error instanceof SwitchyardError) console.error(`${error.code}: ${error.message}`);
 * }
 */
export type SwitchyardErrorCode =
  | "config_invalid"
  | "config_not_found"
  | "backend_error"
  | "no_deployment_available"
  | "output_invalid"
  | "schema_unsupported"
  | "decode_failed"
  | "checkpoint_format"
  | "checkpoint_invalid"
  | "store_invalid"
  | "routing_state"
  | "policy_invalid"
  | "policy_violation"
  | "stream_interrupted"
  | "deadline_exceeded"
  | "emulator_profile_invalid"
  | "input_invalid"
  | "model_group_unknown"
  | "deployment_unknown"
  | "input_too_large"
  | "server_request_invalid"
  | "output_mode_state_invalid"
  | "thread_busy"
  | "feedback_invalid"
  | "request_unknown";

export interface SwitchyardErrorOptions {
  cause?: unknown;
}

export class SwitchyardError extends Error {
  readonly code: SwitchyardErrorCode;

  constructor(code: SwitchyardErrorCode, message: string, options: SwitchyardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}
