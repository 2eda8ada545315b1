import { describe, expect, it } from "vitest";
import { checkInputSize, countTokens, InputTooLargeError, largestWindowInChain } from "../../../src/routing/index.ts";
import { tokensLowerBound } from "../../../src/tokens/index.ts";
import { workloadTasks } from "../../../src/workload/index.ts";
import { config, deployment, group } from "./fixtures.ts";

const chain = config({
  deployments: [deployment("small", { context_window: 8_000 }), deployment("mid", { context_window: 32_000 }), deployment("large", { context_window: 200_000 })],
  model_groups: [group("chat", ["small"], { fallbacks: ["backup"] }), group("backup", ["mid"], { context_window_fallback: "long" }), group("long", ["large"], { fallbacks: ["chat"] }), group("alone", ["small"])],
});
const prose = workloadTasks().map((task) => task.input).join("\n");

function refusal(run: () => void): InputTooLargeError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputTooLargeError) return error;
    throw error;
  }
  throw new Error("expected an InputTooLargeError");
}

describe("input size gate", () => {
  it("finds the largest window anywhere in the fallback chain, through cycles", () => {
    expect(largestWindowInChain(chain, chain.model_groups[0]!)).toEqual({ window: 200_000, group: "long", deployment: "large" });
    expect(largestWindowInChain(chain, chain.model_groups[3]!).window).toBe(8_000);
  });

  it("refuses a 5 MB input by its lower bound, naming bytes, tokens, window, group and the fix", () => {
    const input = prose.repeat(Math.ceil(5_000_000 / prose.length));
    const error = refusal(() => checkInputSize(chain, { input, model_group: "chat" }));
    expect(error.code).toBe("input_too_large");
    expect(error.tokensAre).toBe("at least");
    expect(error.largestWindow).toBe(200_000);
    expect(error.message).toContain(`${Buffer.byteLength(input)} bytes are at least ${error.tokens} tokens`);
    expect(error.message).toContain('200000 tokens (deployment "large" in group "long")');
    expect(error.message).toContain("Fix: shorten the input");
  });

  it("counts an input between the bounds, and refuses it on the count", () => {
    // A window between the input's lower bound and its count (and under its bytes): only counting can refuse it.
    const input = prose.slice(0, 12_000);
    const counted = countTokens(input, "gpt-4o-mini");
    const window = Math.floor((tokensLowerBound(input) + counted) / 2);
    expect(tokensLowerBound(input)).toBeLessThan(window);
    const tight = config({ deployments: [deployment("tiny", { context_window: window })], model_groups: [group("chat", ["tiny"])] });
    const error = refusal(() => checkInputSize(tight, { input }));
    expect(error.tokensAre).toBe("counted");
    expect(error.tokens).toBe(counted);
  });

  it("lets through what fits, and checks a pinned deployment against its own window", () => {
    expect(() => checkInputSize(chain, { input: prose.slice(0, 100_000), model_group: "chat" })).not.toThrow();
    const error = refusal(() => checkInputSize(chain, { input: prose.slice(0, 100_000), model_group: "chat", deployment: "small" }));
    expect(error.largestWindow).toBe(8_000);
    expect(error.deployment).toBe("small");
  });
});
