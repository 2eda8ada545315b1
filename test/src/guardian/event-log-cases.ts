import { expect, it } from "vitest";
import type { EventLog } from "../../../src/guardian/event-log.ts";
import type { GuardianEvent } from "../../../src/guardian/index.ts";

/** A quarantine event with defaults; a case overrides what it checks. */
export const event = (overrides: Partial<GuardianEvent> = {}): GuardianEvent => ({
  at: 1_000,
  category: "recovery",
  kind: "quarantine",
  subject: "gemini",
  reason: "latency p95 90 ms vs baseline 30 ms",
  evidence: { p95_ms: 90, baseline_p95_ms: 30 },
  ...overrides,
});

/** A log for one case, and a way to wait for its queued writes (a no-op for SQLite). */
export type OpenEventLog = () => Promise<{ log: EventLog; flush(): Promise<void>; close(): Promise<void> }>;

/** One contract, every EventLog: the SQLite file and Postgres answer these the same. */
export function eventLogCases(open: OpenEventLog): void {
  it("appends events and answers queries newest first, filtered, with their evidence", async () => {
    const { log, flush, close } = await open();
    try {
      log.record(event());
      log.record(event({ at: 2_000, category: "security", kind: "verification_block", subject: "thread:t1", evidence: { blocked: true } }));
      log.record(event({ at: 3_000, category: "restore" }));
      await flush();
      expect((await log.query()).map((row) => row.category)).toEqual(["restore", "security", "recovery"]);
      expect(await log.query({ category: "security" })).toMatchObject([{ kind: "verification_block", subject: "thread:t1", evidence: { blocked: true } }]);
      expect(await log.query({ since: 2_500 })).toHaveLength(1);
      expect(await log.query({ subject: "gemini", kind: "quarantine", limit: 1 })).toMatchObject([{ category: "restore", at: 3_000 }]);
      expect((await log.query({ kind: "quarantine", since: 0, limit: 5 })).map((row) => row.at)).toEqual([3_000, 1_000]);
    } finally {
      await close();
    }
  });

  it("keeps one baseline snapshot per name, replaced on save", async () => {
    const { log, close } = await open();
    try {
      expect(await log.loadSnapshot("default")).toBeUndefined();
      await log.saveSnapshot("default", 1, { version: 1, keys: [] });
      await log.saveSnapshot("default", 2, { version: 1, keys: ["a"] });
      expect(await log.loadSnapshot("default")).toEqual({ savedAt: 2, snapshot: { version: 1, keys: ["a"] } });
    } finally {
      await close();
    }
  });
}
