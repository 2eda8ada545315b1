import { ConfigError, ConfigNotFoundError } from "../config/config-error.ts";
import { SwitchyardError, type SwitchyardErrorCode } from "../errors.ts";
import type { GatewayStateValue } from "../state/gateway-state.ts";
import { UsageError } from "./args.ts";

/**
 * The exit codes of the `switchyard` command: a script can tell a finished request from one that needs
 * its input fixed, one worth retrying later, and one waiting for a human. docs/bad-input.md has the table.
 */
export const EXIT_CODES = {
  /** The command did what it was asked; for run/resume: the request succeeded. */
  succeeded: 0,
  /** Bad flags, a bad config file, or a thread/checkpoint that cannot be used. Fix the command or the config. */
  usage: 1,
  /** The request was refused before any backend call (malformed, unknown group/deployment/schema, a schema no mode can carry). Fix the request. */
  rejected: 2,
  /** Backends were tried and the request still failed (no deployment left, deadline, broken stream). Retry later, or raise the deadline or attempts. */
  failed: 3,
  /** The thread waits for a human decision. Answer it with `switchyard resume THREAD`. */
  waiting: 4,
  /** A policy or a reviewer refused the request. Change the request, or the policy. */
  refused: 5,
  /** Another run holds the thread's lease (ThreadBusyError). Retry when it ends, or use another thread. */
  busy: 6,
  /** A bug in switchyard: an error that is not a SwitchyardError. Report it with the stack trace. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Error codes that mean "the request itself is wrong", whether thrown or ended in state. */
const REJECTED_CODES: ReadonlySet<string> = new Set<SwitchyardErrorCode>(["input_invalid", "input_too_large", "model_group_unknown", "deployment_unknown", "schema_unsupported"]);
/** Error codes that mean "a policy or a person said no". */
const REFUSED_CODES: ReadonlySet<string> = new Set(["policy_violation", "rejected"]);

/** What a finished (or paused) gateway run reports to its caller. */
export interface RunOutcome {
  status: GatewayStateValue["status"];
  error?: { code: string } | undefined;
  /** LangGraph's marker of a run paused at `interrupt()`. */
  __interrupt__?: readonly unknown[] | undefined;
}

/**
 * The exit code for a gateway run's final state.
 *
 * @example
 * process.exitCode = exitCodeOf(await gateway.invoke(request, { threadId })); // 0, 2, 3, 4 or 5
 */
export function exitCodeOf(state: RunOutcome): ExitCode {
  if ((state.__interrupt__?.length ?? 0) > 0 || state.status === "awaiting_approval") return EXIT_CODES.waiting;
  if (state.status === "succeeded") return EXIT_CODES.succeeded;
  const code = state.error?.code ?? "";
  if (REFUSED_CODES.has(code)) return EXIT_CODES.refused;
  if (REJECTED_CODES.has(code)) return EXIT_CODES.rejected;
  // failed, or a run that stopped while still pending: backends were (or would have been) tried.
  return EXIT_CODES.failed;
}

/**
 * The exit code for an error a command threw. Usage and config errors are 1 whatever their code; a
 * request refused up front (Gateway.invoke throws those) is 2; anything not a SwitchyardError is a bug.
 *
 * @example
 * exitCodeOfError(new UsageError("...")) // 1
 */
export function exitCodeOfError(error: unknown): ExitCode {
  if (!(error instanceof SwitchyardError)) return EXIT_CODES.internal;
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof ConfigNotFoundError) return EXIT_CODES.usage;
  if (REFUSED_CODES.has(error.code)) return EXIT_CODES.refused;
  if (REJECTED_CODES.has(error.code)) return EXIT_CODES.rejected;
  if (error.code === "thread_busy") return EXIT_CODES.busy;
  if (error.code === "no_deployment_available" || error.code === "deadline_exceeded" || error.code === "stream_interrupted" || error.code === "backend_error") return EXIT_CODES.failed;
  return EXIT_CODES.usage;
}
