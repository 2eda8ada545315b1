import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../graphs/index.ts";
import { quietProfile, type EmulatorProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import type { OutputMode } from "../../src/output-modes/protocol.ts";
import { TRIAD_MODES, triadDesign } from "../../bench/triad/triad-study.ts";
import { workloadTasks, isCorrect } from "../../src/workload/index.ts";
import { seededRandom } from "../../src/workload/seeded-random.ts";

const tasks = workloadTasks().slice(0, 3);
const deployments = ["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"] as const;

describe("every structuring mode on every provider, through the gateway and the emulators", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 5 });
  });
  afterAll(async () => gateway.close());

  const cells = deployments.flatMap((deployment) => TRIAD_MODES.map((variant) => ({ deployment, ...variant })));
  it.each(cells)("$deployment in $name answers the task set correctly on the first attempt", async ({ deployment, mode, emitMethod }) => {
    for (const task of tasks) {
      const state = await gateway.invoke(
        { input: task.input, task_id: task.id, deployment, mode, ...(emitMethod ? { output_contract: { emit_method: emitMethod } } : {}) },
        { threadId: `modes-${deployment}-${mode}-${emitMethod ?? ""}-${task.id}` },
      );
      expect(isCorrect(task.gold, state.output?.structured)).toBe(true);
      expect(state.attempts.map((attempt) => [attempt.mode, attempt.outcome])).toEqual([[mode, "ok"]]);
    }
  });

  it("the request's output_contract reaches the wire: a forced tool dodges Ollama's broken JSON, its response format does not", async () => {
    const profile = quietProfile();
    profile.modes = { ollama: { emit: { brokenJson: 1 } } };
    const broken = await createGateway({ emulators: emulatorLauncher({ profile: profile }), checkpoints: ":memory:", seed: 5 });
    try {
      const task = tasks[0]!;
      const request = { input: task.input, task_id: task.id, deployment: "ollama-llama3.1", mode: "emit" as const, max_attempts: 1 };
      const format = await broken.invoke({ ...request, output_contract: { emit_method: "json_schema" } }, { threadId: "contract-format" });
      const tool = await broken.invoke({ ...request, output_contract: { emit_method: "tool", schema_constraint: false, compact: true } }, { threadId: "contract-tool" });
      expect(format.attempts.map((attempt) => attempt.outcome)).toEqual(["invalid_output"]);
      expect(tool.attempts.map((attempt) => attempt.outcome)).toEqual(["ok"]);
      expect(isCorrect(task.gold, tool.output?.structured)).toBe(true);
    } finally {
      await broken.close();
    }
  });

  it("the factorial design has 48 distinct configurations on the default config", () => {
    const design = triadDesign(gateway.engine.config);
    expect(design).toHaveLength(48);
    expect(new Set(design.map((cell) => cell.name)).size).toBe(48);
    expect(new Set(design.map((cell) => JSON.stringify([cell.deployment, cell.mode, cell.contract]))).size).toBe(48);
  });
});

describe("adaptive policy convergence through the gateway", () => {
  /** Quiet, except that OpenAI's native emit always answers with broken JSON. */
  function emitBrokenOnOpenAI(): EmulatorProfile {
    const profile = quietProfile();
    profile.modes = { openai: { emit: { brokenJson: 1 } } };
    return profile;
  }

  it("stops choosing emit on the deployment where it is broken, keeps every answer valid, and leaves the others alone", async () => {
    const random = seededRandom(11);
    // A clock that ticks per reading: the latencies the policy weighs do not follow the machine's load.
    let tick = 1_000_000;
    const gateway = await createGateway({ emulators: emulatorLauncher({ profile: emitBrokenOnOpenAI() }), checkpoints: ":memory:", seed: 9, random: () => random.next(), now: () => (tick += 1) });
    try {
      const firstModes: OutputMode[] = [];
      for (const [index, task] of workloadTasks().slice(0, 60).entries()) {
        const state = await gateway.invoke({ input: task.input, task_id: task.id, deployment: "openai-gpt-4o-mini" }, { threadId: `converge-${index}` });
        expect(state.output?.valid).toBe(true);
        firstModes.push(state.attempts[0]!.mode);
      }
      // OpenAI's prior says emit: the policy starts there and has to learn its way out.
      expect(firstModes[0]).toBe("emit");
      const lateEmit = firstModes.slice(-30).filter((mode) => mode === "emit").length;
      expect(lateEmit).toBeLessThanOrEqual(1);

      const gemini = await gateway.invoke({ input: tasks[1]!.input, task_id: tasks[1]!.id, deployment: "gemini-2.5-flash" }, { threadId: "converge-gemini" });
      expect(gemini.attempts[0]?.mode).toBe("compressed");
    } finally {
      await gateway.close();
    }
  });
});
