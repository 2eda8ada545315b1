import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, ConfigNotFoundError, loadConfig, parseConfigText } from "../../../src/config/index.ts";

const valid = `
deployments:
  - id: a
    provider: openai
    model: gpt-4o-mini
  - id: b
    provider: ollama
    model: llama3.1
model_groups:
  - name: g
    deployments: [a, b]
`;

function problemsOf(text: string): string {
  try {
    parseConfigText(text, "bad.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected the config to be refused");
}

describe("loadConfig", () => {
  it("uses the built-in default when no file is given", () => {
    const { config, source } = loadConfig();
    expect(source).toBe("(built-in default)");
    expect(config.deployments.map((deployment) => deployment.provider)).toEqual(["openai", "google-genai", "ollama"]);
    expect(config.deployments.every((deployment) => deployment.base_url === "emulator")).toBe(true);
  });

  it("reads the shipped example to the same config as the built-in default", () => {
    const fromFile = loadConfig("switchyard.example.yaml").config;
    expect(fromFile).toEqual(loadConfig().config);
  });

  it("fills defaults for a minimal file", () => {
    const config = parseConfigText(valid, "ok.yaml");
    expect(config.model_groups[0]?.strategy).toBe("weighted");
    expect(config.retry.max_retries).toBe(3);
    expect(config.checkpoints.url).toBe(".switchyard/state.db");
  });

  it("names a missing file and the fix", () => {
    const missing = path.join(os.tmpdir(), "no-such-switchyard.yaml");
    expect(() => loadConfig(missing)).toThrow(ConfigNotFoundError);
    expect(() => loadConfig(missing)).toThrow(/does not exist.*--config/);
  });
});

describe("bad configs", () => {
  const cases: { name: string; text: string; expected: RegExp[] }[] = [
    {
      name: "unknown key with a did-you-mean",
      text: valid.replace("model: gpt-4o-mini", "model: gpt-4o-mini\n    modle: x"),
      expected: [/bad\.yaml:\d+:\d+ deployments\[0\]\.modle: unknown key "modle"/, /did you mean "model"\?/],
    },
    {
      name: "misspelt provider",
      text: valid.replace("provider: openai", "provider: opeanai"),
      expected: [/deployments\[0\]\.provider/, /got "opeanai"/, /did you mean "openai"\?/],
    },
    {
      name: "group naming an unknown deployment",
      text: valid.replace("deployments: [a, b]", "deployments: [a, c]"),
      expected: [/model_groups\[0\]\.deployments\[1\]: no deployment is named "c"/, /use one of: a, b|did you mean/],
    },
    {
      name: "missing required model",
      text: valid.replace("    model: llama3.1\n", ""),
      expected: [/deployments\[1\]\.model: required string is missing/, /Fix: add this string/],
    },
    {
      name: "negative price",
      text: valid.replace("model: gpt-4o-mini", "model: gpt-4o-mini\n    price: { input_per_1m: -1, output_per_1m: 0 }"),
      expected: [/deployments\[0\]\.price\.input_per_1m/, /got -1/, />= 0/],
    },
    {
      name: "rpm as text",
      text: valid.replace("model: gpt-4o-mini", "model: gpt-4o-mini\n    limits: { rpm: lots }"),
      expected: [/deployments\[0\]\.limits\.rpm/, /got "lots"/, /write a number/],
    },
    {
      name: "unknown strategy",
      text: valid.replace("deployments: [a, b]", "deployments: [a, b]\n    strategy: fastest"),
      expected: [/model_groups\[0\]\.strategy/, /use one of: weighted, least-busy/],
    },
    {
      name: "duplicate deployment id",
      text: valid.replace("id: b", "id: a"),
      expected: [/deployments\[1\]\.id: duplicate deployment id/, /unique/],
    },
    {
      name: "fallback to an unknown group",
      text: valid.replace("deployments: [a, b]", "deployments: [a, b]\n    fallbacks: [gg]"),
      expected: [/model_groups\[0\]\.fallbacks\[0\]: no model group is named "gg"/, /did you mean "g"\?/],
    },
    {
      name: "base_url that is not a URL",
      text: valid.replace("model: llama3.1", "model: llama3.1\n    base_url: localhost-11434"),
      expected: [/deployments\[1\]\.base_url/, /full URL/],
    },
    {
      name: "api_key_env holding a key instead of a name",
      text: valid.replace("model: gpt-4o-mini", "model: gpt-4o-mini\n    api_key_env: sk-abc123"),
      expected: [/deployments\[0\]\.api_key_env/, /environment variable name/],
    },
    {
      name: "empty model group",
      text: valid.replace("deployments: [a, b]", "deployments: []"),
      expected: [/model_groups\[0\]\.deployments/, /at least one deployment/],
    },
    {
      name: "YAML syntax error with its line",
      text: "deployments:\n  - id: a\n   provider: [openai\n",
      expected: [/bad\.yaml:\d+:\d+/, /YAML syntax error/],
    },
    {
      name: "unknown top-level section",
      text: `${valid}\nzzz_unknown: 1\n`,
      expected: [/zzz_unknown: unknown key/, /valid keys here: version, deployments/],
    },
    {
      name: "output mode default misspelt",
      text: `${valid}\noutput_modes:\n  defaults: { openai: emitt }\n`,
      expected: [/output_modes\.defaults\.openai/, /did you mean "emit"\?/],
    },
    {
      name: "shadow max_rate below rate",
      text: `${valid}\noutput_modes:\n  shadow: { rate: 0.2, max_rate: 0.1 }\n`,
      expected: [/output_modes\.shadow\.max_rate/, /must be at least shadow\.rate/, /Fix: raise max_rate/],
    },
  ];

  it("reads the shadow's uncertainty ceiling and arbitration, defaulting to 4 x rate and on", () => {
    expect(parseConfigText(`${valid}\noutput_modes:\n  shadow: { rate: 0.05 }\n`, "a.yaml").output_modes.shadow).toMatchObject({ rate: 0.05, arbitrate: true });
    expect(parseConfigText(`${valid}\noutput_modes:\n  shadow: { rate: 0.05, max_rate: 0.05, arbitrate: false }\n`, "a.yaml").output_modes.shadow).toMatchObject({ max_rate: 0.05, arbitrate: false });
  });

  it.each(cases)("$name", ({ text, expected }) => {
    const message = problemsOf(text);
    for (const pattern of expected) expect(message).toMatch(pattern);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it("reports every problem in one pass", () => {
    const message = problemsOf(valid.replace("provider: openai", "provider: x").replace("deployments: [a, b]", "deployments: [a, z]"));
    expect(message).toMatch(/has 1 problem|has 2 problems/);
  });

  it("reads a config file from disk with its path in the message", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-")), "switchyard.yaml");
    fs.writeFileSync(file, valid.replace("provider: openai", "provider: azure"));
    expect(() => loadConfig(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+ deployments\\[0\\]\\.provider`));
  });
});
