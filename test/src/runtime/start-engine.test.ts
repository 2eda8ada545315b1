import { describe, expect, it } from "vitest";
import { EmulatorsRequiredError } from "../../../src/backends/emulated-backends.ts";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { startEngine } from "../../../src/runtime/start-engine.ts";

describe("startEngine", () => {
  it("refuses a config with emulated deployments when no launcher is given, naming them and the fix", async () => {
    const config = parseConfigValue(defaultConfigInput(), "test");
    const started = startEngine({ config });
    await expect(started).rejects.toThrow(EmulatorsRequiredError);
    await expect(startEngine({ config })).rejects.toThrow(/openai-gpt-4o-mini.*emulatorLauncher/);
  });
});

describe("startEngine's output-mode policy", () => {
  const outcome = (mode: "emit" | "compressed") => ({ deployment: "openai-gpt-4o-mini", mode, valid: true, latencyMs: 100, tokens: 300, costUsd: 0.0001 });

  it("ages a rival mode by output_modes.idle_discount while another mode serves, and by the deployment's calls without it", async () => {
    const kept: number[] = [];
    for (const idle of [undefined, 0.9995]) {
      const input = defaultConfigInput() as { output_modes?: Record<string, unknown> };
      input.output_modes = { ...input.output_modes, ...(idle === undefined ? {} : { idle_discount: idle }) };
      const engine = await startEngine({ config: parseConfigValue(input, "test"), emulators: emulatorLauncher({ profile: quietProfile() }) });
      try {
        engine.policy.record(outcome("compressed"));
        for (let call = 0; call < 400; call += 1) engine.policy.record(outcome("emit"));
        kept.push(engine.policy.statisticsOf("openai-gpt-4o-mini", "compressed")?.weight ?? 0);
      } finally {
        await engine.close();
      }
    }
    // 0.995^400 ≈ 0.13 of the one call is left by the deployment clock; 0.9995^400 ≈ 0.82 by the idle factor.
    expect(kept[0]).toBeLessThan(0.2);
    expect(kept[1]).toBeGreaterThan(0.75);
  });
});
