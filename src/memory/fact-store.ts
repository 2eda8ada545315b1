import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { keywordsOf, normaliseFact, type ExtractedFact } from "./facts.ts";
import { indexKeywords, keywordCounts, postingsOf } from "./keyword-index.ts";
import { contentHash } from "./token-accounting.ts";

/** Where a user's facts live: one namespace per user, so nothing crosses from one user to another. */
export const factsNamespace = (userId: string): string[] => ["memory", userId, "facts"];

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

/**
 * Stores facts under the user's namespace and indexes their keywords (see keyword-index.ts); a fact
 * already stored is left as it was. Returns how many were new.
 */
export async function rememberFacts(store: BaseStore, userId: string, facts: readonly ExtractedFact[], options: RememberOptions): Promise<number> {
  if (facts.length === 0) return 0;
  const namespace = factsNamespace(userId);
  const keys = facts.map((fact) => factKey(fact.text));
  // get/put rather than batch: inside a graph the store is LangGraph's AsyncBatchedStore, which batches these itself.
  const existing = await Promise.all(keys.map((key) => store.get(namespace, key)));
  const fresh = new Map<string, ExtractedFact>();
  facts.forEach((fact, index) => {
    if (existing[index] === null || existing[index] === undefined) fresh.set(keys[index]!, fact);
  });
  if (fresh.size === 0) return 0;
  const entries = [...fresh].map(([key, fact]) => ({ key, fact, keywords: keywordsOf(fact.text) }));
  await Promise.all(
    entries.map(({ key, fact, keywords }) => {
      const value: StoredFact = { text: fact.text, kind: fact.kinds.find((kind) => kind !== "number") ?? fact.kinds[0] ?? "number", keywords, created_at: options.now(), ...(options.threadId ? { thread_id: options.threadId } : {}) };
      return store.put(namespace, key, value as unknown as Record<string, unknown>, false);
    }),
  );
  await indexKeywords(store, userId, entries);
  return fresh.size;
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

/** Postings read per keyword at most: a keyword in more facts than this is scored on the candidates instead. */
export const MAX_POSTINGS_READ = 200;

const recalledOf = (key: string, value: Partial<StoredFact>, score: number): RecalledFact => ({
  key,
  text: String(value.text ?? ""),
  kind: String(value.kind ?? ""),
  score,
  ...(typeof value.thread_id === "string" ? { thread_id: value.thread_id } : {}),
});

/**
 * The user's facts that best match a query, by the rarity-weighted (IDF) keywords they share with it.
 * Bounded work whatever the store holds: candidates come from the postings of the query's rarer keywords
 * (at most MAX_POSTINGS_READ each; the newest of the rarest keyword when every keyword is common), then
 * the best candidates are read and scored on all the query's keywords. With no keyword in common, the
 * user's latest stated preferences are recalled instead, through the store's filtered search.
 */
export async function recallFacts(store: BaseStore, userId: string, query: string, options: RecallOptions): Promise<RecalledFact[]> {
  const namespace = factsNamespace(userId);
  const terms = keywordsOf(query).slice(0, 32);
  const { counts, facts } = await keywordCounts(store, userId, terms);
  const weights = new Map<string, number>();
  terms.forEach((term, index) => {
    const count = counts[index] ?? 0;
    // A word in every fact says nothing; an unknown word matches nothing.
    if (count > 0) weights.set(term, Math.log(1 + Math.max(facts, count) / count));
  });
  const known = terms.filter((term) => weights.has(term)).sort((left, right) => (weights.get(right) ?? 0) - (weights.get(left) ?? 0));
  const rare = known.filter((term) => counts[terms.indexOf(term)]! <= MAX_POSTINGS_READ);
  const read = rare.length > 0 ? rare : known.slice(0, 1);
  const postings = await Promise.all(read.map((term) => postingsOf(store, userId, term, MAX_POSTINGS_READ)));
  const partial = new Map<string, number>();
  read.forEach((term, index) => {
    for (const key of postings[index] ?? []) partial.set(key, (partial.get(key) ?? 0) + (weights.get(term) ?? 0));
  });
  if (partial.size === 0) {
    const latest = await store.search(namespace, { filter: { kind: "preference" }, limit: options.limit });
    return latest.map((item) => recalledOf(item.key, { ...(item.value as Partial<StoredFact>), kind: "preference" }, 0));
  }
  const byPartial = (left: [string, number], right: [string, number]) => right[1] - left[1] || left[0].localeCompare(right[0]);
  const candidates = [...partial.entries()].sort(byPartial).slice(0, Math.max(32, options.limit * 4));
  const items = await Promise.all(candidates.map(([key]) => store.get(namespace, key)));
  const scored: RecalledFact[] = [];
  candidates.forEach(([key], index) => {
    const value = items[index]?.value as Partial<StoredFact> | undefined;
    if (typeof value?.text !== "string") return;
    const keywords = Array.isArray(value.keywords) ? value.keywords : [];
    let score = 0;
    for (const keyword of keywords) score += weights.get(keyword) ?? 0;
    scored.push(recalledOf(key, value, score));
  });
  return scored.sort((left, right) => right.score - left.score || left.key.localeCompare(right.key)).slice(0, options.limit);
}
