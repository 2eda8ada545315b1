import type { BaseStore } from "@langchain/langgraph-checkpoint";

/**
 * A user's single-valued facts by slot: `["memory", user, "slots"] / slot` holds the keys of the fact's
 * versions, oldest first, the last being current. Superseded versions stay in the facts namespace, marked
 * `superseded_by`, so a fact's history is never overwritten.
 */
export const slotsNamespace = (userId: string): string[] => ["memory", userId, "slots"];

/** Versions kept per slot: older ones stay stored and marked, only the list forgets them. */
const MAX_VERSIONS = 50;

export interface FactVersion {
  key: string;
  text: string;
  created_at: number;
  superseded_at?: number;
  current: boolean;
}

const versionsOf = (value: Record<string, unknown> | undefined): string[] => (Array.isArray(value?.versions) ? value.versions.filter((key): key is string => typeof key === "string") : []);

/**
 * Makes `key` the current version of `slot`: the previous current version is marked superseded (its item
 * kept, with `superseded_by` and `superseded_at`), and a key restated after being superseded becomes current
 * again. Read-modify-write: two writers of one user's slot at once may both win, which leaves two current
 * versions until the next statement; recall then prefers the newer.
 */
export async function supersede(store: BaseStore, factsNamespace: string[], userId: string, slot: string, key: string, now: number): Promise<void> {
  const slotItem = await store.get(slotsNamespace(userId), slot);
  const versions = versionsOf(slotItem?.value);
  const previous = versions.at(-1);
  if (previous === key) return;
  if (previous !== undefined) {
    const old = await store.get(factsNamespace, previous);
    if (old !== null && old !== undefined) await store.put(factsNamespace, previous, { ...old.value, superseded_by: key, superseded_at: now }, false);
  }
  const restated = await store.get(factsNamespace, key);
  if (restated !== null && restated !== undefined && restated.value.superseded_by !== undefined) {
    const { superseded_by: _by, superseded_at: _at, ...value } = restated.value;
    await store.put(factsNamespace, key, { ...value, created_at: now }, false);
  }
  await store.put(slotsNamespace(userId), slot, { versions: [...versions.filter((version) => version !== key), key].slice(-MAX_VERSIONS) }, false);
}

/**
 * The versions of a user's single-valued fact, oldest first, the current one last: "where does the user
 * live", and where they lived before.
 *
 * @example
 * await factHistory(store, "ada", "home") // [{ text: "I live in Lisbon.", current: false, … }, { text: "I moved to Porto last spring.", current: true, … }]
 */
export async function factHistory(store: BaseStore, factsNamespace: string[], userId: string, slot: string): Promise<FactVersion[]> {
  const versions = versionsOf((await store.get(slotsNamespace(userId), slot))?.value);
  const items = await Promise.all(versions.map((key) => store.get(factsNamespace, key)));
  const history: FactVersion[] = [];
  items.forEach((item, index) => {
    const value = item?.value;
    if (value === undefined || typeof value.text !== "string") return;
    history.push({
      key: versions[index]!,
      text: value.text,
      created_at: typeof value.created_at === "number" ? value.created_at : 0,
      ...(typeof value.superseded_at === "number" ? { superseded_at: value.superseded_at } : {}),
      current: value.superseded_by === undefined,
    });
  });
  return history;
}
