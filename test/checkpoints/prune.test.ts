import { afterEach, describe } from "vitest";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "../../checkpoints/index.ts";
import { pruneCases } from "./prune-cases.ts";

describe("SwitchyardSqliteSaver.pruneThread (keep latest)", () => {
  let saver: SwitchyardSqliteSaver | undefined;
  afterEach(() => {
    saver?.database.close();
    saver = undefined;
  });
  const rows = (table: string) => async (threadId: string) => Number(saver?.database.prepare(`SELECT count(*) FROM ${table} WHERE thread_id = ?`).pluck().get(threadId));
  // The log outgrows the 256-byte inline limit after ~25 runs: later versions are sy_blobs rows.
  pruneCases(() => {
    saver = openSqliteSaver(":memory:");
    return { saver, checkpoints: rows("sy_checkpoints"), blobs: rows("sy_blobs") };
  }, 40);
});
