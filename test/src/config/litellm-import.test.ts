import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { importCommand } from "../../../src/cli/commands/import-litellm.ts";
import { ConfigError, loadConfig, parseConfigText } from "../../../src/config/index.ts";
import { importLitellm, type ImportNote } from "../../../src/config/litellm-import.ts";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures/litellm");
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");

/** Every leaf of a parsed YAML document, as `a.b[0].c` paths. */
function leaves(value: unknown, at = ""): string[] {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((item, index) => leaves(item, `${at}[${index}]`));
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, at === "" ? key : `${at}.${key}`));
  }
  return [at];
}

/** The note that accounts for a leaf: one on the leaf itself or on a container above it. */
function accountFor(notes: readonly ImportNote[], leaf: string): ImportNote | undefined {
  return notes.find((note) => leaf === note.path || leaf.startsWith(`${note.path}.`) || leaf.startsWith(`${note.path}[`));
}

const note = (notes: readonly ImportNote[], notePath: string) => notes.find((candidate) => candidate.path === notePath);

describe("switchyard import litellm", () => {
  it.each(["quickstart.yaml", "load-balancing.yaml", "mixed-providers.yaml"])("%s: loads with our config loader, and not one setting is dropped silently", (name) => {
    const text = read(name);
    const imported = importLitellm(text, name);
    expect(() => parseConfigText(imported.yaml, `${name} imported`)).not.toThrow();
    const unaccounted = leaves(parse(text)).filter((leaf) => accountFor(imported.notes, leaf) === undefined);
    expect(unaccounted).toEqual([]);
  });

  it("maps a quick-start proxy: one group per model_name, keys by variable, rpm/tpm, real base URLs, the master key", () => {
    const { config, notes } = importLitellm(read("quickstart.yaml"), "quickstart.yaml");
    const loaded = parseConfigText(JSON.stringify(config), "quickstart");
    expect(loaded.deployments.map((deployment) => [deployment.id, deployment.provider, deployment.model, deployment.base_url, deployment.api_key_env])).toEqual([
      ["gpt-4o-1", "openai", "gpt-4o", "https://api.openai.com/v1", "OPENAI_API_KEY"],
      ["gemini-pro-2", "google-genai", "gemini-1.5-pro", "https://generativelanguage.googleapis.com", "GEMINI_API_KEY"],
      ["llama3-3", "ollama", "llama3", "http://localhost:11434", undefined],
    ]);
    expect(loaded.deployments[0]!.limits).toMatchObject({ rpm: 480, tpm: 100_000 });
    expect(loaded.model_groups.map((group) => group.name)).toEqual(["gpt-4o", "gemini-pro", "llama3"]);
    expect(loaded.server.auth?.api_keys_env).toBe("LITELLM_MASTER_KEY");
    expect(note(notes, "litellm_settings.drop_params")).toMatchObject({ status: "not_imported" });
  });

  it("maps router_settings: strategy and its args, cooldowns, retries, fallbacks, Redis; approximations say what changed", () => {
    const { config, notes } = importLitellm(read("load-balancing.yaml"), "load-balancing.yaml");
    const loaded = parseConfigText(JSON.stringify(config), "load-balancing");
    const mini = loaded.model_groups.find((group) => group.name === "gpt-4o-mini")!;
    expect(mini).toMatchObject({ deployments: ["mini-eu", "mini-us"], strategy: "latency", strategy_options: { latency_ttl_seconds: 60, latency_buffer: 0.1 }, fallbacks: ["gemini-flash"], context_window_fallback: "gemini-flash" });
    expect(loaded.model_groups.find((group) => group.name === "gemini-flash")?.fallbacks).toEqual(["local"]);
    expect(loaded.cooldown).toMatchObject({ allowed_fails: 3, cooldown_seconds: 30 });
    expect(loaded.retry).toMatchObject({ max_retries: 2, backoff: { initial_ms: 1000 }, per_error: { rate_limit: { retry_same: 3 }, timeout: { retry_same: 1 }, bad_request: { retry_same: 0 } } });
    expect(loaded.routing_state).toMatchObject({ backend: "redis", url: "redis://redis.internal:6379" });
    const [eu, us, flash, local] = loaded.deployments;
    expect(eu).toMatchObject({ id: "mini-eu", base_url: "https://eu.example-openai-gateway.com/v1", api_key_env: "OPENAI_EU_KEY", timeout_ms: 30_000, weight: 2, context_window: 128_000, limits: { rpm: 900, tpm: 200_000 } });
    expect(eu!.price.input_per_1m).toBeCloseTo(0.15);
    expect(us).toMatchObject({ id: "mini-us", timeout_ms: 45_000, limits: { rpm: 500, tpm: 90_000, max_concurrent: 10 } });
    expect(flash).toMatchObject({ provider: "google-genai", max_output_tokens: 2048 });
    expect(local).toMatchObject({ provider: "ollama", model: "llama3.1", base_url: "http://gpu-box:11434" });
    expect(note(notes, "router_settings.context_window_fallbacks[0]")).toMatchObject({ status: "approximated", note: expect.stringMatching(/local not imported/) });
    expect(note(notes, "router_settings.redis_password")).toMatchObject({ status: "not_imported" });
    expect(note(notes, "router_settings.allowed_fails_policy.RateLimitErrorAllowedFails")).toMatchObject({ status: "not_imported" });
    expect(note(notes, "model_list[3].litellm_params.stream_timeout")).toMatchObject({ status: "not_imported" });
  });

  it("names every deployment it could not bring over and why, and never writes a literal key", () => {
    const { yaml, config, notes } = importLitellm(read("mixed-providers.yaml"), "mixed-providers.yaml");
    expect(yaml).not.toMatch(/sk-literal|sk-1234/);
    const loaded = parseConfigText(JSON.stringify(config), "mixed");
    expect(loaded.deployments.map((deployment) => deployment.id)).toEqual(["gpt-4-3"]);
    expect(loaded.deployments[0]).toMatchObject({ provider: "openai", model: "gpt-4o", api_key_env: "GPT_4_3_API_KEY", timeout_ms: 120_000 });
    expect(note(notes, "model_list[0]")).toMatchObject({ status: "not_imported", note: expect.stringMatching(/provider azure/) });
    expect(note(notes, "model_list[1]")).toMatchObject({ status: "not_imported", note: expect.stringMatching(/provider anthropic/) });
    expect(note(notes, "model_list[3]")).toMatchObject({ status: "not_imported", note: expect.stringMatching(/embedding/) });
    expect(note(notes, "model_list[2].litellm_params.api_key")).toMatchObject({ status: "approximated", note: expect.stringMatching(/export GPT_4_3_API_KEY/) });
    expect(note(notes, "router_settings.routing_strategy")).toMatchObject({ status: "not_imported", note: expect.stringMatching(/provider-budget-routing/) });
    expect(note(notes, "litellm_settings.fallbacks[0]")).toMatchObject({ status: "not_imported", note: expect.stringMatching(/not imported/) });
    expect(loaded.telemetry?.tracing?.enabled).toBe(true);
    expect(note(notes, "general_settings.master_key")).toMatchObject({ status: "approximated", to: "server.auth.api_keys_env" });
    expect(note(notes, "environment_variables.LANGFUSE_HOST")).toMatchObject({ status: "not_imported" });
  });

  it("refuses a file that is no LiteLLM config, and one with nothing importable, saying what would fix it", () => {
    expect(() => importLitellm("deployments: []\n", "ours.yaml")).toThrow(ConfigError);
    expect(() => importLitellm("model_list:\n  - model_name: c\n    litellm_params: { model: anthropic/claude }\n", "c.yaml")).toThrow(/Fix: add at least one openai\/, gemini\/ or ollama\/ model/);
  });

  it("the command writes --out that `loadConfig` reads", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-import-")), "switchyard.yaml");
    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => void logged.push(line);
    try {
      expect(await importCommand(["litellm", path.join(fixtures, "load-balancing.yaml"), "--out", out])).toBe(0);
    } finally {
      console.log = log;
    }
    expect(loadConfig(out).config.deployments).toHaveLength(4);
    expect(logged.join("\n")).toMatch(/mapped, \d+ approximated, \d+ not imported[\s\S]*router_settings\.redis_password/);
  });
});
