import { describe, expect, it } from "vitest";
import { EmulatorsRequiredError } from "../../../src/backends/emulated-backends.ts";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { startEngine } from "../../../src/runtime/start-engine.ts";

describe("startEngine", () => {
  it("refuses a config with emulated deployments when no launcher is given, naming them and the fix", async () => {
    const config = parseConfigValue(defaultConfigInput(), "test");
    const started = startEngine({ config });
    await expect(started).rejects.toThrow(EmulatorsRequiredError);
    await expect(startEngine({ config })).rejects.toThrow(/openai-gpt-4o-mini.*emulatorLauncher/);
  });
});
