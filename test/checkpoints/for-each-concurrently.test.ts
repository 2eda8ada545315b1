import { describe, expect, it } from "vitest";
import { forEachConcurrently } from "../../checkpoints/for-each-concurrently.ts";

describe("forEachConcurrently", () => {
  it("visits every item once with at most `concurrency` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(item);
      inFlight -= 1;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("rejects with the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    await expect(
      forEachConcurrently([1, 2, 3, 4, 5, 6], 2, async (item) => {
        started.push(item);
        await new Promise((resolve) => setImmediate(resolve));
        if (item === 2) throw new Error("boom at 2");
      }),
    ).rejects.toThrow("boom at 2");
    expect(started.length).toBeLessThan(6);
  });
});
