import { DEFAULT_OUTPUT_MODES, defaultConfigInput, OUTPUT_MODES, parseConfigText, parseConfigValue, providers } from "../../../src/config/index.ts";

const minimal = `
deployments:
  - { id: a, provider: google-genai, model: gemini-2.5-flash }
model_groups:
  - { name: g, deployments: [a] }
`;

describe("the output-mode names and each provider's default mode, defined once", () => {
  it("are what a config without output_modes gets", () => {
    const config = parseConfigText(minimal, "switchyard.yaml");
    expect(config.output_modes.defaults).toEqual(DEFAULT_OUTPUT_MODES);
    expect(config.output_modes.allowed).toEqual([...OUTPUT_MODES]);
  });

  it("fill the providers a partial output_modes.defaults leaves out", () => {
    const config = parseConfigValue({ ...defaultConfigInput(), output_modes: { defaults: { ollama: "emit" } } }, "switchyard.yaml");
    expect(config.output_modes.defaults).toEqual({ ...DEFAULT_OUTPUT_MODES, ollama: "emit" });
  });

  it("name a default for every provider, and only modes that exist", () => {
    expect(Object.keys(DEFAULT_OUTPUT_MODES).sort()).toEqual([...providers].sort());
    for (const mode of Object.values(DEFAULT_OUTPUT_MODES)) expect(OUTPUT_MODES).toContain(mode);
  });

  it("refuse a mode outside the list, naming the field", () => {
    expect(() => parseConfigValue({ ...defaultConfigInput(), output_modes: { allowed: ["emit", "fast"] } }, "switchyard.yaml")).toThrow(/output_modes\.allowed\[1\]/);
  });
});
