/**
 * Cross-session recall of planted user facts (issue #17): for each of 12 seeded users, 20 facts (names,
 * places, numbers, dates, preferences, constraints) stated among ordinary turns in one thread, then asked
 * about in a new thread; a fact is stored when a stored fact of that user holds its value, recalled when
 * one of the `max_facts` (8) facts recalled for the question does. Run twice: with the phrasings the
 * extraction rules were written against, and with held-out phrasings never tuned on. Four kinds change
 * value in a third thread: recall must give the new value above the old, and the history must keep both.
 * The real path: extractFacts, rememberFacts, recallFacts on the SQLite store; the bench's gold values only
 * score the result.
 */
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { openSqliteStore } from "../checkpoints/index.ts";
import { extractFacts, factHistoryOf, factsNamespace, hasStrongSignal, recallFacts, rememberFacts, signalsOf, slotOf } from "../src/memory/index.ts";
import { percentile } from "../src/telemetry/index.ts";
import { seededRandom, type SeededRandom } from "../src/workload/index.ts";
import { factKinds, fillerTurns, type FactKind } from "./fact-phrasings.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const USERS = 12;
const MAX_FACTS = 8;

interface Planted {
  kind: FactKind;
  value: string;
  updated?: string;
}

const fill = (template: string, value: string) => {
  const text = template.replace("{v}", value);
  return text.charAt(0).toUpperCase() + text.slice(1);
};

function conversation(random: SeededRandom, statements: string[]): BaseMessage[] {
  const messages: BaseMessage[] = [];
  for (const statement of statements) {
    // Facts arrive inside ordinary turns, sometimes with a request in the same message.
    const before = random.chance(0.5) ? `${random.pick(fillerTurns)} ` : "";
    messages.push(new HumanMessage(`${before}${statement}`));
    messages.push(new AIMessage("Noted. Here is what I found: the usual process applies, and I will keep that in mind."));
    if (random.chance(0.6)) {
      messages.push(new HumanMessage(random.pick(fillerTurns)));
      messages.push(new AIMessage("Sure, here are the details you asked for."));
    }
  }
  return messages;
}

interface SetResult {
  planted: number;
  /** Planted statements the extraction before #17 would have stored: those with a preference, decision, specification or action keyword. */
  keywordOnly: number;
  stored: number;
  recalled: number;
  foreign: number;
  updates: number;
  updatedFirst: number;
  historyKept: number;
  latencies: number[];
}

async function runSet(phrasing: "tuned" | "heldOut", seed: number): Promise<SetResult> {
  const random = seededRandom(seed);
  const store = openSqliteStore(":memory:");
  const result: SetResult = { planted: 0, keywordOnly: 0, stored: 0, recalled: 0, foreign: 0, updates: 0, updatedFirst: 0, historyKept: 0, latencies: [] };
  const users = Array.from({ length: USERS }, (_, index) => `user-${seed}-${index}`);
  const plantedOf = new Map<string, Planted[]>();
  const saidOf = new Map<string, Set<string>>();
  let clock = 0;
  const now = () => (clock += 1);
  for (const user of users) {
    const planted = factKinds.map((kind): Planted => ({ kind, value: random.pick(kind.values) }));
    plantedOf.set(user, planted);
    const statements = planted.map((fact) => fill(random.pick(fact.kind[phrasing]), fact.value));
    result.keywordOnly += statements.filter((statement) => hasStrongSignal(signalsOf(statement))).length;
    const thread = conversation(random, statements);
    saidOf.set(user, new Set(thread.filter((message) => message instanceof HumanMessage).map((message) => String(message.content))));
    await rememberFacts(store, user, extractFacts(thread), { now, threadId: `${user}-a` });
    // A third thread changes the kinds that change.
    const updates = planted.filter((fact) => fact.kind.update !== undefined);
    for (const fact of updates) fact.updated = random.pick(fact.kind.values.filter((value) => value !== fact.value));
    const later = conversation(random, updates.map((fact) => fill(random.pick(fact.kind.update ?? []), fact.updated ?? "")));
    for (const message of later) if (message instanceof HumanMessage) saidOf.get(user)?.add(String(message.content));
    await rememberFacts(store, user, extractFacts(later), { now, threadId: `${user}-b` });
  }
  for (const user of users) {
    const stored = (await store.search(factsNamespace(user), { limit: 1_000 })).map((item) => String(item.value.text));
    const said = [...(saidOf.get(user) ?? [])].join("\n");
    for (const fact of plantedOf.get(user) ?? []) {
      const current = fact.updated ?? fact.value;
      result.planted += 1;
      if (stored.some((text) => text.includes(current))) result.stored += 1;
      const started = performance.now();
      const recalled = await recallFacts(store, user, random.pick(fact.kind.questions), { limit: MAX_FACTS });
      result.latencies.push(performance.now() - started);
      // Every recalled text must be something this user said: a fact of another user is a leak.
      result.foreign += recalled.filter((entry) => !said.includes(entry.text)).length;
      const position = (value: string) => recalled.findIndex((entry) => entry.text.includes(value));
      if (position(current) >= 0) result.recalled += 1;
      if (fact.updated !== undefined) {
        result.updates += 1;
        const fresh = position(fact.updated);
        const stale = position(fact.value);
        if (fresh >= 0 && (stale < 0 || fresh < stale)) result.updatedFirst += 1;
        const slotted = [...(saidOf.get(user) ?? [])].map((text) => slotOf(text)).find((slot) => slot !== undefined && stored.some((storedText) => storedText.includes(fact.updated ?? "") && slotOf(storedText) === slot));
        const history = slotted === undefined ? [] : await factHistoryOf(store, user, slotted);
        if (history.some((version) => version.text.includes(fact.value) && !version.current) && history.some((version) => version.text.includes(fact.updated ?? "") && version.current)) result.historyKept += 1;
      }
    }
  }
  store.close();
  return result;
}

export async function run(): Promise<BenchResult> {
  const figures: BenchFigure[] = [];
  for (const [phrasing, seed] of [["tuned", 17], ["heldOut", 1_717], ["heldOut", 90_001]] as const) {
    const set = await runSet(phrasing, seed);
    const label = `${phrasing === "tuned" ? "tuned phrasings" : "held-out phrasings"}, seed ${seed}`;
    figures.push(
      { metric: `${label}: planted facts stored (${set.planted})`, value: (set.stored / set.planted) * 100, unit: "%", goal: 90, baseline: "keyword-signal rule", ratio: set.stored / Math.max(1, set.keywordOnly) },
      { metric: `${label}: stored by the keyword-signal rule before #17 (baseline)`, value: (set.keywordOnly / set.planted) * 100, unit: "%" },
      { metric: `${label}: planted facts recalled in a new thread of the same user`, value: (set.recalled / set.planted) * 100, unit: "%", goal: 90 },
      { metric: `${label}: recalled facts of another user`, value: set.foreign, unit: "facts", goal: 0 },
      { metric: `${label}: changed facts, new value ranked above the old (${set.updates})`, value: (set.updatedFirst / Math.max(1, set.updates)) * 100, unit: "%" },
      { metric: `${label}: changed facts, history keeps old (superseded) and new (current)`, value: (set.historyKept / Math.max(1, set.updates)) * 100, unit: "%" },
      { metric: `${label}: recall p95 (${set.latencies.length} queries, ~${USERS * 24} facts)`, value: percentile(set.latencies, 0.95), unit: "ms", goal: 10 },
    );
  }
  return { name: "memory-recall", figures };
}
