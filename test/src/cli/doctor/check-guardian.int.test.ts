import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkGuardian } from "../../../../src/cli/doctor/check-guardian.ts";
import { PostgresEventLog, SqliteEventLog, type EventLog, type GuardianEvent } from "../../../../src/guardian/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../../support/services.ts";

const NOW = Date.parse("2026-12-06T10:00:00Z");
const available = await serviceAvailable("postgres");

/** One subject held until after NOW (open), one whose hold ran out, one restored after its hold: one open incident. */
const history: GuardianEvent[] = [
  { at: NOW - 60_000, category: "recovery", kind: "quarantine", subject: "gemini-1", reason: "p95 latency 3x its baseline", evidence: { until: NOW + 60_000 } },
  { at: NOW - 50_000, category: "recovery", kind: "cooldown", subject: "openai-1", reason: "errors", evidence: { until: NOW - 1 } },
  { at: NOW - 40_000, category: "recovery", kind: "quarantine", subject: "ollama-1", reason: "errors", evidence: {} },
  { at: NOW - 30_000, category: "restore", kind: "restored", subject: "ollama-1", reason: "back within baseline", evidence: {} },
];

async function expectOneOpenIncident(checkpointsUrl: string, schema?: string): Promise<void> {
  const findings = await checkGuardian(checkpointsUrl, NOW, schema);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ ok: false, check: "guardian gemini-1" });
  expect(JSON.stringify(findings[0])).toMatch(/quarantine of gemini-1/);
}

async function record(log: EventLog): Promise<void> {
  for (const event of history) log.record(event);
  await log.close();
}

describe("doctor's guardian check reads the log the server writes", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-check-guardian-"));
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropPostgresSchema(schema);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("SQLite storage: the state file's log", async () => {
    const file = path.join(directory, "state.db");
    expect(await checkGuardian(file, NOW)).toEqual([expect.objectContaining({ ok: true, message: expect.stringMatching(/no event log yet/) })]);
    await record(SqliteEventLog.open(file));
    await expectOneOpenIncident(file);
  });

  it.skipIf(!available)("Postgres storage: the replicas' one log in server.storage_schema, not an empty SQLite file", async () => {
    const schema = runScopedName("switchyard_doctor_guardian");
    schemas.push(schema);
    expect(await checkGuardian(postgresUrl, NOW, schema)).toEqual([expect.objectContaining({ ok: true, message: `no open incidents in Postgres schema ${schema}` })]);
    await record(await PostgresEventLog.open(postgresUrl, { schema }));
    await expectOneOpenIncident(postgresUrl, schema);
  });

  it("Postgres unreachable: says it could not look and points at the postgres check", async () => {
    const findings = await checkGuardian("postgresql://postgres@127.0.0.1:1/none", NOW, "s");
    expect(findings).toEqual([expect.objectContaining({ ok: true, message: expect.stringMatching(/Postgres schema s unreadable .*see the postgres check/) })]);
  });
});
