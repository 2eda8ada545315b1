import type { Context } from "hono";
import { ServerRequestError } from "./http-error.ts";
import { streamModeNames, type StreamModeName } from "./request-schemas.ts";
import type { RunEvent } from "./run-stream.ts";

/** One mode per `stream_mode=` (the SDK repeats the key for a list), or several joined by commas (Python clients). */
function askedModes(context: Context): string[] {
  return (context.req.queries("stream_mode") ?? []).flatMap((value) => value.split(",")).map((mode) => mode.trim()).filter((mode) => mode !== "");
}

const threadModes = ["run_modes", "lifecycle", "state_update"] as const;

/**
 * The `stream_mode` query of `GET /threads/:id/stream`: thread-level modes (the SDK's `ThreadStreamMode`), not a
 * run's. `run_modes` (the default) sends every run's events as each run streams them; `lifecycle` (runs' start
 * and end only) and `state_update` are not served, and asking for them without `run_modes` is a 422, not a stream
 * that silently carries something else.
 */
export function checkThreadJoinModes(context: Context): void {
  const asked = askedModes(context);
  const unknown = asked.find((mode) => !(threadModes as readonly string[]).includes(mode));
  if (unknown !== undefined) {
    throw new ServerRequestError(422, `query field "stream_mode": "${unknown.slice(0, 40)}" is not a thread stream mode. Fix: use ${threadModes.join(", ")} (a run's modes are chosen when it is created).`, "stream_mode");
  }
  if (asked.length > 0 && !asked.includes("run_modes")) {
    throw new ServerRequestError(422, `query field "stream_mode": only run_modes is served on a thread stream (not ${asked.join(", ").slice(0, 60)}). Fix: send run_modes, or join one run with runs.joinStream.`, "stream_mode");
  }
}

/** Events every joiner gets whatever modes it asked for: the run's identity and its failure. */
const alwaysSent = new Set(["metadata", "error"]);
const known: ReadonlySet<string> = new Set(streamModeNames);

/**
 * The `stream_mode` query of a join stream (the SDK sends one `stream_mode=` per mode) as a filter on the run's
 * events, or undefined when none was asked (every event). A join can only narrow what the run streams: the
 * modes are fixed when the run is created. `messages` and `messages-tuple` both take every `messages*` event,
 * since a joiner cannot know which of the two the run was created with.
 */
export function joinModeFilter(context: Context): ((event: RunEvent) => boolean) | undefined {
  const asked = askedModes(context);
  if (asked.length === 0) return undefined;
  for (const mode of asked) {
    if (!known.has(mode)) {
      throw new ServerRequestError(422, `query field "stream_mode": "${mode.slice(0, 40)}" is not a stream mode. Fix: use one of ${streamModeNames.join(", ")}.`, "stream_mode");
    }
  }
  const modes = new Set(asked.map((mode) => (mode === "messages-tuple" ? "messages" : mode)) as StreamModeName[]);
  return (event) => {
    const base = event.event.split("|")[0] ?? event.event;
    if (alwaysSent.has(base)) return true;
    return modes.has((base.startsWith("messages") ? "messages" : base) as StreamModeName);
  };
}
