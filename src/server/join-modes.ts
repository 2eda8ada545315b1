import type { Context } from "hono";
import { ServerRequestError } from "./http-error.ts";
import { streamModeNames, type StreamModeName } from "./request-schemas.ts";
import type { RunEvent } from "./run-stream.ts";

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
  const asked = context.req.queries("stream_mode") ?? [];
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
