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
      expect(String(refused)).toMatch(/newer than the 1 this switchyard reads.*Fix:/);
    } finally {
      await dropPostgresSchema(schema);
    }
  });
});
