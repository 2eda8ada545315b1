import { ConfigError, parseConfigText } from "../../../src/config/index.ts";

const gemini = (extra: string) => `
deployments:
  - id: flash
    provider: google-genai
    model: gemini-2.5-flash
${extra}
model_groups:
  - name: g
    deployments: [flash]
`;

describe("API keys a deployment cannot run without", () => {
  it("a real Gemini deployment without api_key_env is refused at load, naming the field and the fix", () => {
    const load = () => parseConfigText(gemini("    base_url: https://generativelanguage.googleapis.com"), "gemini.yaml");
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/deployments\[0\]\.api_key_env: a google-genai deployment outside the emulator needs an API key\. Fix: add api_key_env: GEMINI_API_KEY/);
  });

  it("passes with api_key_env, and on the emulator", () => {
    expect(() => parseConfigText(gemini("    base_url: https://generativelanguage.googleapis.com\n    api_key_env: GEMINI_API_KEY"), "ok.yaml")).not.toThrow();
    expect(() => parseConfigText(gemini(""), "ok.yaml")).not.toThrow();
  });
});
