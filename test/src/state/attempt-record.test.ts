import { describe, expect, it } from "vitest";
import { attemptFrom } from "../../../src/state/attempt-record.ts";
import type { CallRecord } from "../../../src/state/gateway-state.ts";

const call: CallRecord = { group: "extract", deployment: "d1", mode: "emit", reason: "picked", started_at: 10, latency_ms: 5, input_tokens: 7, output_tokens: 3, cost_usd: 0.01, in_flight: 2 };

describe("attemptFrom", () => {
  it("builds each ending's record with its error class, and nothing of the others", () => {
    expect(attemptFrom(call, { outcome: "ok" })).toEqual({ group: "extract", deployment: "d1", mode: "emit", started_at: 10, latency_ms: 5, input_tokens: 7, output_tokens: 3, cost_usd: 0.01, outcome: "ok", reason: "picked", in_flight: 2 });
    expect(attemptFrom(call, { outcome: "invalid_output", message: "schema: x" })).toMatchObject({ outcome: "invalid_output", error_class: "malformed_output", message: "schema: x" });
    const transport = attemptFrom(call, { outcome: "transport_error", errorClass: "rate_limit", message: "429", retryAfterMs: 3_000 });
    expect(transport).toMatchObject({ outcome: "transport_error", error_class: "rate_limit", message: "429", retry_after_ms: 3_000 });
  });
});
