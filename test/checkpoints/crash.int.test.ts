import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../../src/workload/seeded-random.ts";
import { runCrashTrial, type CrashGraphName } from "../fixtures/checkpoints/crash-trial.ts";

// kill -9 mid-run: each trial's child reports durable checkpoints, is killed after a seeded number of them,
// and the file must be intact, hold every reported checkpoint and resume to the end. Half the trials run
// the real gateway graph (four requests on one thread, on the quiet emulators), half the small stand-in.

const trials = process.env.CI === "true" ? 50 : 10;
const shapes: Record<CrashGraphName, { steps: number; commits: number }> = {
  // A 6-step run of the stand-in graph commits about 4 * steps + 2 checkpoints.
  "stand-in": { steps: 6, commits: 4 * 6 + 2 },
  // Each gateway request commits at least three root checkpoints (input, the start step, accept with the first
  // attempt; a retry adds call_model's and check_output's), so kills land within the first three requests: a
  // kill drawn for the last request's commits can reach a child that has already finished.
  gateway: { steps: 4, commits: 3 * 3 },
};
const random = seededRandom(20250101);
const plan = Array.from({ length: trials }, (_, index) => {
  const graph: CrashGraphName = index % 2 === 0 ? "gateway" : "stand-in";
  return { index, graph, killAfter: random.integer(1, shapes[graph].commits - 1) };
});

// vitest runs up to maxConcurrency (5) concurrent tests; children are CPU-bound, so admit two at a time.
let admitted = 0;
const waiting: Array<() => void> = [];
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (admitted >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  admitted += 1;
  try {
    return await work();
  } finally {
    admitted -= 1;
    waiting.shift()?.();
  }
}

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
    "trial $index ($graph): killed after $killAfter commits, nothing committed is lost and the thread resumes",
    async ({ index, graph, killAfter }) => {
      const file = join(directory, `trial-${index}.db`);
      const result = await withSlot(() => runCrashTrial({ file, steps: shapes[graph].steps, killAfter, graph }));
      expect(result.killed).toBe(true);
      expect(result.committed.length).toBeGreaterThanOrEqual(killAfter);
      expect(result.integrity).toBe("ok");
      expect(result.missing).toEqual([]);
      expect(result.resumedComplete, `the resumed run ended in ${result.finalState}`).toBe(true);
    },
    // Queued trials wait for a slot inside this budget; a loaded 2-core machine needs the room.
    600_000,
  );
});
