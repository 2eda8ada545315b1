/**
 * `npx tsx bench/fast-path-objects.ts`: CPU per attempt record, built as `attemptFrom` builds it now (a literal
 * and assignments) against the conditional-spread form it had (kept here as the baseline), in one process,
 * interleaved rounds. V8 clones a literal that starts with a conditional spread through its slow path.
 */
import { attemptFrom } from "../src/state/attempt-record.ts";
import type { Attempt, CallRecord } from "../src/state/gateway-state.ts";
import type { AttemptEnding } from "../src/state/attempt-record.ts";

/** The spread form attemptFrom had before 2026-12-06. */
function spreadAttempt(call: CallRecord, ending: AttemptEnding): Attempt {
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

const CALLS = 200_000;
const call: CallRecord = { group: "chat", deployment: "upstream", mode: "emit", reason: "simple-shuffle", started_at: 1, latency_ms: 0.3, input_tokens: 20, output_tokens: 30, cost_usd: 0.0001, in_flight: 1 };
const builders = { "attemptFrom (assigned)": attemptFrom, "conditional spreads": spreadAttempt };
const results = new Map<string, number[]>();
let sink = 0;
for (let round = 0; round < 5; round++) {
  for (const [name, build] of Object.entries(builders)) {
    const before = process.cpuUsage();
    for (let index = 0; index < CALLS; index++) sink += build({ ...call, latency_ms: index }, { outcome: "ok" }).latency_ms;
    const used = process.cpuUsage(before);
    results.set(name, [...(results.get(name) ?? []), ((used.user + used.system) * 1000) / CALLS]);
  }
}
for (const [name, values] of results) process.stdout.write(`${name.padEnd(24)} ${[...values].sort((a, b) => a - b)[2]?.toFixed(0)} ns CPU per attempt (median of 5 rounds; ${values.map((value) => value.toFixed(0)).join(" ")})\n`);
process.stdout.write(`(checksum ${sink > 0 ? "ok" : "?"}) load: ${(await import("node:fs")).readFileSync("/proc/loadavg", "utf8")}`);
