import { switchyardConfigSchema, type DeploymentConfig, type ModelGroupConfig, type SwitchyardConfigInput } from "../../../src/config/schema.ts";

/** A seeded PRNG (mulberry32), so random choices repeat run to run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A clock the test moves by hand. */
export function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms), set: (ms) => (current = ms) };
}

export function deployment(id: string, overrides: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return {
    id,
    provider: "openai",
    model: "gpt-4o-mini",
    base_url: "emulator",
    price: { input_per_1m: 1, output_per_1m: 2 },
    context_window: 128_000,
    max_output_tokens: 1_024,
    limits: {},
    weight: 1,
    tags: [],
    timeout_ms: 30_000,
    ...overrides,
  };
}

export function group(name: string, ids: string[], overrides: Partial<ModelGroupConfig> = {}): ModelGroupConfig {
  return { name, deployments: ids, strategy: "weighted", fallbacks: [], ...overrides };
}

export function config(input: Partial<SwitchyardConfigInput> & Pick<SwitchyardConfigInput, "deployments" | "model_groups">) {
  return switchyardConfigSchema.parse(input);
}
