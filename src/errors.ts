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
  | "run_bus"
  | "migration_failed"
  | "policy_invalid"
  | "policy_violation"
  | "verification_unavailable"
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
  | "emulator_failed"
  | "feedback_invalid"
  | "request_unknown"
  | "engine_missing"
  | "a2a_refused";

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

/**
 * A ledger fork that would rewrite history: the child thread already has a ledger of its own, or belongs to
 * another lineage. Here (not in src/verification) because the checkpoint layer's ledger raises it too.
 *
 * @example
 * await ledger.fork("t1", "t2"); // LedgerForkError when t2 already ran actions
 */
export class LedgerForkError extends SwitchyardError {
  constructor(
    readonly parentThreadId: string,
    readonly childThreadId: string,
    problem: string,
  ) {
    super("input_invalid", `cannot fork thread "${childThreadId}" from "${parentThreadId}": ${problem}. Fix: fork into a new thread id that has not run yet.`);
  }
}

/**
 * A graph input that carries a field only enforcement may write (`monitor`, counts, approvals, the ledger):
 * refused, so a caller cannot reset a limit or approve its own call.
 *
 * @example
 * await graph.invoke({ messages, monitor: { counts: {} } }); // EnforcementFieldError: field "monitor"
 */
export class EnforcementFieldError extends SwitchyardError {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(
      "input_invalid",
      `input field "${field}" (${JSON.stringify(value)?.slice(0, 80) ?? "undefined"}) is enforcement state, derived from the ledger of executed actions. Fix: send only "messages"; per-thread facts are set by application code with setThreadFact().`,
    );
  }
}

/**
 * A run of a graph whose enforcement is per thread (the support agent's ledger), started without a thread id.
 *
 * @example
 * await graph.invoke(input, { context }); // ThreadIdRequiredError: pass configurable.thread_id
 */
export class ThreadIdRequiredError extends SwitchyardError {
  constructor(readonly graph: string) {
    super("input_invalid", `${graph} needs configurable.thread_id: its limits, approvals and facts are kept per thread in the ledger. Fix: invoke with { configurable: { thread_id: "..." } }.`);
  }
}
