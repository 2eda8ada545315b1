import { describe } from "vitest";
import pg from "pg";
import { PostgresActionLedger } from "../../checkpoints/index.ts";
import { postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";
import { describeActionLedgerCases } from "./action-ledger-cases.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("Postgres", () => {
  describeActionLedgerCases("Postgres", async () => {
    const schema = runScopedName("switchyard_ledger");
    const ledger = await PostgresActionLedger.open(postgresUrl, { schema, now: () => 1 });
    return {
      ledger,
      close: async () => {
        await ledger.close();
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  });
});
