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
  return {
    ...(call.group ? { group: call.group } : {}),
    deployment: call.deployment,
    mode: call.mode,
    started_at: call.started_at,
    latency_ms: call.latency_ms,
    input_tokens: call.input_tokens,
    output_tokens: call.output_tokens,
    cost_usd: call.cost_usd,
    outcome: ending.outcome,
    ...(ending.outcome === "invalid_output" ? { error_class: "malformed_output" as const, message: ending.message } : {}),
    ...(ending.outcome === "transport_error" ? { error_class: ending.errorClass, message: ending.message, ...(ending.retryAfterMs === undefined ? {} : { retry_after_ms: ending.retryAfterMs }) } : {}),
    reason: call.reason,
    ...(call.repair === undefined ? {} : { repair: call.repair }),
    ...(call.in_flight === undefined ? {} : { in_flight: call.in_flight }),
  };
}
