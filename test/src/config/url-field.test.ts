import { ConfigError, defaultConfigInput, parseConfigText, parseConfigValue } from "../../../src/config/index.ts";
import { urlProblem } from "../../../src/config/url-field.ts";

const base = defaultConfigInput();

/** The message of the ConfigError the value raises; fails the test when the config is accepted. */
function refusal(extra: Record<string, unknown>): string {
  try {
    parseConfigValue({ ...base, ...extra }, "switchyard.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected the config to be refused");
}

const withBaseUrl = (baseUrl: string) => ({ deployments: base.deployments.map((deployment, index) => (index === 2 ? { ...deployment, base_url: baseUrl } : deployment)) });

describe("URLs are checked at config load", () => {
  it.each([
    ["htp:/bad url", /the scheme "htp" is not "http" or "https"; it contains a space/],
    ["http:/127.0.0.1:11434", /"http:" must be followed by "\/\/" and a host/],
    ["http://", /its host or port cannot be parsed/],
    ["localhost:11434", /the scheme "localhost" is not "http" or "https"/],
    ["127.0.0.1:11434", /it has no scheme/],
    ["ftp://models.example.com", /the scheme "ftp"/],
    ["http://host:99999", /its host or port cannot be parsed/],
  ])("base_url %j is refused with the field, the value and the fix", (value, reason) => {
    const message = refusal(withBaseUrl(value));
    expect(message).toContain(`deployments[2].base_url: not a usable URL`);
    expect(message).toMatch(reason);
    expect(message).toContain(`(got ${JSON.stringify(value)})`);
    expect(message).toMatch(/Fix: write a full URL such as http:\/\/127\.0\.0\.1:11434, or the word emulator$/);
  });

  it("names the file, line and column when the URL comes from YAML", () => {
    const text = "deployments:\n  - id: a\n    provider: ollama\n    model: llama3.1\n    base_url: \"htp:/bad url\"\nmodel_groups:\n  - name: g\n    deployments: [a]\n";
    expect(() => parseConfigText(text, "bad.yaml")).toThrow(/bad\.yaml:5:15 deployments\[0\]\.base_url: not a usable URL/);
  });

  it("accepts real URLs and the word emulator", () => {
    for (const value of ["http://127.0.0.1:11434", "https://api.openai.com/v1", "http://[::1]:8080", "emulator"]) {
      expect(parseConfigValue({ ...base, ...withBaseUrl(value) }, "ok").deployments[2]?.base_url).toBe(value);
    }
  });

  it("checks the Redis, webhook and Postgres URLs too, each with its own example", () => {
    expect(refusal({ routing_state: { backend: "redis", url: "redis:/127.0.0.1" } })).toMatch(/routing_state\.url: .*Fix: write a full URL such as redis:\/\/127\.0\.0\.1:6379/);
    expect(refusal({ guardian: { webhook: { url: "hooks.example.com" } } })).toMatch(/guardian\.webhook\.url: not a usable URL: it has no scheme/);
    expect(refusal({ checkpoints: { url: "postgress://127.0.0.1/test" } })).toMatch(/checkpoints\.url: .*the scheme "postgress".*Fix: write a SQLite file path, :memory:, or a URL such as postgres:/);
  });

  it("leaves SQLite paths alone, Windows drives included", () => {
    for (const url of [".switchyard/state.db", ":memory:", "C:/data/state.db", "postgresql://postgres@127.0.0.1:5432/test"]) {
      expect(parseConfigValue({ ...base, checkpoints: { url } }, "ok").checkpoints.url).toBe(url);
    }
  });

  it("urlProblem is undefined only for a URL of an allowed scheme with a host", () => {
    expect(urlProblem("https://example.com", ["http", "https"])).toBeUndefined();
    expect(urlProblem("HTTPS://example.com", ["http", "https"])).toBeUndefined();
    expect(urlProblem("https:example.com", ["http", "https"])).toMatch(/must be followed by/);
  });
});
