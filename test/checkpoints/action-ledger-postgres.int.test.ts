import { describe } from "vitest";
import { PostgresActionLedger } from "../../checkpoints/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";
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
        await dropPostgresSchema(schema);
      },
    };
  });
});
