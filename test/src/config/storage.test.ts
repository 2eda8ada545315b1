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

describe("server.run_bus:", () => {
  it("takes a Redis URL and a key prefix, with defaults for what a run keeps", () => {
    const config = parseConfigValue({ ...base, server: { ...base.server, run_bus: { url: "redis://127.0.0.1:6379", key_prefix: "switchyard:prod" } } }, "switchyard.yaml");
    expect(config.server.run_bus).toEqual({ url: "redis://127.0.0.1:6379", key_prefix: "switchyard:prod", max_events_per_run: 10_000, retention_seconds: 600 });
  });

  it("refuses a URL that is not Redis and a prefix that could reach other keys, naming the field", () => {
    expect(() => parseConfigValue({ ...base, server: { ...base.server, run_bus: { url: "postgres://db/app" } } }, "switchyard.yaml")).toThrow(/run_bus[\s\S]*url/);
    expect(() => parseConfigValue({ ...base, server: { ...base.server, run_bus: { key_prefix: "prod:*" } } }, "switchyard.yaml")).toThrow(/key_prefix[\s\S]*letters, digits/);
  });
});

describe("server.storage_schema:", () => {
  it("names the Postgres schema of the server's tables", () => {
    const config = parseConfigValue({ ...base, storage: "postgres://db/app", server: { ...base.server, storage_schema: "switchyard_prod" } }, "switchyard.yaml");
    expect(config.server.storage_schema).toBe("switchyard_prod");
  });

  it("refuses a name that is not a plain lower-case identifier, naming the field and the fix", () => {
    for (const bad of ["Prod", "1st", "a-b", 'x"; DROP SCHEMA public; --', "a".repeat(64), ""]) {
      expect(() => parseConfigValue({ ...base, server: { ...base.server, storage_schema: bad } }, "switchyard.yaml"), bad).toThrow(/storage_schema[\s\S]*lower-case Postgres identifier/);
    }
  });
});
