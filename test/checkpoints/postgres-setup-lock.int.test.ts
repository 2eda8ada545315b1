import { describe, expect, it } from "vitest";
import { openPersistence } from "../../checkpoints/index.ts";
import { PostgresActionLedger } from "../../checkpoints/postgres-action-ledger.ts";
import { withDatabase } from "../fixtures/server/crash-serve.ts";
import { postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";

const available = await serviceAvailable("postgres");

// Replicas started together each set up the same tables on an empty database. Without the setup lock the
// second CREATE TABLE IF NOT EXISTS failed on pg_type_typname_nsp_index and the replica exited (kill trials).
describe.skipIf(!available)("setting up Postgres persistence from several processes at once", () => {
  it("opens four persistences and four action ledgers on one empty database, all at once", async () => {
    await withDatabase(postgresUrl, runScopedName("switchyard_setup_race").toLowerCase(), async (url) => {
      const opened = await Promise.allSettled([...Array.from({ length: 4 }, () => openPersistence(url)), ...Array.from({ length: 4 }, () => PostgresActionLedger.open(url))]);
      const failures = opened.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
      await Promise.all(opened.map((result) => (result.status === "fulfilled" ? result.value.close() : undefined)));
      expect(failures).toEqual([]);
    });
  }, 60_000);
});
