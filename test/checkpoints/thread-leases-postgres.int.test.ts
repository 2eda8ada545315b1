import { describe } from "vitest";
import { PostgresThreadLeases } from "../../checkpoints/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";
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
        await dropPostgresSchema(schema);
      },
    };
  });
});
