import { describe, expect, it } from "vitest";
import { yieldIfBusy } from "../../checkpoints/event-loop-turn.ts";

/** Busy-waits: the point is to hold the event loop, as serializing a large state does. */
function hold(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("yieldIfBusy", () => {
  it("lets a pending macrotask run inside a long chain of resolved promises, and only then", async () => {
    // Start from a fresh turn of the loop: the first call marks it, the setImmediate lets it pass.
    await yieldIfBusy(Number.POSITIVE_INFINITY);
    await new Promise((resolve) => setImmediate(resolve));
    let probed = false;
    setImmediate(() => (probed = true));
    // A short chain: no yield, the probe still waits.
    await yieldIfBusy(50);
    expect(probed).toBe(false);
    // The chain keeps the loop past the slice: the next call lets the probe in.
    hold(60);
    await yieldIfBusy(50);
    expect(probed).toBe(true);
  });
});
