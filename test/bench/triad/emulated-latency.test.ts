import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.ts";
import { callCostUsd } from "../../../src/backends/cost.ts";
import { defaultProfile, resolveBehaviour } from "../../../src/emulators/index.ts";
import { emulatedLatency } from "../../../bench/triad/emulated-latency.ts";

describe("the triad bench's emulated latency (what the policy learns from instead of wall time)", () => {
  it("charges the time to first token plus the output tokens recovered from the cost; on a free deployment only the first", () => {
    const { config } = loadConfig();
    const latencyOf = emulatedLatency(config, () => defaultProfile());
    const paid = config.deployments.find((deployment) => deployment.price.output_per_1m > deployment.price.input_per_1m);
    const free = config.deployments.find((deployment) => deployment.price.output_per_1m === 0);
    expect(paid).toBeDefined();
    const provider = (id: string) => (id === "google-genai" ? "gemini" : id) as "openai" | "gemini" | "ollama";
    if (paid !== undefined) {
      const { latency } = resolveBehaviour(defaultProfile(), provider(paid.provider), paid.model, "emit");
      const outcome = { deployment: paid.id, mode: "emit" as const, valid: true, latencyMs: 9_999, tokens: 400, costUsd: callCostUsd(paid, 300, 100) };
      expect(latencyOf(outcome)).toBeCloseTo(latency.ttftMs + (100 / latency.tokensPerSecond) * 1000, 6);
      // Deterministic: the measured latency is ignored, so a loaded machine reads the same.
      expect(latencyOf({ ...outcome, latencyMs: 1 })).toBe(latencyOf(outcome));
    }
    if (free !== undefined) {
      const { latency } = resolveBehaviour(defaultProfile(), provider(free.provider), free.model, "emit");
      expect(latencyOf({ deployment: free.id, mode: "emit", valid: true, latencyMs: 500, tokens: 400, costUsd: 0 })).toBe(latency.ttftMs);
    }
  });
});
