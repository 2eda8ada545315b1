import { openDatabase, SqliteThreadLeases } from "../../checkpoints/index.ts";
import { describeThreadLeaseCases } from "./thread-lease-cases.ts";

describeThreadLeaseCases("SQLite", async (clock, ttlMs) => {
  const database = openDatabase(":memory:");
  return { leases: new SqliteThreadLeases(database, { ttlMs, now: clock.now }), close: async () => void database.close() };
});
