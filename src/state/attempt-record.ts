import type { Attempt, CallRecord } from "./gateway-state.ts";

/** How a call ended: answered (valid or not), or failed in transport with its classified error. */
export type AttemptEnding =
  | { outcome: "ok" }
  | { outcome: "invalid_output"; message: string }
  | { outcome: "transport_error"; errorClass: NonNullable<Attempt["error_class"]>; message: string; retryAfterMs?: number | undefined };

/**
 * The one builder of attempt records: the call as routed and made (a transport failure has no tokens and no
 * cost), and how it ended. Every node that ends an attempt (call_model on a transport error, structure and
 * validate on an answer) builds it here, so the route trace reads the same whoever wrote it.
 */
export function attemptFrom(call: CallRecord, ending: AttemptEnding): Attempt {
  // A literal and assignments, not conditional spreads: V8 clones an object that starts with a conditional
  // spread through its slow path, about 8 µs an attempt on the /v1 hot path (error fields now follow reason).
  const attempt: Attempt = call.group ? { group: call.group, deployment: call.deployment, mode: call.mode, started_at: call.started_at, latency_ms: call.latency_ms, input_tokens: call.input_tokens, output_tokens: call.output_tokens, cost_usd: call.cost_usd, outcome: ending.outcome, reason: call.reason } : { deployment: call.deployment, mode: call.mode, started_at: call.started_at, latency_ms: call.latency_ms, input_tokens: call.input_tokens, output_tokens: call.output_tokens, cost_usd: call.cost_usd, outcome: ending.outcome, reason: call.reason };
  if (ending.outcome === "invalid_output") {
    attempt.error_class = "malformed_output";
    attempt.message = ending.message;
  } else if (ending.outcome === "transport_error") {
    attempt.error_class = ending.errorClass;
    attempt.message = ending.message;
    if (ending.retryAfterMs !== undefined) attempt.retry_after_ms = ending.retryAfterMs;
  }
  if (call.repair !== undefined) attempt.repair = call.repair;
  if (call.in_flight !== undefined) attempt.in_flight = call.in_flight;
  return attempt;
}
