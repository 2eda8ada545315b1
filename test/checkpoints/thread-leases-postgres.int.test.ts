import { describe } from "vitest";
import pg from "pg";
import { PostgresThreadLeases } from "../../checkpoints/index.ts";
import { postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";
import { describeThreadLeaseCases } from "./thread-lease-cases.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("Postgres", () => {
  describeThreadLeaseCases("Postgres", async (clock, ttlMs) => {
    const schema = runScopedName("switchyard_leases");
    const leases = await PostgresThreadLeases.open(postgresUrl, { schema, ttlMs, now: clock.now });
    return {
      leases,
      close: async () => {
        await leases.close();
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
