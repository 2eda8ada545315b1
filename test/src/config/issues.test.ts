import { ConfigError, defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";

const base = defaultConfigInput();

function fixOf(extra: Record<string, unknown>): string {
  try {
    parseConfigValue({ ...base, ...extra }, "switchyard.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    return problems[0]!.fix;
  }
  throw new Error("expected the config to be refused");
}

describe("config hints say exactly what passes", () => {
  it("a field that must be > 0 says > 0, not >= 0", () => {
    expect(fixOf({ cooldown: { window_seconds: 0 } })).toBe("use a value > 0");
    expect(fixOf({ cooldown: { failure_rate_threshold: 0 } })).toBe("use a value > 0");
    expect(fixOf({ output_modes: { idle_discount: 0 } })).toBe("use a value > 0");
  });

  it("inclusive bounds keep >= and <=", () => {
    expect(fixOf({ output_modes: { max_exploration: -0.1 } })).toBe("use a value >= 0");
    expect(fixOf({ server: { port: 70_000 } })).toBe("use a value <= 65535");
  });

  it("whole numbers, quoted numbers, empty strings and empty lists get a fix of their own", () => {
    expect(fixOf({ requests: { max_attempts: 1.5 } })).toBe("write a whole number here");
    expect(fixOf({ requests: { deadline_ms: "5000" } })).toBe("write the number without quotes: 5000");
    expect(fixOf({ server: { host: "" } })).toBe("write a non-empty string");
    expect(fixOf({ output_modes: { allowed: [] } })).toBe("list at least 1 item");
  });

  it("a union names its accepted forms", () => {
    expect(fixOf({ guardian: { log: 5 } })).toBe('write "stderr", "none" or a string');
  });
});
