import type { BaseStore, Item, PutOperation } from "@langchain/langgraph-checkpoint";
import { canonicalJson } from "./saver-codec.ts";

export interface StoreCopyReport {
  items: number;
  copied: number;
  /** Already in the target with the same value. */
  skipped: number;
}

const page = 500;

/** Every namespace that holds an item, page by page. */
async function* allNamespaces(store: BaseStore): AsyncGenerator<string[]> {
  for (let offset = 0; ; offset += page) {
    const namespaces = await store.listNamespaces({ limit: page, offset });
    yield* namespaces;
    if (namespaces.length < page) return;
  }
}

/** The items of exactly `namespace` (a search by prefix also finds the namespaces under it; those come on their own turn). */
async function* itemsIn(store: BaseStore, namespace: string[]): AsyncGenerator<Item> {
  const exact = JSON.stringify(namespace);
  for (let offset = 0; ; offset += page) {
    const items = await store.search(namespace, { limit: page, offset });
    for (const item of items) if (JSON.stringify(item.namespace) === exact) yield item;
    if (items.length < page) return;
  }
}

/** Every item of a store, namespace by namespace (the official PostgresStore refuses `search([])`). */
export async function* allItems(store: BaseStore): AsyncGenerator<Item> {
  for await (const namespace of allNamespaces(store)) yield* itemsIn(store, namespace);
}

/** The item's place, unambiguous for any namespace labels and key. */
export function itemKey(item: Pick<Item, "namespace" | "key">): string {
  return JSON.stringify([item.namespace, item.key]);
}

/** The target's items as place → canonical value JSON, to skip what a previous run already copied. */
export async function itemValues(store: BaseStore): Promise<Map<string, string | undefined>> {
  const values = new Map<string, string | undefined>();
  for await (const item of allItems(store)) values.set(itemKey(item), canonicalJson(item.value));
  return values;
}

/**
 * Copies every store item (namespace, key, value) the target does not already hold with the same value, in
 * batches through the target's own `batch`. Items are not re-embedded (`index: false`): a target with a vector
 * index re-indexes on its next write of the item. Creation times become the copy's (BaseStore has no way to set them).
 *
 * @example
 * const report = await copyStore(sqliteStore, postgresStore);
 */
export async function copyStore(source: BaseStore, target: BaseStore, onProgress?: (done: number) => void): Promise<StoreCopyReport> {
  const present = await itemValues(target);
  const report: StoreCopyReport = { items: 0, copied: 0, skipped: 0 };
  let pending: PutOperation[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    await target.batch(pending);
    report.copied += pending.length;
    pending = [];
    onProgress?.(report.items);
  };
  for await (const item of allItems(source)) {
    report.items += 1;
    if (present.get(itemKey(item)) === canonicalJson(item.value)) {
      report.skipped += 1;
      continue;
    }
    pending.push({ namespace: item.namespace, key: item.key, value: item.value, index: false });
    if (pending.length >= 200) await flush();
  }
  await flush();
  return report;
}
