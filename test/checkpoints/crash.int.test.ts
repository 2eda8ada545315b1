import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../../src/workload/seeded-random.ts";
import { runCrashTrial } from "../fixtures/checkpoints/crash-trial.ts";

// kill -9 mid-run: each trial's child reports durable checkpoints, is killed after a seeded number of them,
// and the file must be intact, hold every reported checkpoint and resume to the end.
const trials = process.env.CI === "true" ? 50 : 10;
const steps = 6;
// A 6-step run of the stand-in graph commits about 4 * steps + 2 checkpoints.
const expectedCommits = 4 * steps + 2;
const random = seededRandom(20250101);
const plan = Array.from({ length: trials }, (_, index) => ({ index, killAfter: random.integer(1, expectedCommits - 1) }));

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "switchyard-crash-"));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("crash safety of SwitchyardSqliteSaver under kill -9", () => {
  // Two trials at a time: each child spends most of its life starting node and loading LangGraph.
  it.concurrent.each(plan)(
    "trial $index: killed after $killAfter commits, nothing committed is lost and the thread resumes",
    async ({ index, killAfter }) => {
      const result = await runCrashTrial({ file: join(directory, `trial-${index}.db`), steps, killAfter });
      expect(result.killed).toBe(true);
      expect(result.committed.length).toBeGreaterThanOrEqual(killAfter);
      expect(result.integrity).toBe("ok");
      expect(result.missing).toEqual([]);
      expect(result.resumedComplete).toBe(true);
    },
    60_000,
  );
});
