import { raceAbort } from "../../../src/backends/race-abort.ts";

describe("raceAbort", () => {
  it("rejects with the signal's reason as soon as it aborts, whatever the work does", async () => {
    const controller = new AbortController();
    const never = new Promise<string>(() => {});
    const raced = raceAbort(never, controller.signal);
    controller.abort(new DOMException("deadline", "TimeoutError"));
    await expect(raced).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("passes the work's result or error through while the signal holds", async () => {
    const signal = new AbortController().signal;
    await expect(raceAbort(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(raceAbort(Promise.reject(new Error("boom")), signal)).rejects.toThrow("boom");
  });

  it("leaves no unhandled rejection when the abandoned work fails later", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      let fail: (error: Error) => void = () => {};
      const late = new Promise<string>((_, reject) => (fail = reject));
      const aborted = AbortSignal.abort(new DOMException("gone", "AbortError"));
      await expect(raceAbort(late, aborted)).rejects.toMatchObject({ name: "AbortError" });
      fail(new Error("the SDK gave up at last"));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});
