import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { SwitchyardError } from "../errors.ts";
import { factHistory, supersede, type FactVersion } from "./fact-history.ts";
import { slotTerms } from "./fact-statements.ts";
import { keywordsOf, normaliseFact, type ExtractedFact } from "./facts.ts";
import { indexKeywords, keywordCounts, postingsOf } from "./keyword-index.ts";
import { contentHash } from "./token-accounting.ts";

/** A user id that cannot name a namespace: empty, too long, or with a "." (the store's label separator). */
export class FactUserIdError extends SwitchyardError {
  readonly value: string;
  constructor(value: string) {
    super("input_invalid", `memory.user_id ${JSON.stringify(value.slice(0, 80))} cannot key a user's facts: use 1 to 128 characters without "." (for example a UUID or "user-42")`);
    this.value = value;
  }
}

/** Where a user's facts live: one namespace per user, so nothing crosses from one user to another. */
export const factsNamespace = (userId: string): string[] => {
  if (userId === "" || userId.length > 128 || userId.includes(".")) throw new FactUserIdError(userId);
  return ["memory", userId, "facts"];
};

/**
 * What may be stored of a fact: its text as stored (PII redacted, masked or hashed), or undefined to store
 * nothing. The engine wires it from the verification policy (nodes/recall-memory.ts); memory itself does
 * not read policies.
 */
export type FactGuard = (text: string) => string | undefined;

/** A fact as stored (the item's value). */
export interface StoredFact {
  text: string;
  /** The strongest signal: preference, decision, specification, pending_action or number. */
  kind: string;
  keywords: string[];
  created_at: number;
  thread_id?: string;
  /** The single-valued thing it sets; a later fact of the same slot supersedes it (see fact-history.ts). */
  slot?: string;
  /** The fact that replaced this one, and when: kept for the history, never recalled. */
  superseded_by?: string;
  superseded_at?: number;
}

export interface RememberOptions {
  now: () => number;
  threadId?: string;
  /** Applied to every fact before it is keyed or stored (see FactGuard). */
  guard?: FactGuard;
}

const factKey = (text: string): string => {
  const normal = normaliseFact(text);
  return `${contentHash(normal)}-${normal.length}`;
};

/**
 * Stores facts under the user's namespace and indexes their keywords (see keyword-index.ts); a fact
 * already stored is left as it was. A fact with a slot becomes its slot's current version, the previous one
 * marked superseded (history kept; see fact-history.ts). The guard, when given, redacts or drops each fact
 * first. Returns how many were new.
 */
export async function rememberFacts(store: BaseStore, userId: string, said: readonly ExtractedFact[], options: RememberOptions): Promise<number> {
  const namespace = factsNamespace(userId);
  const facts: ExtractedFact[] = [];
  for (const fact of said) {
    const text = options.guard === undefined ? fact.text : options.guard(fact.text);
    if (text !== undefined && text.trim() !== "") facts.push({ ...fact, text });
  }
  if (facts.length === 0) return 0;
  const keys = facts.map((fact) => factKey(fact.text));
  // get/put rather than batch: inside a graph the store is LangGraph's AsyncBatchedStore, which batches these itself.
  const existing = await Promise.all(keys.map((key) => store.get(namespace, key)));
  const fresh = new Map<string, ExtractedFact>();
  facts.forEach((fact, index) => {
    if (existing[index] === null || existing[index] === undefined) fresh.set(keys[index]!, fact);
  });
  const at = options.now();
  const entries = [...fresh].map(([key, fact]) => ({ key, fact, keywords: keywordsOf(`${fact.text} ${slotTerms(fact.slot)}`) }));
  await Promise.all(
    entries.map(({ key, fact, keywords }) => {
      const value: StoredFact = {
        text: fact.text,
        kind: fact.kinds.find((kind) => kind !== "number") ?? fact.kinds[0] ?? "statement",
        keywords,
        created_at: at,
        ...(options.threadId ? { thread_id: options.threadId } : {}),
        ...(fact.slot === undefined ? {} : { slot: fact.slot }),
      };
      return store.put(namespace, key, { ...value }, false);
    }),
  );
  if (entries.length > 0) await indexKeywords(store, userId, entries);
  // In the order said: of two statements of one slot, the later is current. Restating an old value makes it current again.
  for (let index = 0; index < facts.length; index += 1) {
    const slot = facts[index]!.slot;
    if (slot !== undefined) await supersede(store, namespace, userId, slot, keys[index]!, at);
  }
  return fresh.size;
}

/** The versions of one of a user's single-valued facts, oldest first (see fact-history.ts). */
export function factHistoryOf(store: BaseStore, userId: string, slot: string): Promise<FactVersion[]> {
  return factHistory(store, factsNamespace(userId), userId, slot);
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
  /**
   * How much recency adds: a candidate's score is its keyword relevance times (1 + recencyWeight × r), r
   * going from 0 for the oldest candidate to 1 for the newest. 0.25 unless given: a newer fact wins among
   * equally relevant ones, never over a clearly more relevant one.
   */
  recencyWeight?: number;
}

/** Postings read per keyword at most: a keyword in more facts than this is scored on the candidates instead. */
export const MAX_POSTINGS_READ = 200;

const isCurrent = (value: Partial<StoredFact> | undefined): boolean => value?.superseded_by === undefined;
const createdAt = (value: Partial<StoredFact> | undefined): number => (typeof value?.created_at === "number" ? value.created_at : 0);

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
  const { counts, recent, facts } = await keywordCounts(store, userId, terms);
  const weights = new Map<string, number>();
  terms.forEach((term, index) => {
    const count = counts[index] ?? 0;
    // A word in every fact says nothing; an unknown word matches nothing.
    if (count > 0) weights.set(term, Math.log(1 + Math.max(facts, count) / count));
  });
  const known = terms.filter((term) => weights.has(term)).sort((left, right) => (weights.get(right) ?? 0) - (weights.get(left) ?? 0));
  const rare = known.filter((term) => counts[terms.indexOf(term)]! <= MAX_POSTINGS_READ);
  const read = rare.length > 0 ? rare : known.slice(0, 1);
  // A common keyword's newest facts come with its count (RECENT_POSTINGS); only rare ones are searched.
  const postings = await Promise.all(
    read.map((term) => {
      const index = terms.indexOf(term);
      const newest = recent[index];
      return (counts[index] ?? 0) > MAX_POSTINGS_READ && newest !== undefined ? newest : postingsOf(store, userId, term, MAX_POSTINGS_READ);
    }),
  );
  const partial = new Map<string, number>();
  read.forEach((term, index) => {
    for (const key of postings[index] ?? []) partial.set(key, (partial.get(key) ?? 0) + (weights.get(term) ?? 0));
  });
  if (partial.size === 0) {
    const latest = await store.search(namespace, { filter: { kind: "preference" }, limit: options.limit * 2 });
    return latest
      .filter((item) => isCurrent(item.value as Partial<StoredFact>))
      .sort((left, right) => createdAt(right.value as Partial<StoredFact>) - createdAt(left.value as Partial<StoredFact>))
      .slice(0, options.limit)
      .map((item) => recalledOf(item.key, { ...(item.value as Partial<StoredFact>), kind: "preference" }, 0));
  }
  const byPartial = (left: [string, number], right: [string, number]) => right[1] - left[1] || left[0].localeCompare(right[0]);
  const candidates = [...partial.entries()].sort(byPartial).slice(0, Math.max(32, options.limit * 4));
  const items = await Promise.all(candidates.map(([key]) => store.get(namespace, key)));
  const scored: Array<{ fact: RecalledFact; created: number }> = [];
  candidates.forEach(([key], index) => {
    const value = items[index]?.value as Partial<StoredFact> | undefined;
    // Superseded versions are history: recall gives the current value only.
    if (typeof value?.text !== "string" || !isCurrent(value)) return;
    const keywords = Array.isArray(value.keywords) ? value.keywords : [];
    let score = 0;
    for (const keyword of keywords) score += weights.get(keyword) ?? 0;
    scored.push({ fact: recalledOf(key, value, score), created: createdAt(value) });
  });
  const oldest = Math.min(...scored.map((entry) => entry.created));
  const span = Math.max(...scored.map((entry) => entry.created)) - oldest;
  const weight = options.recencyWeight ?? 0.25;
  for (const entry of scored) entry.fact.score *= 1 + weight * (span > 0 ? (entry.created - oldest) / span : 0);
  return scored
    .sort((left, right) => right.fact.score - left.fact.score || right.created - left.created || left.fact.key.localeCompare(right.fact.key))
    .map((entry) => entry.fact)
    .slice(0, options.limit);
}
