import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PostgresEventLog, SqliteEventLog, type GuardianEvent } from "../../../../src/guardian/index.ts";
import { migrateServerTables, type ServerTableCopy } from "../../../../src/server/state/migrate-server-tables.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../../support/services.ts";

const available = await serviceAvailable("postgres");
const AT = 1_765_000_000_000;
const events: GuardianEvent[] = [
  { at: AT, category: "detection", kind: "latency", subject: "gemini-1", reason: "p95 3x its baseline", evidence: { p95_ms: 900, baseline_ms: 300 } },
  { at: AT + 1_000, category: "recovery", kind: "quarantine", subject: "gemini-1", reason: "p95 3x its baseline", evidence: { until: AT + 61_000 } },
  { at: AT + 2_000, category: "security", kind: "verification_block", subject: "thread-9", reason: "blocked", evidence: { score: 0.25, blocked: true } },
];
const guardianRows = (copies: readonly ServerTableCopy[]) => copies.filter((copy) => copy.table.startsWith("guardian_"));

describe.skipIf(!available)("migrateServerTables copies the guardian's event log and baselines", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-migrate-guardian-"));
  const schemas: string[] = [];
  const schemaFor = (name: string) => {
    const schema = runScopedName(`switchyard_migrate_${name}`);
    schemas.push(schema);
    return schema;
  };
  const file = path.join(directory, "state.db");
  const source = SqliteEventLog.open(file);
  for (const event of events) source.record(event);
  source.saveSnapshot("default", AT + 3_000, { keys: { "gemini-1/json": { latency: [300, 310] } } });
  source.close();

  afterAll(async () => {
    for (const schema of schemas) await dropPostgresSchema(schema);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("keeps ids and order, verifies each event's content, re-runs without touching the append-only log, and new events follow", async () => {
    const schema = schemaFor("guardian");
    const first = await migrateServerTables({ from: file, to: postgresUrl, schema });
    expect(guardianRows(first)).toEqual([
      { table: "guardian_events", source: 3, copied: 3, verified: 3 },
      { table: "guardian_baselines", source: 1, copied: 1, verified: 1 },
    ]);
    const again = await migrateServerTables({ from: file, to: postgresUrl, schema });
    expect(guardianRows(again)).toEqual([
      { table: "guardian_events", source: 3, copied: 0, verified: 3 },
      { table: "guardian_baselines", source: 1, copied: 0, verified: 1 },
    ]);

    const log = await PostgresEventLog.open(postgresUrl, { schema });
    try {
      const expected = SqliteEventLog.open(file);
      try {
        expect(await log.query()).toEqual(expected.query());
        expect(await log.loadSnapshot("default")).toEqual(expected.loadSnapshot("default"));
      } finally {
        expected.close();
      }
      // The sequence was moved past the copied ids: a replica's next event is the newest, not a clash.
      log.record({ at: AT + 4_000, category: "restore", kind: "restored", subject: "gemini-1", reason: "back", evidence: {} });
      expect((await log.query({ limit: 1 }))[0]).toMatchObject({ id: 4, kind: "restored" });
    } finally {
      await log.close();
    }
  }, 60_000);

  it("reports a gap, and leaves the target's own rows as they are, when the target's log already used those ids for other events", async () => {
    const schema = schemaFor("guardian_clash");
    const replica = await PostgresEventLog.open(postgresUrl, { schema });
    replica.record({ at: AT - 5_000, category: "security", kind: "token_replayed", subject: "peer", reason: "replay", evidence: {} });
    await replica.saveSnapshot("default", AT + 9_000, { from: "replica" });
    await replica.flush();
    const copies = await migrateServerTables({ from: file, to: postgresUrl, schema });
    expect(guardianRows(copies)).toEqual([
      { table: "guardian_events", source: 3, copied: 2, verified: 2 },
      { table: "guardian_baselines", source: 1, copied: 0, verified: 1 },
    ]);
    try {
      expect((await replica.query()).find((event) => event.id === 1)).toMatchObject({ kind: "token_replayed" });
      expect(await replica.loadSnapshot("default")).toEqual({ savedAt: AT + 9_000, snapshot: { from: "replica" } });
    } finally {
      await replica.close();
    }
  }, 60_000);
});
