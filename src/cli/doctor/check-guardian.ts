import fs from "node:fs";
import { eventLogLocation, openEventLog, type EventLog } from "../../guardian/index.ts";
import { failed, passed, type DoctorFinding } from "./doctor-finding.ts";

/** Recovery events that are not a hold: a lifted hold is on probation, which is the guardian standing down. */
const notHolds = new Set(["probation"]);

/**
 * The guardian's last incidents, from the event log the server writes (the SQLite state file, or Postgres in
 * `schema` on storage: postgres://, as `switchyard events` reads): per subject, the newest recovery or
 * restore decides. A recovery still in force (its `until` in the future, or none given) is an open incident:
 * traffic is being steered away from that deployment or mode right now.
 */
export async function checkGuardian(checkpointsUrl: string, now: number, schema?: string): Promise<DoctorFinding[]> {
  const location = eventLogLocation(checkpointsUrl, { schema });
  if (location.kind === "sqlite" && location.file === ":memory:") return [passed("guardian", "event log in memory: nothing persisted to check")];
  if (location.kind === "sqlite" && !fs.existsSync(location.file)) return [passed("guardian", `no event log yet at ${location.file}`)];
  let log: EventLog;
  try {
    log = await openEventLog(location);
  } catch (error) {
    // The checkpoints (or postgres) check reports a damaged file or an unreachable database with its fix; this one only says it could not look.
    return [passed("guardian", `event log in ${location.label} unreadable (${error instanceof Error ? error.message : String(error)}); see the ${location.kind === "postgres" ? "postgres" : "checkpoints"} check`)];
  }
  try {
    const decided = new Set<string>();
    const open: DoctorFinding[] = [];
    for (const event of await log.query({ limit: 500 })) {
      if ((event.category !== "recovery" && event.category !== "restore") || decided.has(event.subject)) continue;
      decided.add(event.subject);
      if (event.category === "restore" || notHolds.has(event.kind)) continue;
      const until = typeof event.evidence.until === "number" ? event.evidence.until : undefined;
      if (until !== undefined && until <= now) continue;
      const lasting = until === undefined ? "" : ` until ${new Date(until).toISOString()}`;
      open.push(failed(`guardian ${event.subject}`, `open incident: ${event.kind} of ${event.subject} since ${new Date(event.at).toISOString()}${lasting} (${event.reason})`, `fix what the reason names on ${event.subject} (switchyard events --subject ${event.subject} has the evidence); the guardian lifts the hold itself once the backend is back within its baseline`));
    }
    return open.length > 0 ? open : [passed("guardian", `no open incidents in ${location.label}`)];
  } catch (error) {
    return [failed("guardian", `cannot read the event log in ${location.label}: ${error instanceof Error ? error.message : String(error)}`, location.kind === "postgres" ? "see the postgres check; the log is the guardian_events table in that schema" : "see the checkpoints check; the log lives in the same file")];
  } finally {
    await log.close();
  }
}
