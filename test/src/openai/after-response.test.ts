import { describe, expect, it } from "vitest";
import { AfterResponse } from "../../../src/openai/after-response.ts";

describe("AfterResponse", () => {
  it("runs deferred work in order after the current turn, not inside it", async () => {
    const after = new AfterResponse();
    const ran: string[] = [];
    after.defer(() => ran.push("a"));
    after.defer(async () => {
      await Promise.resolve();
      ran.push("b");
    });
    // The promise chain that writes a response is microtasks: the batch waits for a later turn.
    await Promise.resolve();
    expect(ran).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await after.settle();
    expect(ran).toEqual(["a", "b"]);
    expect(after.pending).toBe(false);
  });

  it("settle() runs pending work at once, including work deferred while a batch runs", async () => {
    const after = new AfterResponse();
    const ran: number[] = [];
    after.defer(async () => {
      ran.push(1);
      after.defer(() => ran.push(2));
    });
    expect(after.pending).toBe(true);
    await after.settle();
    expect(ran).toEqual([1, 2]);
    expect(after.pending).toBe(false);
  });

  it("reports a failed task and goes on with the batch", async () => {
    const errors: unknown[] = [];
    const after = new AfterResponse({ onError: (error) => errors.push(error) });
    const ran: string[] = [];
    after.defer(() => {
      throw new Error("store down");
    });
    after.defer(async () => Promise.reject(new Error("again")));
    after.defer(() => ran.push("last"));
    await after.settle();
    expect(errors.map((error) => (error as Error).message)).toEqual(["store down", "again"]);
    expect(ran).toEqual(["last"]);
  });
});
