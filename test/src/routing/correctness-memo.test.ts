import { describe, it, expect } from "vitest";
import type { DeploymentConfig } from "../../../src/config/schema.ts";
import { CorrectnessMemo, select } from "../../../src/routing/index.ts";
import { deployment, group, seeded } from "./fixtures.ts";

const now = 10_000_000;
const request = { estimatedInputTokens: 800, estimatedOutputTokens: 200 };

describe("CorrectnessMemo", () => {
  it("asks the estimator once per deployment until that deployment's estimate is forgotten, and follows the new value", () => {
    const deployments = ["a", "b", "c"].map((id) => deployment(id));
    const chat = group("g", ["a", "b", "c"], { strategy: "triad" });
    const estimates = new Map([
      ["a", 0.9],
      ["b", 0.5],
      ["c", 0.5],
    ]);
    const asked: string[] = [];
    const expectedCorrectness = (item: DeploymentConfig): number => {
      asked.push(item.id);
      return estimates.get(item.id) ?? 0;
    };
    const memo = new CorrectnessMemo();
    const choose = () => select({ group: chat, deployments, request, now, random: seeded(1), expectedCorrectness, correctnessMemo: memo }).deployment?.id;
    expect(choose()).toBe("a");
    expect(new Set(asked)).toEqual(new Set(["a", "b", "c"]));
    asked.length = 0;
    expect(choose()).toBe("a");
    expect(asked).toEqual([]);
    // b's calls went well: its estimate rises, and only b is asked again.
    estimates.set("b", 0.99);
    expect(choose()).toBe("a");
    memo.forget("b");
    expect(choose()).toBe("b");
    expect(asked).toEqual(["b"]);
    estimates.set("a", 1);
    estimates.set("c", 1);
    memo.forgetAll();
    asked.length = 0;
    expect(["a", "c"]).toContain(choose());
    expect(new Set(asked)).toEqual(new Set(["a", "b", "c"]));
  });
});
