import { describe, expect, it } from "vitest";
import { RunChannel } from "../../../src/server/run-channel.ts";

describe("RunChannel mirror", () => {
  it("copies every event and the finish (once) to its mirror, in order", () => {
    const seen: string[] = [];
    const channel = new RunChannel({ push: (event) => seen.push(event.event), finish: () => seen.push("<finish>") });
    channel.push({ event: "metadata", data: {} });
    channel.push({ event: "values", data: { a: 1 } });
    channel.finish();
    channel.finish();
    expect(seen).toEqual(["metadata", "values", "<finish>"]);
  });

  it("keeps the run's own events when the mirror throws", async () => {
    const channel = new RunChannel({
      push: () => {
        throw new Error("bus down");
      },
      finish: () => {
        throw new Error("bus down");
      },
    });
    channel.push({ event: "values", data: { a: 1 } });
    channel.finish();
    const events = [];
    for await (const event of channel.follow()) events.push(event);
    expect(events).toEqual([{ event: "values", data: { a: 1 } }]);
  });
});
