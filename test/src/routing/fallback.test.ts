import { describe, it, expect } from "vitest";
import { contextWindowCheck, countTokens, fallbackChain, planFallback } from "../../../src/routing/index.ts";
import { encodingForModel } from "../../../src/tokens/index.ts";
import { deployment, group } from "./fixtures.ts";

const deployments = new Map(
  [deployment("small", { context_window: 8_000 }), deployment("mid", { context_window: 128_000 }), deployment("huge", { context_window: 1_000_000 })].map((item) => [item.id, item]),
);
const groups = new Map(
  [
    group("chat", ["small"], { context_window_fallback: "mid-group", content_policy_fallback: "lenient", fallbacks: ["backup", "chat"] }),
    group("mid-group", ["mid"], { context_window_fallback: "huge-group" }),
    group("huge-group", ["huge"]),
    group("lenient", ["mid"]),
    group("backup", ["mid"]),
  ].map((item) => [item.name, item]),
);
const chat = groups.get("chat")!;

describe("planFallback", () => {
  it("follows the context-window chain to the first group that fits", () => {
    expect(planFallback({ group: chat, cause: "context_window", groups, deployments, requestTokens: 50_000 }).group).toBe("mid-group");
    const plan = planFallback({ group: chat, cause: "context_window", groups, deployments, requestTokens: 300_000 });
    expect(plan.group).toBe("huge-group");
    expect(planFallback({ group: chat, cause: "context_window", groups, deployments, requestTokens: 2_000_000 }).group).toBeNull();
  });

  it("decides before the call whether the group fits at all", () => {
    expect(contextWindowCheck({ group: chat, groups, deployments, requestTokens: 7_000 })).toBeUndefined();
    expect(contextWindowCheck({ group: chat, groups, deployments, requestTokens: 9_000 })?.group).toBe("mid-group");
  });

  it("uses the content-policy fallback and ordered fallbacks, skipping tried groups and itself", () => {
    expect(planFallback({ group: chat, cause: "content_policy", groups, deployments }).group).toBe("lenient");
    expect(planFallback({ group: chat, cause: "content_policy", groups, deployments, tried: ["lenient"] }).group).toBeNull();
    expect(planFallback({ group: chat, cause: "exhausted", groups, deployments }).group).toBe("backup");
    expect(planFallback({ group: chat, cause: "exhausted", groups, deployments, tried: ["backup"] }).group).toBeNull();
  });
});

describe("countTokens", () => {
  it("picks o200k_base for gpt-4o / gpt-4.1 / o-series and cl100k_base otherwise", () => {
    expect(["gpt-4o-mini", "gpt-4.1", "o3-mini", "openai/gpt-4o"].map(encodingForModel)).toEqual(["o200k_base", "o200k_base", "o200k_base", "o200k_base"]);
    expect(["gpt-4", "gpt-3.5-turbo", "gemini-2.0-flash", "llama3.1"].map(encodingForModel)).toEqual(["cl100k_base", "cl100k_base", "cl100k_base", "cl100k_base"]);
  });

  it("counts text and chat messages with the format overhead", () => {
    expect(countTokens("hello world", "gpt-4o")).toBe(2);
    expect(countTokens([{ role: "user", content: "hello world" }], "gpt-4o")).toBe(2 + 1 + 3 + 3);
    expect(countTokens([{ role: "user", content: [{ type: "text", text: "hello world" }] }], "gpt-4")).toBe(9);
    const long = "word ".repeat(10_000);
    expect(countTokens(long, "gpt-4o")).toBeGreaterThan(9_000);
  });
});

describe("fallbackChain", () => {
  it("lists every group reachable through fallbacks, nearest first, and survives cycles", () => {
    const linked = new Map(
      [group("a", ["small"], { fallbacks: ["b", "c"] }), group("b", ["mid"], { fallbacks: ["d", "a"] }), group("c", ["mid"]), group("d", ["huge"], { fallbacks: ["b"] })].map((item) => [item.name, item]),
    );
    expect(fallbackChain(linked.get("a")!, linked)).toEqual(["b", "c", "d"]);
    expect(fallbackChain(linked.get("c")!, linked)).toEqual([]);
  });

  it("with a chain, an exhausted group moves to the chain's first untried group, not only its own fallbacks", () => {
    const plan = planFallback({ group: groups.get("backup")!, cause: "exhausted", groups, deployments, tried: ["chat"], chain: ["backup", "lenient"] });
    expect(plan.group).toBe("lenient");
  });
});
