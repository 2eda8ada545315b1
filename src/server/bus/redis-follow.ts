import type { Redis } from "ioredis";
import type { BusEvent } from "../run-bus.ts";
import type { RunEvent } from "../run-stream.ts";
import { compareStreamIds } from "./stream-id.ts";

/** The field of a stream entry holding one event's JSON; the entry marking the end has `endField` instead. */
export const eventField = "e";
export const endField = "end";

export interface FollowStreamOptions {
  key: string;
  /** Resume strictly after this id ("0-0" from the start). */
  after: string;
  signal: AbortSignal | undefined;
  /** For the non-blocking check whether the log already ended before `after`. */
  writer: Redis;
  /** A connection of its own: XREAD BLOCK holds it, and an abort disconnects it. */
  reader: Redis;
  blockMs: number;
  batch: number;
  log: (line: string) => void;
}

/**
 * Reads one run's stream: what is there after `after`, then live entries until the end marker or the signal.
 * An abort disconnects the reader (the only way to wake a blocked XREAD); the caller then must not reuse it.
 */
export async function* followStream(options: FollowStreamOptions): AsyncGenerator<BusEvent> {
  const { key, reader, signal } = options;
  let cursor = options.after;
  // A resume id at or past the end marker (a client reconnecting after it saw everything) ends at once.
  const [last] = await options.writer.xrevrange(key, "+", "-", "COUNT", 1);
  if (last !== undefined && last[1][0] === endField && compareStreamIds(cursor, last[0]) >= 0) return;
  const abort = (): void => reader.disconnect();
  signal?.addEventListener("abort", abort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) return;
      let reply: Array<[string, Array<[string, string[]]>]> | null;
      try {
        reply = await reader.xread("COUNT", options.batch, "BLOCK", options.blockMs, "STREAMS", key, cursor);
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      if (reply === null) {
        // A quiet slice: end if the log was finished behind a resume id from the future, or expired meanwhile.
        const [newest] = await options.writer.xrevrange(key, "+", "-", "COUNT", 1);
        if (newest === undefined ? cursor !== options.after : newest[1][0] === endField && compareStreamIds(cursor, newest[0]) >= 0) return;
        continue;
      }
      const entries = reply[0]?.[1] ?? [];
      for (const [id, fields] of entries) {
        cursor = id;
        if (fields[0] === endField) return;
        const event = parseEvent(fields);
        if (event === undefined) {
          options.log(`run bus: entry ${id} of ${key} is not an event this bus wrote; skipped`);
          continue;
        }
        yield { id, event };
        if (signal?.aborted) return;
      }
    }
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}

function parseEvent(fields: readonly string[]): RunEvent | undefined {
  if (fields[0] !== eventField || typeof fields[1] !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(fields[1]);
    if (typeof parsed !== "object" || parsed === null || !("event" in parsed) || typeof parsed.event !== "string") return undefined;
    return { event: parsed.event, data: "data" in parsed ? parsed.data : undefined };
  } catch {
    return undefined;
  }
}
