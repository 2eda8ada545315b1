import type { BaseStore, Item } from "@langchain/langgraph-checkpoint";
import { keywordsOf, normaliseFact, type ExtractedFact } from "./facts.ts";
import { contentHash } from "./token-accounting.ts";

/** Where a user's facts live: one namespace per user, so nothing crosses from one user to another. */
export const factsNamespace = (userId: string): string[] => ["memory", userId, "facts"];
/** The user's inverted index: one item per keyword, listing the keys of the facts that contain it. */
export const termsNamespace = (userId: string): string[] => ["memory", userId, "terms"];

/** A fact as stored (the item's value). */
export interface StoredFact {
  text: string;
  /** The strongest signal: preference, decision, specification, pending_action or number. */
  kind: string;
  keywords: string[];
  created_at: number;
  thread_id?: string;
}

export interface RememberOptions {
  now: () => number;
  threadId?: string;
}

const factKey = (text: string): string => {
  const normal = normaliseFact(text);
  return `${contentHash(normal)}-${normal.length}`;
};

const postingsOf = (item: Item | null | undefined): string[] => {
  const facts = (item?.value as { facts?: unknown } | undefined)?.facts;
  return Array.isArray(facts) ? facts.filter((fact): fact is string => typeof fact === "string") : [];
};

/**
 * Stores facts under the user's namespace and indexes their keywords; a fact already stored is left as
 * it was. Returns how many were new. Two threads of one user writing at once may lose an index entry
 * (read-modify-write), never a fact.
 */
export async function rememberFacts(store: BaseStore, userId: string, facts: readonly ExtractedFact[], options: RememberOptions): Promise<number> {
  if (facts.length === 0) return 0;
  const namespace = factsNamespace(userId);
  const keys = facts.map((fact) => factKey(fact.text));
  // get/put rather than batch: inside a graph the store is LangGraph's AsyncBatchedStore, which batches these itself.
  const existing = await Promise.all(keys.map((key) => store.get(namespace, key)));
  const fresh = facts.map((fact, index) => ({ fact, key: keys[index]!, known: existing[index] !== null && existing[index] !== undefined })).filter((entry) => !entry.known);
  if (fresh.length === 0) return 0;
  const byTerm = new Map<string, string[]>();
  const puts: Array<{ namespace: string[]; key: string; value: Record<string, unknown> }> = [];
  for (const { fact, key } of fresh) {
    const keywords = keywordsOf(fact.text);
    const value: StoredFact = { text: fact.text, kind: fact.kinds.find((kind) => kind !== "number") ?? fact.kinds[0] ?? "number", keywords, created_at: options.now(), ...(options.threadId ? { thread_id: options.threadId } : {}) };
    puts.push({ namespace, key, value: value as unknown as Record<string, unknown> });
    for (const keyword of keywords) byTerm.set(keyword, [...(byTerm.get(keyword) ?? []), key]);
  }
  const terms = [...byTerm.keys()];
  const postings = await Promise.all(terms.map((term) => store.get(termsNamespace(userId), term)));
  terms.forEach((term, index) => {
    const merged = [...new Set([...postingsOf(postings[index]), ...(byTerm.get(term) ?? [])])];
    puts.push({ namespace: termsNamespace(userId), key: term, value: { facts: merged } });
  });
  await Promise.all(puts.map((put) => store.put(put.namespace, put.key, put.value, false)));
  return fresh.length;
}

/** A recalled fact and why: the keywords it shares with the query, weighted by rarity. */
export interface RecalledFact {
  key: string;
  text: string;
  kind: string;
  score: number;
  thread_id?: string;
}

export interface RecallOptions {
  limit: number;
}

/**
 * The user's facts that best match a query, by keyword overlap weighted by rarity (a word in every fact
 * says nothing). With no keyword in common, the user's latest stated preferences are recalled instead,
 * through the store's filtered search.
 */
export async function recallFacts(store: BaseStore, userId: string, query: string, options: RecallOptions): Promise<RecalledFact[]> {
  const namespace = factsNamespace(userId);
  const terms = keywordsOf(query).slice(0, 32);
  const postings = await Promise.all(terms.map((term) => store.get(termsNamespace(userId), term)));
  const scores = new Map<string, number>();
  const lists = postings.map(postingsOf);
  const largest = Math.max(1, ...lists.map((list) => list.length));
  for (const list of lists) {
    const weight = Math.log(1 + (4 * largest) / list.length);
    for (const key of list) scores.set(key, (scores.get(key) ?? 0) + weight);
  }
  const ranked = [...scores.entries()].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0])).slice(0, options.limit);
  if (ranked.length === 0) {
    const latest = await store.search(namespace, { filter: { kind: "preference" }, limit: options.limit });
    return latest.map((item) => {
      const value = item.value as Partial<StoredFact>;
      return { key: item.key, text: String(value.text ?? ""), kind: "preference", score: 0, ...(typeof value.thread_id === "string" ? { thread_id: value.thread_id } : {}) };
    });
  }
  const items = await Promise.all(ranked.map(([key]) => store.get(namespace, key)));
  const recalled: RecalledFact[] = [];
  ranked.forEach(([key, score], index) => {
    const value = items[index]?.value as Partial<StoredFact> | undefined;
    if (typeof value?.text !== "string") return;
    recalled.push({ key, text: value.text, kind: String(value.kind ?? ""), score, ...(typeof value.thread_id === "string" ? { thread_id: value.thread_id } : {}) });
  });
  return recalled;
}
