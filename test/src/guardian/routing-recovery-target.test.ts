import { parseConfigValue } from "../../../src/config/index.ts";
import { defaultConfigInput } from "../../../src/config/default-config.ts";
import { routingRecoveryTarget } from "../../../src/guardian/index.ts";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { Router } from "../../../src/routing/index.ts";

const weights = { correctness: 1, latency: 0, cost: 0 };

describe("routingRecoveryTarget", () => {
  it("quarantines through the router's cooldowns, with the guardian's reason", async () => {
    const config = parseConfigValue(defaultConfigInput(), "test");
    const router = new Router({ config, now: () => 1_000, random: () => 0.5 });
    const target = routingRecoveryTarget(router, new AdaptivePolicy());
    await target.quarantine("gemini-2.5-flash", 31_000, "guardian: latency p95 90 ms vs baseline 30 ms");
    const [runtime] = await router.state.snapshot(["gemini-2.5-flash"], 1_000);
    expect(runtime).toMatchObject({ cooldownUntil: 31_000, cooldownReason: "guardian: latency p95 90 ms vs baseline 30 ms" });
    const selection = await router.select({ group: "extract", request: { estimatedInputTokens: 10, estimatedOutputTokens: 10 } });
    expect(selection.candidates).not.toContain("gemini-2.5-flash");
  });

  it("switches a group's strategy in the router, leaves the config as written, and puts the configured one back", () => {
    const config = parseConfigValue(defaultConfigInput(), "test");
    const router = new Router({ config });
    const target = routingRecoveryTarget(router, new AdaptivePolicy());
    expect(target.groupsOf("ollama-llama3.1")).toEqual(["extract"]);
    target.setStrategy("extract", "cost");
    expect(router.strategyOf("extract")).toBe("cost");
    expect(router.group("extract").strategy).toBe("cost");
    expect(config.model_groups[0]?.strategy).toBe("weighted");
    expect(target.overrides.get("extract")).toBe("cost");
    target.setStrategy("extract", undefined);
    expect(router.strategyOf("extract")).toBe("weighted");
  });

  it("probes a mode on probation: it gets the given share of the deployment's choices until the probe stops", () => {
    const policy = new AdaptivePolicy({ providerOf: () => "openai", epsilon: 0, maxExplorationFraction: 0 });
    const target = routingRecoveryTarget(new Router({ config: parseConfigValue(defaultConfigInput(), "test") }), policy);
    const share = (count = 200) => Array.from({ length: count }, (_, index) => policy.choose({ deployment: "gpt", modes: ["emit", "compressed", "reconstruct"], weights, random: () => (index % 100) / 100 }).mode).filter((mode) => mode === "reconstruct").length / count;
    expect(share()).toBe(0);
    target.probeMode("gpt", "reconstruct", 0.3);
    expect(share()).toBeCloseTo(0.3, 5);
    target.blockMode("gpt", "reconstruct", true);
    expect(share()).toBe(0);
    target.blockMode("gpt", "reconstruct", false);
    target.probeMode("gpt", "reconstruct", undefined);
    expect(share()).toBe(0);
  });

  it("blocks a mode in the adaptive policy, which then never chooses it", () => {
    const policy = new AdaptivePolicy({ providerOf: () => "openai" });
    const target = routingRecoveryTarget(new Router({ config: parseConfigValue(defaultConfigInput(), "test") }), policy);
    target.blockMode("gpt", "emit", true);
    const chosen = new Set(Array.from({ length: 50 }, (_, index) => policy.choose({ deployment: "gpt", modes: ["emit", "compressed", "reconstruct"], weights, random: () => (index % 10) / 10 }).mode));
    expect(chosen.has("emit")).toBe(false);
    target.blockMode("gpt", "emit", false);
    // Median draws: with every draw at the same upper quantile (the old 0.99) the widest posterior wins a
    // Thompson draw, which since the retry is credited in a mode's score is not the provider default's.
    expect(policy.choose({ deployment: "gpt", modes: ["emit", "compressed", "reconstruct"], weights, random: () => 0.5 }).mode).toBe("emit");
  });
});
