/**
 * Soak of the crash test: 200 kill -9 trials (seeded), two at a time, each checking integrity, that every
 * reported checkpoint survived, and that the thread resumes to completion. Slow (child processes start
 * node and LangGraph); run on its own: `npx tsx bench/checkpoints-soak.ts`.
 * `SWITCHYARD_SOAK_GRAPH=gateway` runs the real gateway graph on the quiet emulators instead of the small
 * stand-in; `SWITCHYARD_SOAK_TRIALS=N` sets the number of trials.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../src/workload/seeded-random.ts";
import { crashGraphModules, runCrashTrial, type CrashGraphName } from "../test/fixtures/checkpoints/crash-trial.ts";
import type { BenchResult } from "./types.ts";

const trials = Number(process.env.SWITCHYARD_SOAK_TRIALS ?? 200);
const parallel = 2;
/** Steps per run and the commits a run makes at least (kills land before the last), as the crash test has them. */
const shapes: Record<CrashGraphName, { steps: number; commits: number }> = {
  "stand-in": { steps: 6, commits: 4 * 6 + 2 },
  gateway: { steps: 4, commits: 4 * 4 },
};

function soakGraph(): CrashGraphName {
  const name = process.env.SWITCHYARD_SOAK_GRAPH ?? "stand-in";
  if (name in crashGraphModules) return name as CrashGraphName;
  throw new Error(`SWITCHYARD_SOAK_GRAPH=${name} is not a crash graph; use one of ${Object.keys(crashGraphModules).join(", ")}`);
}

export async function run(): Promise<BenchResult> {
  const graph = soakGraph();
  const { steps, commits } = shapes[graph];
  const directory = mkdtempSync(join(tmpdir(), "switchyard-soak-"));
  const random = seededRandom(424242);
  const plan = Array.from({ length: trials }, (_, index) => ({ index, killAfter: random.integer(1, commits - 1) }));
  let failures = 0;
  let lost = 0;
  let corrupt = 0;
  let unresumed = 0;
  try {
    for (let start = 0; start < plan.length; start += parallel) {
      const batch = plan.slice(start, start + parallel);
      const results = await Promise.allSettled(
        batch.map(({ index, killAfter }) => runCrashTrial({ file: join(directory, `trial-${index}.db`), steps, killAfter, graph })),
      );
      for (const result of results) {
        if (result.status === "rejected") {
          failures += 1;
          continue;
        }
        if (result.value.integrity !== "ok") corrupt += 1;
        lost += result.value.missing.length;
        if (!result.value.resumedComplete) {
          unresumed += 1;
          console.error(`a trial did not resume to completion; its final state: ${result.value.finalState}`);
        }
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return {
    name: "checkpoints-soak",
    figures: [
      { metric: `kill -9 trials (${graph} graph)`, value: trials, unit: "trials" },
      { metric: "trials that failed to run", value: failures, unit: "trials", goal: 0 },
      { metric: "files failing integrity_check", value: corrupt, unit: "files", goal: 0 },
      { metric: "reported checkpoints lost", value: lost, unit: "checkpoints", goal: 0 },
      { metric: "threads that did not resume to completion", value: unresumed, unit: "threads", goal: 0 },
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table((await run()).figures);
}
