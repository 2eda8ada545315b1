import { ReleaseNotices, sleepUnlessWoken, wakeListener, type Sleep } from "../../../src/routing/index.ts";

/** A sleep that ends only when its signal aborts, so a test sees exactly what woke it. */
const untilAborted: Sleep = (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));

describe("ReleaseNotices", () => {
  it("wakes one waiter per release, the longest waiting first, and forgets it everywhere it listened", () => {
    const notices = new ReleaseNotices();
    const woken: string[] = [];
    notices.listen(["a", "b"], () => woken.push("first"));
    notices.listen(["a"], () => woken.push("second"));
    notices.notify("a");
    expect(woken).toEqual(["first"]);
    expect(notices.waiters("b")).toBe(0);
    notices.notify("b");
    expect(woken).toEqual(["first"]);
    notices.notify("a");
    expect(woken).toEqual(["first", "second"]);
    expect(notices.waiters("a")).toBe(0);
  });

  it("keeps nothing of a waiter that withdrew (a sleep that ran its length)", () => {
    const notices = new ReleaseNotices();
    for (let index = 0; index < 1_000; index += 1) notices.listen(["a", "b"], () => undefined)();
    expect([notices.waiters("a"), notices.waiters("b")]).toEqual([0, 0]);
  });
});

describe("sleepUnlessWoken", () => {
  it("ends without error when woken and withdraws its listener", async () => {
    const notices = new ReleaseNotices();
    const sleeping = sleepUnlessWoken(untilAborted, 60_000, undefined, wakeListener({ releases: notices }, ["a"]));
    notices.notify("a");
    await expect(sleeping).resolves.toBeUndefined();
    expect(notices.waiters("a")).toBe(0);
  });

  it("still rejects with the caller's reason when the caller aborts, and withdraws", async () => {
    const notices = new ReleaseNotices();
    const caller = new AbortController();
    const sleeping = sleepUnlessWoken(untilAborted, 60_000, caller.signal, wakeListener({ releases: notices }, ["a"]));
    caller.abort(new Error("client went away"));
    await expect(sleeping).rejects.toThrow("client went away");
    expect(notices.waiters("a")).toBe(0);
  });

  it("is the plain sleep when nothing can wake it", async () => {
    const slept: number[] = [];
    await sleepUnlessWoken((ms) => Promise.resolve(void slept.push(ms)), 25, undefined, wakeListener({ releases: new ReleaseNotices() }, undefined));
    expect(slept).toEqual([25]);
  });
});
