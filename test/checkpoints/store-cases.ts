import { it, expect, beforeAll, afterAll } from "vitest";
import type { BaseStore } from "@langchain/langgraph-checkpoint";

/**
 * One set of BaseStore cases run against every implementation: InMemoryStore (the reference), ours, and
 * the official PostgresStore. Each case writes only under its own root label, so one store serves all cases.
 * Where an implementation behaves differently on purpose or by limitation, the case names it in `diverges`
 * with the reason, and that implementation skips the case with the reason in its title.
 * STORE_CASES_CHECK_DIVERGENCE=1 runs the divergent cases too, to confirm each still fails where documented.
 */
export type StoreImplementation = "memory" | "switchyard" | "postgres";

export interface StoreCase {
  name: string;
  run: (store: BaseStore, root: string) => Promise<void>;
  diverges?: Partial<Record<StoreImplementation, string>>;
}

const keys = (items: Array<{ key: string }>) => items.map((item) => item.key).sort();

export const storeCases: StoreCase[] = [
  {
    name: "put then get returns the value, namespace, key and timestamps",
    run: async (store, root) => {
      await store.put([root, "users"], "u1", { name: "Ada", score: 3 });
      const item = await store.get([root, "users"], "u1");
      expect(item?.value).toEqual({ name: "Ada", score: 3 });
      expect(item?.namespace).toEqual([root, "users"]);
      expect(item?.key).toBe("u1");
      expect(item?.createdAt).toBeInstanceOf(Date);
      expect(item?.updatedAt).toBeInstanceOf(Date);
    },
  },
  {
    name: "get of a missing key or namespace is null",
    run: async (store, root) => {
      await store.put([root, "users"], "u1", { name: "Ada" });
      expect(await store.get([root, "users"], "nobody")).toBeNull();
      expect(await store.get([root, "other"], "u1")).toBeNull();
    },
  },
  {
    name: "put over an existing key replaces the value and keeps createdAt",
    run: async (store, root) => {
      await store.put([root, "users"], "u1", { name: "Ada" });
      const first = await store.get([root, "users"], "u1");
      await store.put([root, "users"], "u1", { name: "Grace" });
      const second = await store.get([root, "users"], "u1");
      expect(second?.value).toEqual({ name: "Grace" });
      expect(second?.createdAt.getTime()).toBe(first?.createdAt.getTime());
      expect(second?.updatedAt.getTime()).toBeGreaterThanOrEqual(first?.updatedAt.getTime() ?? 0);
    },
  },
  {
    name: "delete removes the item; deleting a missing item is not an error",
    run: async (store, root) => {
      await store.put([root, "users"], "u1", { name: "Ada" });
      await store.delete([root, "users"], "u1");
      expect(await store.get([root, "users"], "u1")).toBeNull();
      await expect(store.delete([root, "users"], "u1")).resolves.toBeUndefined();
    },
  },
  {
    name: "batch runs mixed operations and returns one result per operation in order",
    run: async (store, root) => {
      await store.put([root, "docs"], "d0", { n: 0 });
      const results = await store.batch([
        { namespace: [root, "docs"], key: "d1", value: { n: 1 } },
        { namespace: [root, "docs"], key: "d0" },
        { namespacePrefix: [root], limit: 10, offset: 0 },
        { matchConditions: [{ matchType: "prefix", path: [root] }], limit: 10, offset: 0 },
      ]);
      expect(results).toHaveLength(4);
      expect((results[1] as unknown as { value?: unknown } | null)?.value).toEqual({ n: 0 });
      expect(await store.get([root, "docs"], "d1")).not.toBeNull();
    },
  },
  {
    name: "a get later in a batch sees a put earlier in the same batch",
    diverges: { memory: "InMemoryStore applies all puts of a batch after its reads, so the get returns null" },
    run: async (store, root) => {
      const [, item] = await store.batch([
        { namespace: [root, "docs"], key: "d1", value: { n: 1 } },
        { namespace: [root, "docs"], key: "d1" },
      ]);
      expect(item?.value).toEqual({ n: 1 });
    },
  },
  {
    name: "search by namespace prefix returns items in that namespace and below",
    run: async (store, root) => {
      await store.put([root, "a"], "k1", { v: 1 });
      await store.put([root, "a", "deep"], "k2", { v: 2 });
      await store.put([root, "b"], "k3", { v: 3 });
      expect(keys(await store.search([root, "a"]))).toEqual(["k1", "k2"]);
      expect(keys(await store.search([root]))).toEqual(["k1", "k2", "k3"]);
    },
  },
  {
    name: "search by namespace prefix matches whole labels, not string prefixes",
    diverges: { postgres: "PostgresStore matches namespace_path LIKE 'prefix%', so [root, 'a'] also finds [root, 'ab']" },
    run: async (store, root) => {
      await store.put([root, "a"], "k1", { v: 1 });
      await store.put([root, "ab"], "k2", { v: 2 });
      expect(keys(await store.search([root, "a"]))).toEqual(["k1"]);
    },
  },
  {
    name: "search filter with a plain value is equality",
    run: async (store, root) => {
      await store.put([root, "notes"], "n1", { kind: "note", score: 1 });
      await store.put([root, "notes"], "n2", { kind: "task", score: 2 });
      await store.put([root, "notes"], "n3", { kind: "note", score: 3 });
      expect(keys(await store.search([root], { filter: { kind: "note" } }))).toEqual(["n1", "n3"]);
      expect(keys(await store.search([root], { filter: { kind: "note", score: 3 } }))).toEqual(["n3"]);
    },
  },
  {
    name: "search filter operators $eq, $ne, $gt, $gte, $lt, $lte on numbers",
    run: async (store, root) => {
      for (const score of [1, 2, 3, 4, 5]) await store.put([root, "scores"], `s${score}`, { score, kind: "x" });
      const find = async (filter: Record<string, unknown>) => keys(await store.search([root], { filter }));
      expect(await find({ score: { $eq: 3 } })).toEqual(["s3"]);
      expect(await find({ score: { $ne: 3 } })).toEqual(["s1", "s2", "s4", "s5"]);
      expect(await find({ score: { $gt: 3 } })).toEqual(["s4", "s5"]);
      expect(await find({ score: { $gte: 3 } })).toEqual(["s3", "s4", "s5"]);
      expect(await find({ score: { $lt: 3 } })).toEqual(["s1", "s2"]);
      expect(await find({ score: { $lte: 3 } })).toEqual(["s1", "s2", "s3"]);
      expect(await find({ score: { $gt: 1, $lt: 5 } })).toEqual(["s2", "s3", "s4"]);
    },
  },
  {
    name: "$ne also matches items that lack the field",
    diverges: { postgres: "PostgresStore compares value ->> field != x, which is NULL (no match) when the field is missing" },
    run: async (store, root) => {
      await store.put([root, "mixed"], "with", { kind: "a" });
      await store.put([root, "mixed"], "without", { other: true });
      expect(keys(await store.search([root], { filter: { kind: { $ne: "b" } } }))).toEqual(["with", "without"]);
    },
  },
  {
    name: "equality is type-strict: 1 does not match \"1\"",
    diverges: { postgres: "PostgresStore compares value ->> field as text, so 1 and \"1\" are equal" },
    run: async (store, root) => {
      await store.put([root, "typed"], "number", { n: 1 });
      await store.put([root, "typed"], "string", { n: "1" });
      expect(keys(await store.search([root], { filter: { n: 1 } }))).toEqual(["number"]);
    },
  },
  {
    name: "search limit and offset page through all matches without overlap; limit defaults to 10",
    run: async (store, root) => {
      for (let index = 0; index < 12; index += 1) await store.put([root, "pages"], `p${String(index).padStart(2, "0")}`, { index });
      expect(await store.search([root])).toHaveLength(10);
      const seen: string[] = [];
      for (let offset = 0; offset < 12; offset += 5) seen.push(...keys(await store.search([root], { limit: 5, offset })));
      expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, index) => `p${String(index).padStart(2, "0")}`));
    },
  },
  {
    name: "listNamespaces with a prefix lists each namespace once, sorted",
    run: async (store, root) => {
      await store.put([root, "b", "x"], "k", { v: 1 });
      await store.put([root, "a"], "k1", { v: 1 });
      await store.put([root, "a"], "k2", { v: 1 });
      await store.put([root, "a", "y"], "k", { v: 1 });
      expect(await store.listNamespaces({ prefix: [root] })).toEqual([
        [root, "a"],
        [root, "a", "y"],
        [root, "b", "x"],
      ]);
    },
  },
  {
    name: "listNamespaces with a suffix, limit and offset",
    run: async (store, root) => {
      for (const name of ["a", "b", "c", "d"]) await store.put([root, name, "inbox"], "k", { v: 1 });
      await store.put([root, "e", "outbox"], "k", { v: 1 });
      const inboxes = await store.listNamespaces({ prefix: [root], suffix: ["inbox"] });
      expect(inboxes.map((namespace) => namespace[1])).toEqual(["a", "b", "c", "d"]);
      const page = await store.listNamespaces({ prefix: [root], suffix: ["inbox"], limit: 2, offset: 1 });
      expect(page.map((namespace) => namespace[1])).toEqual(["b", "c"]);
    },
  },
  {
    name: "listNamespaces maxDepth truncates deeper namespaces and de-duplicates",
    diverges: { postgres: "PostgresStore drops namespaces deeper than maxDepth instead of truncating them" },
    run: async (store, root) => {
      await store.put([root, "a", "x", "1"], "k", { v: 1 });
      await store.put([root, "a", "y"], "k", { v: 1 });
      await store.put([root, "b"], "k", { v: 1 });
      expect(await store.listNamespaces({ prefix: [root], maxDepth: 2 })).toEqual([
        [root, "a"],
        [root, "b"],
      ]);
    },
  },
  {
    name: "listNamespaces prefix accepts * as a one-label wildcard",
    diverges: { postgres: "PostgresStore puts * into a LIKE pattern literally, so it matches nothing" },
    run: async (store, root) => {
      await store.put([root, "a", "inbox"], "k", { v: 1 });
      await store.put([root, "b", "inbox"], "k", { v: 1 });
      await store.put([root, "b", "outbox"], "k", { v: 1 });
      expect(await store.listNamespaces({ prefix: [root, "*", "inbox"] })).toEqual([
        [root, "a", "inbox"],
        [root, "b", "inbox"],
      ]);
    },
  },
];

/**
 * Registers every case for one implementation. `openStore` runs once in beforeAll; cases use distinct roots.
 */
export function describeStoreCases(
  implementation: StoreImplementation,
  hooks: { openStore: () => Promise<BaseStore>; closeStore?: (store: BaseStore) => Promise<void> },
): void {
  let store: BaseStore;
  beforeAll(async () => {
    store = await hooks.openStore();
  });
  afterAll(async () => {
    if (store !== undefined) await hooks.closeStore?.(store);
  });
  storeCases.forEach((storeCase, index) => {
    const reason = storeCase.diverges?.[implementation];
    if (reason !== undefined && process.env.STORE_CASES_CHECK_DIVERGENCE !== "1") it.skip(`${storeCase.name} [diverges: ${reason}]`, () => {});
    else it(storeCase.name, () => storeCase.run(store, `case${index}`));
  });
}
