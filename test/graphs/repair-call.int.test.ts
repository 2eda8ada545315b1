import { describe, expect, it } from "vitest";
import { createGateway } from "../../graphs/index.ts";
import { defaultConfigInput } from "../../src/config/default-config.ts";
import { parseConfigValue } from "../../src/config/index.ts";
import { quietProfile, type EmulatorProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { workloadTasks, isCorrect } from "../../src/workload/index.ts";

const task = workloadTasks()[0]!;

/** Reconstruct answers on Ollama always miss a required field: local repair cannot invent it. */
function reconstructMissesFields(): EmulatorProfile {
  const profile = quietProfile();
  profile.modes = { ollama: { reconstruct: { missingField: 1 } } };
  return profile;
}

function configWith(repairCall: Record<string, unknown> | undefined) {
  const input = defaultConfigInput();
  const groups = [...(input.model_groups ?? []), { name: "repair", deployments: ["openai-gpt-4o-mini"], strategy: "weighted" as const }];
  return parseConfigValue({ ...input, model_groups: groups, output_modes: { ...(repairCall ? { repair_call: repairCall } : {}) } }, "repair-call.int.test");
}

const request = { input: task.input, task_id: task.id, deployment: "ollama-llama3.1", mode: "reconstruct" as const, max_attempts: 1 };

describe("the repair call (output_modes.repair_call) through the gateway", () => {
  it("repairs an answer local repair could not save with one call routed to the repair group, and books its spend", async () => {
    const gateway = await createGateway({ config: configWith({ group: "repair" }), emulators: emulatorLauncher({ profile: reconstructMissesFields() }), checkpoints: ":memory:", seed: 3 });
    try {
      const state = await gateway.invoke(request, { threadId: "repair-ok" });
      expect(state.status).toBe("succeeded");
      expect(state.output).toMatchObject({ valid: true, repaired: true });
      expect(isCorrect(task.gold, state.output?.structured)).toBe(true);
      const [attempt] = state.attempts;
      expect(attempt).toMatchObject({ deployment: "ollama-llama3.1", mode: "reconstruct", outcome: "ok", repair: { deployment: "openai-gpt-4o-mini", ok: true } });
      expect(attempt!.repair!.input_tokens).toBeGreaterThan(0);
      expect(attempt!.repair!.cost_usd).toBeGreaterThan(0);
      expect(gateway.engine.emulators!.stats().byBackend.openai).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it("without repair_call the same answer is refused as malformed and no extra call is made", async () => {
    const gateway = await createGateway({ config: configWith(undefined), emulators: emulatorLauncher({ profile: reconstructMissesFields() }), checkpoints: ":memory:", seed: 3 });
    try {
      const state = await gateway.invoke(request, { threadId: "repair-off" });
      expect(state.status).toBe("failed");
      expect(state.attempts).toMatchObject([{ outcome: "invalid_output", error_class: "malformed_output" }]);
      expect(state.attempts[0]!.repair).toBeUndefined();
      expect(gateway.engine.emulators!.stats().byBackend.openai).toBe(0);
    } finally {
      await gateway.close();
    }
  });

  it("a repair that fails too leaves the original failure standing, with the repair's reason and spend", async () => {
    const profile = reconstructMissesFields();
    profile.modes = { ...profile.modes, openai: { emit: { brokenJson: 1 } } };
    const gateway = await createGateway({ config: configWith({ group: "repair" }), emulators: emulatorLauncher({ profile: profile }), checkpoints: ":memory:", seed: 3 });
    try {
      const state = await gateway.invoke(request, { threadId: "repair-fails" });
      expect(state.status).toBe("failed");
      const [attempt] = state.attempts;
      expect(attempt).toMatchObject({ outcome: "invalid_output", error_class: "malformed_output", repair: { deployment: "openai-gpt-4o-mini", ok: false } });
      expect(attempt!.message).toMatch(/^schema: .*; /);
      expect(attempt!.repair!.message).toBeDefined();
      expect(gateway.engine.emulators!.stats().byBackend.openai).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it("names an unknown repair group with a suggestion", () => {
    expect(() => configWith({ group: "repiar" })).toThrow(/output_modes\.repair_call\.group[\s\S]*"repiar"[\s\S]*did you mean "repair"/);
  });
});
