import pg from "pg";
import { describe, expect, it } from "vitest";
import { SwitchyardError } from "../../../../src/errors.ts";
import { openPostgresServerStorage, SERVER_STATE_FORMAT } from "../../../../src/server/state/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../../support/services.ts";
import { describeServerStateCases } from "./server-state-cases.ts";

const available = await serviceAvailable("postgres");
let cases = 0;

describe.skipIf(!available)("Postgres server storage", () => {
  describeServerStateCases("Postgres", async (clock) => {
    const schema = runScopedName(`switchyard_state_${(cases += 1)}`);
    const storage = await openPostgresServerStorage(postgresUrl, { schema, now: () => clock.now });
    return {
      storage,
      close: async () => {
        await storage.close();
        await dropPostgresSchema(schema);
      },
    };
  });

  it("sets up once across replicas starting together, and refuses tables of a newer format", async () => {
    const schema = runScopedName("switchyard_state_format");
    try {
      const opened = await Promise.all([1, 2, 3].map(() => openPostgresServerStorage(postgresUrl, { schema })));
      await Promise.all(opened.map((storage) => storage.close()));
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`UPDATE "${schema}".server_state_meta SET value = $1 WHERE key = 'format_version'`, [String(SERVER_STATE_FORMAT + 1)]);
      await client.end();
      const refused = await openPostgresServerStorage(postgresUrl, { schema }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SwitchyardError);
      expect(String(refused)).toMatch(new RegExp(`newer than the ${SERVER_STATE_FORMAT} this switchyard reads.*Fix:`));
    } finally {
      await dropPostgresSchema(schema);
    }
  });

  it("brings a format-1 database (before A2A tasks, thread TTLs and virtual keys) up to this format, keeping its rows", async () => {
    const schema = runScopedName("switchyard_state_format_1");
    try {
      const first = await openPostgresServerStorage(postgresUrl, { schema });
      await first.state.createThread("kept", { n: 1 });
      await first.close();
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      // What a format-1 switchyard left: none of the format-2 tables.
      await client.query(`DROP TABLE "${schema}".server_a2a_tasks, "${schema}".server_a2a_runs, "${schema}".server_thread_ttl, "${schema}".openai_keys, "${schema}".openai_key_spend, "${schema}".openai_key_minute`);
      await client.query(`UPDATE "${schema}".server_state_meta SET value = '1' WHERE key = 'format_version'`);
      const reopened = await openPostgresServerStorage(postgresUrl, { schema });
      try {
        expect((await reopened.state.thread("kept"))?.metadata).toEqual({ n: 1 });
        await reopened.a2aTasks.saveTask("o", "t", { id: "t" });
        await reopened.ttls.set("kept", 5, "delete");
        expect((await reopened.keys.create({ name: "after" })).record.name).toBe("after");
        expect(await reopened.a2aTasks.task("o", "t")).toEqual({ id: "t" });
        const { rows } = await client.query<{ value: string }>(`SELECT value FROM "${schema}".server_state_meta WHERE key = 'format_version'`);
        expect(rows[0]?.value).toBe(String(SERVER_STATE_FORMAT));
      } finally {
        await reopened.close();
        await client.end();
      }
    } finally {
      await dropPostgresSchema(schema);
    }
  });
});
