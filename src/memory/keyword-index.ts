import type { BaseStore } from "@langchain/langgraph-checkpoint";

/**
 * A per-user inverted index kept in the BaseStore as many small items, so a query never reads a large one:
 * a posting is the item `["memory", user, "postings", keyword] / factKey` (an empty value), and each
 * keyword's document frequency is the item `["memory", user, "keyword-counts"] / keyword`. Reading one
 * keyword's postings is then a namespace-prefix search with a limit.
 */
export const postingsNamespace = (userId: string, keyword: string): string[] => ["memory", userId, "postings", keywordLabel(keyword)];
/** Document frequencies of the user's keywords, and (under `FACT_COUNT_KEY`) how many facts are stored. */
export const keywordCountsNamespace = (userId: string): string[] => ["memory", userId, "keyword-counts"];
/** Keywords start with a letter or digit, so this key never collides with one. */
export const FACT_COUNT_KEY = "_facts";

/** Namespace labels may not contain "." (numbers like 16.2 do): "~" never occurs in a keyword. */
function keywordLabel(keyword: string): string {
  return keyword.replaceAll(".", "~");
}

const countOf = (value: Record<string, unknown> | undefined): number => {
  const count = value?.count;
  return typeof count === "number" && Number.isFinite(count) ? count : 0;
};

/**
 * Keys of the newest facts per keyword, kept in its count item: a keyword in thousands of facts is read from
 * this list, not by a namespace search, whose cost grows with the keyword's postings (SQLite sorts them all:
 * 30 ms for 10,000). Items written before this list existed fall back to the search.
 */
export const RECENT_POSTINGS = 32;

const recentOf = (value: Record<string, unknown> | undefined): string[] | undefined =>
  Array.isArray(value?.recent) ? value.recent.filter((key): key is string => typeof key === "string") : undefined;

/** Adds new facts' postings and counts. Counts are read-modify-write: two concurrent writers may undercount, which only shifts weights. */
export async function indexKeywords(store: BaseStore, userId: string, entries: ReadonlyArray<{ key: string; keywords: readonly string[] }>): Promise<void> {
  const added = new Map<string, number>();
  const newest = new Map<string, string[]>();
  const writes: Array<Promise<void>> = [];
  for (const { key, keywords } of entries) {
    for (const keyword of keywords) {
      added.set(keyword, (added.get(keyword) ?? 0) + 1);
      // Later entries are newer: each goes to the front.
      newest.set(keyword, [key, ...(newest.get(keyword) ?? [])].slice(0, RECENT_POSTINGS));
      writes.push(store.put(postingsNamespace(userId, keyword), key, {}, false));
    }
  }
  const counted = [...added.keys(), FACT_COUNT_KEY];
  const current = await Promise.all(counted.map((keyword) => store.get(keywordCountsNamespace(userId), keyword)));
  counted.forEach((keyword, index) => {
    const increment = keyword === FACT_COUNT_KEY ? entries.length : (added.get(keyword) ?? 0);
    const count = countOf(current[index]?.value) + increment;
    if (keyword === FACT_COUNT_KEY) {
      writes.push(store.put(keywordCountsNamespace(userId), keyword, { count }, false));
      return;
    }
    const fresh = newest.get(keyword) ?? [];
    const recent = [...fresh, ...(recentOf(current[index]?.value) ?? []).filter((key) => !fresh.includes(key))].slice(0, RECENT_POSTINGS);
    writes.push(store.put(keywordCountsNamespace(userId), keyword, { count, recent }, false));
  });
  await Promise.all(writes);
}

/**
 * Document frequencies of some keywords (0 for unknown ones), the newest facts of each (see RECENT_POSTINGS;
 * undefined for items older than that list) and the number of facts.
 */
export async function keywordCounts(store: BaseStore, userId: string, keywords: readonly string[]): Promise<{ counts: number[]; recent: Array<string[] | undefined>; facts: number }> {
  const items = await Promise.all([...keywords, FACT_COUNT_KEY].map((keyword) => store.get(keywordCountsNamespace(userId), keyword)));
  const counts = items.map((item) => countOf(item?.value));
  return { counts: counts.slice(0, keywords.length), recent: items.slice(0, keywords.length).map((item) => recentOf(item?.value)), facts: counts[keywords.length] ?? 0 };
}

/** Keys of the facts containing a keyword: all of them up to `limit`, the newest first. */
export async function postingsOf(store: BaseStore, userId: string, keyword: string, limit: number): Promise<string[]> {
  const items = await store.search(postingsNamespace(userId, keyword), { limit });
  return items.map((item) => item.key);
}
