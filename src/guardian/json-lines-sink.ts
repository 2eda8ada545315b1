import fs from "node:fs";
import path from "node:path";
import type { EventSink, GuardianEvent } from "./guardian-event.ts";

/** One JSON object per line, prefixed so it is greppable among other logs. */
export function eventLine(event: GuardianEvent): string {
  return JSON.stringify({ guardian: true, at: new Date(event.at).toISOString(), category: event.category, kind: event.kind, subject: event.subject, reason: event.reason, evidence: event.evidence });
}

/** Writes events as JSON lines to a writer (stderr by default). */
export function jsonLinesSink(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): EventSink {
  return { record: (event) => write(eventLine(event)) };
}

/** Appends events as JSON lines to a file (created with its folder). */
export function jsonLinesFileSink(file: string): EventSink {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return jsonLinesSink((line) => fs.appendFileSync(file, `${line}\n`));
}
