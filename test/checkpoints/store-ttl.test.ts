import { describe, it, expect } from "vitest";
import { CorruptRowError, openSqliteStore } from "../../checkpoints/index.ts";

function clockAt(start: number) {
  const clock = { now: start, advanceMinutes: (minutes: number) => (clock.now += minutes * 60_000) };
  return clock;
}

describe("SwitchyardSqliteStore TTL", () => {
  it("an item expires after its ttl and is invisible to get, search and listNamespaces before any sweep", async () => {
    const clock = clockAt(1_000_000);
    const store = openSqliteStore(":memory:", { now: () => clock.now, ttl: { refreshOnRead: false } });
    await store.put(["session"], "short", { v: 1 }, undefined, { ttl: 10 });
    await store.put(["session"], "forever", { v: 2 });
    clock.advanceMinutes(9);
    expect(await store.get(["session"], "short")).not.toBeNull();
    clock.advanceMinutes(2);
    expect(await store.get(["session"], "short")).toBeNull();
    expect((await store.search(["session"])).map((item) => item.key)).toEqual(["forever"]);
    await store.put(["gone"], "k", { v: 1 }, undefined, { ttl: 1 });
    clock.advanceMinutes(2);
    expect(await store.listNamespaces()).toEqual([["session"]]);
    store.close();
  });

  it("reading refreshes the ttl, so an item read regularly never expires", async () => {
    const clock = clockAt(0);
    const store = openSqliteStore(":memory:", { now: () => clock.now, ttl: { defaultTtlMinutes: 10 } });
    await store.put(["memory"], "fact", { text: "likes tea" });
    for (let step = 0; step < 5; step += 1) {
      clock.advanceMinutes(8);
      expect(await store.get(["memory"], "fact"), `read ${step}`).not.toBeNull();
    }
    clock.advanceMinutes(8);
    expect((await store.search(["memory"])).map((item) => item.key)).toEqual(["fact"]);
    clock.advanceMinutes(11);
    expect(await store.get(["memory"], "fact")).toBeNull();
    store.close();
  });

  it("sweep deletes exactly the expired rows and reports how many", async () => {
    const clock = clockAt(0);
    const store = openSqliteStore(":memory:", { now: () => clock.now, ttl: { defaultTtlMinutes: 5 } });
    await store.put(["a"], "1", { v: 1 });
    await store.put(["a"], "2", { v: 2 });
    await store.put(["a"], "keep", { v: 3 }, undefined, { ttl: null });
    clock.advanceMinutes(6);
    expect(store.sweep()).toBe(2);
    expect(store.sweep()).toBe(0);
    const rows = store.database.prepare("SELECT key FROM sy_store").pluck().all();
    expect(rows).toEqual(["keep"]);
    store.close();
  });

  it("writing an expired key again starts a new item with a new createdAt", async () => {
    const clock = clockAt(0);
    const store = openSqliteStore(":memory:", { now: () => clock.now });
    await store.put(["a"], "k", { v: 1 }, undefined, { ttl: 1 });
    clock.advanceMinutes(5);
    await store.put(["a"], "k", { v: 2 });
    const item = await store.get(["a"], "k");
    expect(item?.createdAt.getTime()).toBe(clock.now);
    store.close();
  });

  it("a corrupt row gives a CorruptRowError naming the table and item", async () => {
    const store = openSqliteStore(":memory:");
    await store.put(["a"], "k", { v: 1 });
    store.database.prepare("UPDATE sy_store SET value = '{broken'").run();
    const failure = await store.get(["a"], "k").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CorruptRowError);
    expect((failure as CorruptRowError).code).toBe("store_invalid");
    expect((failure as Error).message).toMatch(/sy_store.*not JSON|not JSON/);
    expect((failure as Error).message).toContain('key "k"');
    store.close();
  });
});
