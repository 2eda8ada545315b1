import { SwitchyardError } from "../../errors.ts";

/** Longest run id the bus accepts; the server's ids are UUIDs, so anything near this is an attack or a bug. */
export const maxRunIdLength = 256;

const plain = /^[A-Za-z0-9_.-]+$/;

/**
 * The run id as one key segment that cannot leave its prefix: ids of letters, digits, `_`, `.` and `-` (every
 * UUID) are kept readable; anything else (`:`, `*`, `{`, `}`, spaces, control characters) is base64url-encoded
 * behind a `~`, which no plain id contains, so two different ids never share a key.
 *
 * @example
 * runKeySegment("3f1c...-9a") // "3f1c...-9a"
 * runKeySegment("x}:*")       // "~eH06Kg"
 */
export function runKeySegment(runId: string): string {
  checkRunId(runId);
  return plain.test(runId) ? runId : `~${Buffer.from(runId, "utf8").toString("base64url")}`;
}

/** Throws a clear error for a run id the bus cannot carry (not a string, empty or too long). */
export function checkRunId(runId: unknown): asserts runId is string {
  if (typeof runId !== "string" || runId.length === 0 || runId.length > maxRunIdLength) {
    const shown = typeof runId === "string" ? `a string of ${runId.length} characters` : typeof runId;
    throw new SwitchyardError(
      "input_invalid",
      `run bus: runId must be a non-empty string of at most ${maxRunIdLength} characters, got ${shown}. Fix: pass the run's id as the server created it.`,
    );
  }
}

/** Throws for a `Last-Event-ID` that is not of the form this bus hands out. */
export function badEventId(after: string, expected: string): SwitchyardError {
  const shown = after.length > 40 ? `${JSON.stringify(after.slice(0, 40))}… (${after.length} characters)` : JSON.stringify(after);
  return new SwitchyardError(
    "input_invalid",
    `run bus: after (Last-Event-ID) ${shown} is not an event id of this bus (expected ${expected}). Fix: resume from an id the stream sent, or omit it to replay from the start.`,
  );
}
