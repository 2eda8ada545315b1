import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PostgresEventLog } from "../../../src/guardian/postgres-event-log.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { eventLogCases } from "./event-log-cases.ts";

const available = await serviceAvailable("postgres");
const schemas: string[] = [];
const schemaFor = () => {
  const schema = runScopedName(`switchyard_events_${schemas.length}`);
  schemas.push(schema);
  return schema;
};

describe.skipIf(!available)("EventLog contract: Postgres", () => {
  afterAll(async () => {
    for (const schema of schemas) await dropPostgresSchema(schema);
  });

  eventLogCases(async () => {
    const log = await PostgresEventLog.open(postgresUrl, { schema: schemaFor() });
    return { log, flush: () => log.flush(), close: () => log.close() };
  });

  it("is one log for every replica, and refuses to rewrite, delete or truncate history from any connection", async () => {
    const schema = schemaFor();
    const [a, b] = await Promise.all([PostgresEventLog.open(postgresUrl, { schema }), PostgresEventLog.open(postgresUrl, { schema })]);
    const other = new pg.Client({ connectionString: postgresUrl });
    await other.connect();
    try {
      a.record({ at: 1, category: "recovery", kind: "quarantine", subject: "gemini", reason: "slow", evidence: { p95_ms: 90 } });
      await a.flush();
      b.record({ at: 2, category: "security", kind: "token_replayed", subject: "peer", reason: "replay", evidence: {} });
      await b.flush();
      expect((await a.query()).map((row) => row.kind)).toEqual(["token_replayed", "quarantine"]);
      await a.saveSnapshot("default", 5, { from: "a" });
      expect(await b.loadSnapshot("default")).toEqual({ savedAt: 5, snapshot: { from: "a" } });
      for (const statement of [`UPDATE "${schema}".guardian_events SET reason = 'nothing happened'`, `DELETE FROM "${schema}".guardian_events`, `TRUNCATE "${schema}".guardian_events`]) {
        await expect(other.query(statement)).rejects.toThrow(/append-only/);
      }
      expect((await b.query({ kind: "quarantine" }))[0]?.reason).toBe("slow");
      await other.query(`INSERT INTO "${schema}".guardian_events (at, category, kind, subject, reason, evidence) VALUES (3, 'gossip', 'x', 'y', 'z', '{}')`);
      await expect(a.query()).rejects.toThrow(/guardian_events row 3 is malformed \(category/);
    } finally {
      await other.end();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
