import { describe, expect, it } from "vitest";
import { WorkerPool, type WorkerFailure } from "../../../src/threads/worker-pool.ts";

const fixture = new URL("./worker-pool-fixture.ts", import.meta.url).href;
const broken = new URL("./worker-pool-broken-fixture.ts", import.meta.url).href;

/** The failure a job met, as data, so a test reads reason and detail without an error class of its own. */
class Failed extends Error {
  constructor(
    readonly reason: WorkerFailure,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}
const failure = (_args: unknown, reason: WorkerFailure, detail: string) => new Failed(reason, detail);

describe("the worker pool", () => {
  it("runs the module's function with the job's arguments, several jobs on one worker in turn", async () => {
    const pool = new WorkerPool<[string, number], number>({ module: fixture, exportName: "work", size: 1, timeoutMs: () => 60_000, failure });
    expect(await Promise.all([1, 2, 3].map((value) => pool.run(["double", value])))).toEqual([2, 4, 6]);
    await pool.close();
  });

  it("rejects a job whose worker exits, throws or overruns, naming the setting to raise; the next job gets a fresh worker", async () => {
    let fire: (() => void) | undefined;
    const pool = new WorkerPool<[string, number], number>({ module: fixture, exportName: "work", size: 1, timeoutMs: () => 1_500, timeoutSetting: "x.timeout_ms", failure, schedule: (_ms, timeout) => ((fire = timeout), () => undefined) });
    await expect(pool.run(["exit", 0])).rejects.toMatchObject({ reason: "crashed", detail: "exit code 7" });
    await expect(pool.run(["throw", 0])).rejects.toMatchObject({ reason: "failed", detail: expect.stringMatching(/the job tripped/) });
    const hanging = pool.run(["hang", 0]);
    await new Promise((resolve) => setImmediate(resolve));
    fire?.();
    await expect(hanging).rejects.toMatchObject({ reason: "timeout", detail: "over 1500 ms (x.timeout_ms)" });
    expect(await pool.run(["double", 21])).toBe(42);
    await pool.close();
    await expect(pool.run(["double", 1])).rejects.toMatchObject({ reason: "shut_down" });
  });

  it("says a worker did not start when its module cannot load, or has no such function", async () => {
    const cannotLoad = new WorkerPool<[string, number], number>({ module: broken, exportName: "work", size: 1, timeoutMs: () => 60_000, failure });
    await expect(cannotLoad.run(["double", 1])).rejects.toMatchObject({ reason: "not_started", detail: expect.stringMatching(/cannot load/) });
    await cannotLoad.close();
    const noFunction = new WorkerPool<[string, number], number>({ module: fixture, exportName: "missing", size: 1, timeoutMs: () => 60_000, failure });
    await expect(noFunction.run(["double", 1])).rejects.toMatchObject({ reason: "not_started", detail: expect.stringMatching(/exports no function missing/) });
    await noFunction.close();
  });

  it("posts what prepare makes of a job, with the keys that worker was sent before", async () => {
    const seen: string[][] = [];
    const pool = new WorkerPool<[string, number], number>({
      module: fixture,
      exportName: "work",
      size: 1,
      timeoutMs: () => 60_000,
      failure,
      prepare: ([kind, value], sent) => {
        seen.push([...sent]);
        sent.add(`v${value}`);
        return [kind, value + 1];
      },
    });
    expect(await pool.run(["double", 1])).toBe(4);
    expect(await pool.run(["double", 2])).toBe(6);
    expect(seen).toEqual([[], ["v1"]]);
    await pool.close();
  });
});
