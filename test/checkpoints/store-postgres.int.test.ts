import { describe } from "vitest";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";
import { describeStoreCases } from "./store-cases.ts";

const available = await serviceAvailable("postgres");
const schema = runScopedName("switchyard_store_cases");

describe.skipIf(!available)("official PostgresStore on the machine's Postgres", () => {
  describeStoreCases("postgres", {
    openStore: async () => {
      const store = new PostgresStore({ connectionOptions: postgresUrl, schema });
      await store.setup();
      return store;
    },
    closeStore: async (store) => {
      await store.stop();
      await dropPostgresSchema(schema);
    },
  });
});
