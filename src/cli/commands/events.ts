import { commandFlags } from "../command-flags.ts";
import { loadConfig } from "../../config/load.ts";
import { eventCategories, eventLogLocation, openEventLog, type GuardianEventCategory } from "../../guardian/index.ts";
import { intFlag, parseCommandArgs, UsageError } from "../args.ts";
import { renderTable } from "../table.ts";

const usage = "usage: switchyard events [--category detection|recovery|restore|security|delivery] [--kind K] [--subject S] [--since 2026-01-01T00:00:00Z|30m|2h|1d] [--limit N] [--json] [--config FILE] [--state FILE]";

/** `--since` as an ISO time or a span back from now (`30m`, `2h`, `1d`). */
export function parseSince(value: string, now: number): number {
  const span = /^(\d+)(s|m|h|d)$/.exec(value);
  if (span) return now - Number(span[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as "s" | "m" | "h" | "d"];
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new UsageError(`switchyard events: --since "${value}" is neither an ISO time nor a span like 30m, 2h or 1d.`);
  return at;
}

/**
 * `switchyard events`: the guardian's append-only event log (detections, recoveries, restores, security
 * events, failed webhook deliveries), newest first, from the state file (or Postgres, with storage: postgres://).
 */
export async function eventsCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs("events", argv, commandFlags.events);
  if (values.help) return void console.log(usage);
  const category = values.category;
  if (category !== undefined && !(eventCategories as readonly string[]).includes(category)) {
    throw new UsageError(`switchyard events: --category "${category}" is not one of ${eventCategories.join(", ")}.`);
  }
  const config = loadConfig(values.config).config;
  // On storage: postgres:// the replicas' one log lives in Postgres (server.storage_schema); --state reads a file instead.
  const location = eventLogLocation(config.checkpoints.url, { schema: config.server.storage_schema, stateFile: values.state });
  const file = location.label;
  const log = await openEventLog(location);
  try {
    const events = await log.query({
      ...(category ? { category: category as GuardianEventCategory } : {}),
      ...(values.kind ? { kind: values.kind } : {}),
      ...(values.subject ? { subject: values.subject } : {}),
      ...(values.since ? { since: parseSince(values.since, Date.now()) } : {}),
      limit: intFlag("events", "limit", values.limit, 50),
    });
    if (values.json) {
      for (const event of events) console.log(JSON.stringify({ ...event, at: new Date(event.at).toISOString() }));
      return;
    }
    if (events.length === 0) {
      console.log(`no guardian events in ${file}${category || values.kind || values.subject || values.since ? " matching the filters" : ""}`);
      return;
    }
    console.log(
      renderTable(
        ["id", "at", "category", "kind", "subject", "reason"],
        events.map((event) => [event.id, new Date(event.at).toISOString(), event.category, event.kind, event.subject, event.reason]),
      ),
    );
  } finally {
    await log.close();
  }
}
