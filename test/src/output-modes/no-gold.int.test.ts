import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../../graphs/index.ts";
import { defaultProfile, emulatorLauncher } from "../../../src/emulators/index.ts";
import type { ModeOutcome } from "../../../src/output-modes/mode-statistics.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";
import { workloadTasks } from "../../../src/workload/index.ts";

const root = path.resolve(import.meta.dirname, "../../..");

/** Every .ts file under a folder of the request path. */
function sources(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts")).map((file) => path.join(folder, file));
}

describe("no gold label reaches the request path", () => {
  it("no file of the request path reads gold labels, scores against them, or reads task_id", () => {
    // The study and its simulated user, which play the user afterwards, live in bench/triad/: no exception is needed here.
    const files = ["nodes", "graphs", "src/runtime", "src/routing", "src/guardian", "src/output-modes", "src/server", "src/backends", "src/memory", "src/verification"].flatMap(sources);
    // The workload's `task_id` names a gold label; an A2A task's id is spelled `a2a_task_id`, another concept.
    const offenders = files.filter((file) => /\bisCorrect\b|\.gold\b|\btask_id\b|scoreCorrect|workloadTasks/.test(fs.readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("a policy outcome cannot carry a correctness verdict: only validity, repair, latency, tokens and cost", () => {
    const outcome: ModeOutcome = { deployment: "d", mode: "emit", valid: true, latencyMs: 1, tokens: 1, costUsd: 0 };
    // @ts-expect-error `correct` is not part of what the policy learns from a call.
    const withGold: ModeOutcome = { ...outcome, correct: true };
    expect(withGold.valid).toBe(true);
  });

  it("a run whose task ids point at the wrong gold labels teaches the policy exactly what a run with the right ones does", async () => {
    const tasks = workloadTasks().slice(0, 24);
    const learn = async (taskIdOf: (index: number) => string) => {
      const random = seededRandom(5);
      // A clock that ticks per reading: latencies the policy learns from are the same in both runs, whatever the
      // machine's load (on the wall clock they differed and so did the learned weights).
      let tick = 1_000_000;
      const gateway = await createGateway({ emulators: emulatorLauncher({ profile: defaultProfile() }), checkpoints: ":memory:", seed: 5, random: () => random.next(), now: () => (tick += 1) });
      try {
        for (const [index, task] of tasks.entries()) {
          await gateway.invoke({ input: task.input, task_id: taskIdOf(index), deployment: "ollama-llama3.1", weights: { correctness: 1, latency: 0, cost: 0 } }, { threadId: `t${index}` });
        }
        return gateway.engine.policy.toJSON().statistics.map(({ deployment, mode, count, weight, valid, evidence, alarms }) => ({ deployment, mode, count, weight, valid, evidence, alarms }));
      } finally {
        await gateway.close();
      }
    };
    const right = await learn((index) => tasks[index]!.id);
    const wrong = await learn((index) => tasks[(index + 7) % tasks.length]!.id);
    expect(right.length).toBeGreaterThan(0);
    expect(wrong).toEqual(right);
  }, 60_000);
});
