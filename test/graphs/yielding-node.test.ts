import { describe, expect, it } from "vitest";
import { yieldIfBusy } from "../../checkpoints/index.ts";
import { yieldingNode } from "../../graphs/yielding-node.ts";

function hold(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("yieldingNode", () => {
  it("passes state and runtime through and returns the node's update", async () => {
    const node = yieldingNode((state: { n: number }, runtime: { add: number; context: object }) => ({ n: state.n + runtime.add }));
    expect(await node({ n: 1 }, { add: 2, context: {} })).toEqual({ n: 3 });
  });

  it("lets a waiting probe in before the node starts when the previous work held the loop past the slice", async () => {
    await yieldIfBusy(Number.POSITIVE_INFINITY);
    await new Promise((resolve) => setImmediate(resolve));
    let probed = false;
    setImmediate(() => (probed = true));
    let probedWhenNodeRan: boolean | undefined;
    const node = yieldingNode(() => {
      probedWhenNodeRan = probed;
      return {};
    });
    hold(20); // the previous node and its reducers, counting a MiB input
    await node(undefined, undefined);
    expect(probedWhenNodeRan).toBe(true);
  });
});
