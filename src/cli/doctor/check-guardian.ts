import fs from "node:fs";
import { SqliteEventLog } from "../../guardian/index.ts";
import { failed, passed, type DoctorFinding } from "./doctor-finding.ts";

/** Recovery events that are not a hold: a lifted hold is on probation, which is the guardian standing down. */
const notHolds = new Set(["probation"]);

/**
 * The guardian's last incidents, from its event log: per subject, the newest recovery or restore decides.
 * A recovery still in force (its `until` in the future, or none given) is an open incident: traffic is being
 * steered away from that deployment or mode right now.
 */
export function checkGuardian(stateFile: string, now: number): DoctorFinding[] {
  if (stateFile === ":memory:") return [passed("guardian", "event log in memory: nothing persisted to check")];
  if (!fs.existsSync(stateFile)) return [passed("guardian", `no event log yet at ${stateFile}`)];
  let log: SqliteEventLog;
  try {
    log = SqliteEventLog.open(stateFile);
  } catch (error) {
    // The checkpoints check reports a damaged file with its fix; this one only says it could not look.
    return [passed("guardian", `event log unreadable (${error instanceof Error ? error.message : String(error)}); see the checkpoints check`)];
  }
  try {
    const decided = new Set<string>();
    const open: DoctorFinding[] = [];
    for (const event of log.query({ limit: 500 })) {
      if ((event.category !== "recovery" && event.category !== "restore") || decided.has(event.subject)) continue;
      decided.add(event.subject);
      if (event.category === "restore" || notHolds.has(event.kind)) continue;
      const until = typeof event.evidence.until === "number" ? event.evidence.until : undefined;
      if (until !== undefined && until <= now) continue;
      const lasting = until === undefined ? "" : ` until ${new Date(until).toISOString()}`;
      open.push(failed(`guardian ${event.subject}`, `open incident: ${event.kind} of ${event.subject} since ${new Date(event.at).toISOString()}${lasting} (${event.reason})`, `fix what the reason names on ${event.subject} (switchyard events --subject ${event.subject} has the evidence); the guardian lifts the hold itself once the backend is back within its baseline`));
    }
    return open.length > 0 ? open : [passed("guardian", "no open incidents")];
  } catch (error) {
    return [failed("guardian", `cannot read the event log: ${error instanceof Error ? error.message : String(error)}`, "see the checkpoints check; the log lives in the same file")];
  } finally {
    log.close();
  }
}
