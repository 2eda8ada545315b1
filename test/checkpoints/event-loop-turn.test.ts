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

describe("yieldIfBusy with several waiting runs", () => {
  it("resumes one waiting slice per turn of the loop, oldest first, with a probe answered between them", async () => {
    await yieldIfBusy(Number.POSITIVE_INFINITY);
    await new Promise((resolve) => setImmediate(resolve));
    const order: string[] = [];
    // A probe that re-arms itself every turn, as a socket read in the poll phase would run once per turn.
    let probing = true;
    const probe = () => {
      order.push("probe");
      if (probing) setImmediate(probe);
    };
    hold(20);
    const runs = ["a", "b", "c"].map(async (name) => {
      await yieldIfBusy(5);
      order.push(name);
      hold(20); // each run's slice keeps the loop past the limit again
    });
    setImmediate(probe);
    await Promise.all(runs);
    probing = false;
    const slices = order.filter((entry) => entry !== "probe");
    expect(slices).toEqual(["a", "b", "c"]);
    // Released all in one turn (the old behaviour), a, b and c would sit side by side with no probe between.
    for (const name of ["b", "c"]) expect(order[order.indexOf(name) - 1]).toBe("probe");
  });
});
