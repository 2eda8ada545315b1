import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteActionLedger } from "../../checkpoints/index.ts";
import { MemoryActionLedger } from "../../src/verification/memory-action-ledger.ts";
import { describeActionLedgerCases } from "./action-ledger-cases.ts";

describeActionLedgerCases("memory", async () => ({ ledger: new MemoryActionLedger(() => 1), close: async () => undefined }));

describeActionLedgerCases("SQLite", async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
  const database = new Database(path.join(directory, "ledger.db"));
  return {
    ledger: new SqliteActionLedger(database, { now: () => 1 }),
    close: async () => {
      database.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
});
