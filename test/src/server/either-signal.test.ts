import { describe, expect, it } from "vitest";
import { eitherSignal } from "../../../src/server/either-signal.ts";

describe("eitherSignal", () => {
  it("aborts with the reason of whichever source aborts first, once", () => {
    for (const which of [0, 1] as const) {
      const sources = [new AbortController(), new AbortController()] as const;
      const { signal } = eitherSignal(sources[0].signal, sources[1].signal);
      expect(signal.aborted).toBe(false);
      sources[which].abort(new Error(`source ${which}`));
      sources[1 - which]?.abort(new Error("later"));
      expect(signal.aborted).toBe(true);
      expect((signal.reason as Error).message).toBe(`source ${which}`);
    }
  });

  it("is aborted at once when a source already is", () => {
    const done = new AbortController();
    done.abort(new Error("gone"));
    expect(eitherSignal(new AbortController().signal, done.signal).signal.reason).toEqual(new Error("gone"));
  });

  it("detaches from both sources on dispose: a source aborted later no longer reaches it", () => {
    const lease = new AbortController();
    const run = new AbortController();
    const { signal, dispose } = eitherSignal(run.signal, lease.signal);
    dispose();
    lease.abort(new Error("lease lost after the run"));
    expect(signal.aborted).toBe(false);
  });
});
