import { openDatabase } from "../../../../checkpoints/index.ts";
import { sqliteServerStorage } from "../../../../src/server/state/index.ts";
import { describeServerStateCases } from "./server-state-cases.ts";

describeServerStateCases("SQLite", async (clock) => {
  const database = openDatabase(":memory:");
  return { storage: sqliteServerStorage(database, () => clock.now), close: async () => {
      database.close();
    },
  };
});
