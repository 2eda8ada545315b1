import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultProfile, EmulatorProfileError, loadEmulatorProfile, quietProfile, resolveBehaviour } from "../../../src/emulators/index.ts";

const folder = mkdtempSync(join(tmpdir(), "switchyard-profile-"));

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe("loadEmulatorProfile", () => {
  it("reads YAML, fills what it leaves out from the default profile", () => {
    const path = write("flaky.yaml", ["seed: 11", "backends:", "  openai:", "    errors:", "      rateLimit: 0.5", "models:", "  gpt-4o:", "    latency:", "      ttftMs: 5"].join("\n"));
    const profile = loadEmulatorProfile(path);
    expect(profile.seed).toBe(11);
    expect(profile.backends.openai.errors.rateLimit).toBe(0.5);
    expect(profile.backends.openai.latency).toEqual(defaultProfile().backends.openai.latency);
    expect(resolveBehaviour(profile, "openai", "gpt-4o", "emit").latency.ttftMs).toBe(5);
    expect(resolveBehaviour(profile, "openai", "gpt-4o-mini", "emit").latency.ttftMs).toBe(defaultProfile().backends.openai.latency.ttftMs);
  });

  it("reads JSON", () => {
    const path = write("quiet.json", JSON.stringify({ backends: quietProfile().backends }));
    expect(loadEmulatorProfile(path).backends.gemini.errors.serverError).toBe(0);
  });

  it("names the file, field path, value and fix of an invalid field", () => {
    const path = write("bad.yaml", "backends:\n  gemini:\n    fidelity:\n      brokenJson: 1.5\n");
    let error: unknown;
    try {
      loadEmulatorProfile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EmulatorProfileError);
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).toContain("backends.gemini.fidelity.brokenJson");
    expect(message).toContain("1.5");
    expect(message).toContain("between 0 and 1");
  });

  it("refuses unknown keys and unreadable files with the same error class", () => {
    expect(() => loadEmulatorProfile(write("typo.yaml", "backend:\n  openai: {}\n"))).toThrow(/backend/);
    expect(() => loadEmulatorProfile(join(folder, "absent.yaml"))).toThrow(EmulatorProfileError);
    expect(() => loadEmulatorProfile(write("broken.json", "{"))).toThrow(/not valid JSON/);
  });
});

describe("resolveBehaviour", () => {
  it("applies per-mode fidelity of the provider, and model overrides on top", () => {
    const profile = defaultProfile();
    expect(resolveBehaviour(profile, "ollama", "llama3.1", "emit").fidelity.brokenJson).toBeGreaterThan(resolveBehaviour(profile, "ollama", "llama3.1", "compressed").fidelity.brokenJson);
    profile.models = { "llama3.1": { fidelity: { brokenJson: 0 } } };
    expect(resolveBehaviour(profile, "ollama", "llama3.1", "emit").fidelity.brokenJson).toBe(0);
  });
});
