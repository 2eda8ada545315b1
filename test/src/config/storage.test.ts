import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";

const base = defaultConfigInput();

describe("storage:", () => {
  it("is the one switch: checkpoints (and so the server's tables) follow it", () => {
    const config = parseConfigValue({ ...base, storage: "postgres://postgres@127.0.0.1:5432/app" }, "switchyard.yaml");
    expect(config.checkpoints.url).toBe("postgres://postgres@127.0.0.1:5432/app");
  });

  it("agrees with a checkpoints.url that says the same, and keeps its lease settings", () => {
    const config = parseConfigValue({ ...base, storage: "postgres://db/app", checkpoints: { url: "postgres://db/app", lease: { ttl_ms: 9_000, heartbeat_ms: 3_000 } } }, "switchyard.yaml");
    expect(config.checkpoints).toEqual({ url: "postgres://db/app", lease: { ttl_ms: 9_000, heartbeat_ms: 3_000 } });
  });

  it("leaves checkpoints.url alone when storage is absent", () => {
    expect(parseConfigValue({ ...base, checkpoints: { url: "./state.db" } }, "switchyard.yaml").checkpoints.url).toBe("./state.db");
  });

  it("refuses storage and checkpoints.url naming different places, with both values and the fix", () => {
    let caught: unknown;
    try {
      parseConfigValue({ ...base, storage: "postgres://db/app", checkpoints: { url: ".switchyard/state.db" } }, "switchyard.yaml");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const text = String((caught as Error).message);
    expect(text).toContain("storage");
    expect(text).toContain("postgres://db/app");
    expect(text).toContain(".switchyard/state.db");
    expect(text).toMatch(/keep only storage/);
  });

  it("checks the URL like checkpoints.url does", () => {
    expect(() => parseConfigValue({ ...base, storage: "postgress://db/app" }, "switchyard.yaml")).toThrow(/storage[\s\S]*not a usable URL/);
  });
});
