import { describe, expect, it } from "vitest";
import { createGateway } from "../../../graphs/index.ts";
import type { SwitchyardConfig } from "../../../src/config/schema.ts";
import { loadConfig } from "../../../src/config/load.ts";
import { defaultProfile, emulatorLauncher } from "../../../src/emulators/index.ts";
import { OUTPUT_MODES } from "../../../src/output-modes/protocol.ts";
import { runTriadStudy } from "../../../bench/triad/triad-study.ts";

describe("runTriadStudy on the emulators (a small run)", () => {
  it("covers the 48 configurations, every policy on every backend, a goal per backend, and runs with the guardian on", async () => {
    const opened: SwitchyardConfig[] = [];
    const result = await runTriadStudy({
      config: loadConfig().config,
      open: async (config) => {
        opened.push(config);
        const gateway = await createGateway({ checkpoints: ":memory:", emulators: emulatorLauncher({ profile: defaultProfile() }), config });
        return { invoke: (request, options) => gateway.invoke(request, options), feedback: (input) => gateway.feedback(input), close: () => gateway.close() };
      },
      repetitions: 1,
      policyRequests: 2,
      concurrency: 4,
    });
    expect(result.cells).toHaveLength(48);
    expect(result.cells.every((cell) => cell.requests === 1)).toBe(true);
    const policies = new Set(result.policies.map((cell) => cell.policy));
    expect([...policies].sort()).toEqual([...OUTPUT_MODES.map((mode) => `fixed ${mode}`), "per-backend defaults", "adaptive"].sort());
    expect(result.policies).toHaveLength(policies.size * 3);
    expect(result.goals.map((goal) => goal.backend).sort()).toEqual(["gemini-2.5-flash", "ollama-llama3.1", "openai-gpt-4o-mini"]);
    // One factorial gateway and one per policy, all with the guardian on, as production runs.
    expect(opened).toHaveLength(1 + policies.size);
    expect(opened.every((config) => config.guardian?.enabled === true)).toBe(true);
    expect(result.signals.find((signal) => signal.policy === "adaptive")).toMatchObject({ validity: true, feedbackRate: 0.15, shadowRate: 0.05 });
    expect(result.signals.filter((signal) => signal.policy.startsWith("fixed")).every((signal) => signal.feedbackRate === 0)).toBe(true);
    expect(opened.filter((config) => config.output_modes.policy === "fixed")).toHaveLength(OUTPUT_MODES.length + 1);
  }, 120_000);
});
