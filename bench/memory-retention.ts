/**
 * Memory retention: long seeded conversations (support, coding help, travel planning; ~200 turns with
 * planted facts and corrections, see src/workload/conversation-generator.ts) are played turn by turn
 * through compactHistory, as the gateway's memory step does on every request, for each strategy (window,
 * summary, priority) at budgets of 1:10 and 1:4 of the conversation's size, on the local path (no
 * summariser model). At the end, a planted fact counts as available when its answer appears in what the
 * model sees (memory context: ledger, summary blocks; and the kept messages); a corrected fact counts when
 * its new value is seen and its old one is not presented as current. Gold labels are read only to score.
 *
 * Four seed sets: `tuned` (seeds 1–3, the phrasing table the code was developed against), `held_out`
 * (seeds 101–103, a second phrasing table not tuned against), `fresh` (seeds 201–203, a third table
 * written before the typed-slot change and measured once after it) and `novel` (seeds 401–403, new kinds
 * of facts, phrasings and correction forms and a fourth kind, committed before the general slot reading
 * ran on it: src/workload/conversation-facts-novel.ts); later sets up to `sealed` (seeds 701–703, a job-search kind, written
 * blind: src/workload/conversation-facts-sealed.ts, `RETENTION_SETS=sealed`) and `vault` (seeds 801–803, a home insurance
 * claim kind, corrections of corrections and unchanged restatements, written blind: src/workload/conversation-facts-vault.ts,
 * `RETENTION_SETS=vault`), `own` (seeds 801–803, a development set of the sixth round: conversation-facts-own.ts) and `harbor`
 * (seeds 901–903, a garage repair kind, values the assistant offers and the user confirms, one item of a list swapped,
 * relative dates, written blind: src/workload/conversation-facts-harbor.ts, `RETENTION_SETS=harbor`), `lantern` (seeds
 * 1001–1003, a dental clinic kind, offers turned down for the user's own value, values dropped with nothing in their place,
 * written blind: src/workload/conversation-facts-lantern.ts, `RETENTION_SETS=lantern`), `quarry` (seeds 1101–1103, a
 * letting agency's repairs desk, corrections with their lead-in turns earlier, quoted from a third party, in other units,
 * values that are negations, written blind: src/workload/conversation-facts-quarry.ts, `RETENTION_SETS=quarry`), `kiln` (seeds
 * 1301–1303, a freight broker's desk, values and corrections as people type them at work: shorthand, pasted lines, mid-sentence
 * repairs, "tbc", written blind: src/workload/conversation-facts-kiln.ts, `RETENTION_SETS=kiln`), `slate` (seeds 1501–1503, a
 * mortgage broker's case desk, corrections as chat tools and phones write them: strikethrough, s/old/new/, "EDIT:", a
 * recap amended, voice notes; near-identical values; written blind: src/workload/conversation-facts-slate.ts, `RETENTION_SETS=slate`), `ember` (seeds 1601–1603, a
 * wedding planner, corrections as table rows, change-list bullets, another person on the account, answers to a question; values
 * one unit or currency apart; written blind: src/workload/conversation-facts-ember.ts, `RETENTION_SETS=ember`), `cinder`
 * (seeds 1701–1703, a home-care agency, corrections as a resubmitted form, a voicemail from someone else, a forwarded message,
 * ❌/✅ lines; partial corrections of compound values; written blind: src/workload/conversation-facts-cinder.ts,
 * `RETENTION_SETS=cinder`), `flint` (seeds 1801–1803, a boat-mooring marina, corrections as a "> " quoted email reply,
 * a -old/+new diff pair, an overwritten sheet cell, a second person on the account, a subject only in the previous turn;
 * same-shape values side by side; written blind: src/workload/conversation-facts-flint.ts, `RETENTION_SETS=flint`), `basalt` (seeds 1901–1903, a band's
 * tour logistics, corrections as "make it X instead", a "*value" fix, a quoted chat reply, an amended calendar invite, a
 * date moved a week, a distance re-given in miles, a subject only by "it"; written blind:
 * src/workload/conversation-facts-basalt.ts, `RETENTION_SETS=basalt`) and `pumice` (seeds 2001–2003, a clinical-trial
 * site, corrections as a tracked change, "let me rephrase", a disputed read-back, a sticky note, "(message edited)",
 * "upd8", a key = value line, a colleague's reply-all, a protocol amendment, "push it back two days"; written blind:
 * src/workload/conversation-facts-pumice.ts, `RETENTION_SETS=pumice`). Stable prefix: per request, the tokens of
 * the longest common prefix with the previous request (system text with memory context, then the
 * messages), over the requests from the first compaction on (before it every request extends the
 * previous one); summed over requests (what a provider's cache discount applies to) and, stricter, as the
 * mean of per-request shares. Baseline: the window strategy at the same budget, same run.
 */
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { MemoryStrategyName } from "../src/config/memory-config.ts";
import { compactHistory, currentText, earlierText, memoryContext, memoryStateOf, textOf, TokenCounter, type MemoryState } from "../src/memory/index.ts";
import { percentile } from "../src/telemetry/index.ts";
import { kindsOf, phrasingVariants, type ConversationKind, type PhrasingVariant } from "../src/workload/conversation-facts.ts";
import { generateConversation, type Conversation } from "../src/workload/conversation-generator.ts";
import { commonPrefixLength, scoreRetention, type RetentionScore } from "../src/workload/retention-score.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const strategies = ["window", "summary", "priority"] as const satisfies readonly MemoryStrategyName[];
const ratios = [10, 4] as const;
const seedSets: Record<PhrasingVariant, readonly number[]> = { tuned: [1, 2, 3], held_out: [101, 102, 103], fresh: [201, 202, 203], novel: [401, 402, 403], unseen: [501, 502, 503], blind: [601, 602, 603], sealed: [701, 702, 703], vault: [801, 802, 803], own: [801, 802, 803], harbor: [901, 902, 903], lantern: [1001, 1002, 1003], quarry: [1101, 1102, 1103], forge: [1101, 1102, 1103], forge_check: [1201, 1202, 1203], kiln: [1301, 1302, 1303], anvil_check: [1401, 1402, 1403], slate: [1501, 1502, 1503], ember: [1601, 1602, 1603], cinder: [1701, 1702, 1703], flint: [1801, 1802, 1803], basalt: [1901, 1902, 1903], pumice: [2001, 2002, 2003], dev: [301, 302, 303, 304, 305, 306] };
/** `RETENTION_SETS=tuned,held_out` runs only those sets (how the fresh set is kept out of a tuning loop; `dev` only when named). */
const variants: readonly PhrasingVariant[] = (process.env["RETENTION_SETS"] ?? phrasingVariants.join(","))
  .split(",")
  .map((name) => name.trim())
  .filter((name): name is PhrasingVariant => [...phrasingVariants, "dev"].includes(name));
const systemPrompt: Record<ConversationKind, string> = {
  support: "You are the support assistant of a software and connectivity provider. Be precise and friendly.",
  coding: "You are a senior engineer helping a colleague with a TypeScript service. Be concrete.",
  travel: "You are a travel planner helping a family plan a trip. Keep track of their plans.",
  renovation: "You are a project coordinator helping a household renovate their home. Keep track of the details.",
  moving: "You are a relocation assistant helping a family move house. Keep track of the arrangements.",
  event: "You are an event planner helping a family organise a celebration. Keep track of the arrangements.",
  jobsearch: "You are a career coach helping someone through a job search. Keep track of the applications and offers.",
  claim: "You are a claims handler helping a household through a home insurance claim. Keep track of the details.",
  garage: "You are a service adviser at a garage helping a customer get their car repaired. Keep track of the details.",
  clinic: "You are the front-desk assistant of a dental clinic helping a patient arrange their treatment. Keep track of the details.",
  tenancy: "You are the repairs desk of a letting agency helping a tenant get repairs done in their flat. Keep track of the details.",
  freight: "You are a freight broker's desk helping a shipper move their loads. Keep track of the details.",
  vet: "You are the front-desk assistant of a vet practice helping an owner arrange their dog's care. Keep track of the details.",
  nursery: "You are the office of a children's nursery helping a parent arrange their child's place. Keep track of the details.",
  mortgage: "You are a mortgage broker's case desk helping a client get their mortgage through. Keep track of the details.",
  wedding: "You are a wedding planner helping a couple organise their wedding. Keep track of the details.",
  homecare: "You are the coordinator of a home-care agency helping a family arrange care visits for their father. Keep track of the details.",
  marina: "You are the office of a marina helping a boat owner arrange a berth for their boat. Keep track of the details.",
  tour: "You are a booking agent's assistant helping a band with the logistics of their tour. Keep track of the details.",
  trialsite: "You are an assistant to a clinical-trial site coordinator helping run a study at their site. Keep track of the details.",
};

interface RunOutcome {
  score: RetentionScore;
  /** Ledger lines keeping an earlier version ("… (earlier: …)"), and planted facts seen only inside one: a wrong guess. */
  earlierLines: number;
  onlyAsEarlier: number;
  tokensKept: number;
  compactionMs: number[];
  /** CPU time of the same calls: steadier than wall time on a shared machine. */
  compactionCpuMs: number[];
  /** Per request from the first compaction on: tokens of the common prefix with the previous request, and all its tokens. */
  prefixes: Array<{ same: number; total: number }>;
  /** Where the kept context's tokens go at the end: ledger lines, summary blocks, kept messages. */
  spend: { ledger: number; blocks: number; window: number };
  /** Scoring only: planted facts not seen at the end, by where they went (see lossesOf). */
  losses: { neverKept: number; superseded: number; dropped: number };
}

/** The request as a provider receives it: the system text (prompt and memory context), then the messages. */
function requestOf(kind: ConversationKind, memory: MemoryState, messages: readonly BaseMessage[]): { system: string; messages: readonly BaseMessage[] } {
  const context = memoryContext(memory);
  return { system: [systemPrompt[kind], context].filter((part) => part !== undefined).join("\n\n"), messages };
}

/** Tokens of the request's longest common prefix with the previous request, and the request's tokens. */
function prefixOf(previous: ReturnType<typeof requestOf>, current: ReturnType<typeof requestOf>, counter: TokenCounter): { same: number; total: number } {
  const total = counter.text(current.system) + counter.total(current.messages);
  if (previous.system !== current.system) return { same: counter.text(current.system.slice(0, commonPrefixLength(previous.system, current.system))), total };
  let same = counter.text(current.system);
  for (let index = 0; index < current.messages.length && index < previous.messages.length; index += 1) {
    const before = previous.messages[index]!;
    const now = current.messages[index]!;
    if (before.id !== now.id || textOf(before) !== textOf(now)) break;
    same += counter.count(now);
  }
  return { same, total };
}

async function play(conversation: Conversation, strategy: MemoryStrategyName, ratio: number, counter: TokenCounter): Promise<RunOutcome> {
  const all: BaseMessage[] = [new SystemMessage({ id: "system", content: systemPrompt[conversation.kind] })];
  conversation.turns.forEach((turn, index) => all.push(turn.role === "user" ? new HumanMessage({ id: `m${index}`, content: turn.text }) : new AIMessage({ id: `m${index}`, content: turn.text })));
  const budget = Math.floor(counter.total(all) / ratio);
  let messages: BaseMessage[] = [all[0]!];
  let memory = memoryStateOf({ strategy });
  const compactionMs: number[] = [];
  const compactionCpuMs: number[] = [];
  const prefixes: Array<{ same: number; total: number }> = [];
  let previous: ReturnType<typeof requestOf> | undefined;
  let compacted = false;
  // Every line the ledger ever held (harness side, read only to score losses afterwards).
  const everInLedger = new Set<string>();
  for (const message of all.slice(1)) {
    messages.push(message);
    if (message.getType() !== "human") continue;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await compactHistory(messages, { strategy, budget, counter, memory, recentMessages: 10, detailedMessages: 30, now: () => performance.now() });
    if (result.compaction !== undefined) {
      compactionMs.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuStarted);
      compactionCpuMs.push((cpu.user + cpu.system) / 1000);
      compacted = true;
    }
    messages = result.kept;
    memory = result.memory;
    for (const entry of memory.ledger) everInLedger.add(entry.text);
    const request = requestOf(conversation.kind, memory, messages);
    // The system prompt's own text is only the text, not the SystemMessage kept in messages: count it once.
    const withoutSystem = { system: request.system, messages: messages.filter((kept) => kept.getType() !== "system") };
    if (previous !== undefined && compacted) prefixes.push(prefixOf(previous, withoutSystem, counter));
    previous = withoutSystem;
  }
  const seen = { context: memoryContext(memory) ?? "", window: messages.map((kept) => textOf(kept)) };
  const spend = { ledger: counter.text(memory.ledger.map((entry) => `- ${entry.text}`).join("\n")), blocks: counter.text(memory.summary_blocks.join("\n")), window: counter.total(messages.filter((kept) => kept.getType() !== "system")) };
  return { score: scoreRetention(conversation.facts, seen), ...earlierFigures(conversation, memory, seen.window), tokensKept: memory.tokens ?? 0, compactionMs, compactionCpuMs, prefixes, spend, losses: lossesOf(conversation, memory, [seen.context, ...seen.window].join("\n"), everInLedger) };
}

/**
 * Scoring only (gold, after the run): the planted facts not seen at the end, by where they went: never in the
 * ledger (not read as a statement), superseded (in a line's history: a correction took its place), or
 * dropped (in the ledger once, gone without a trace: the ledger's cap or a merge, i.e. for space).
 */
function lossesOf(conversation: Conversation, memory: MemoryState, seen: string, everInLedger: ReadonlySet<string>): RunOutcome["losses"] {
  const losses = { neverKept: 0, superseded: 0, dropped: 0 };
  for (const fact of conversation.facts) {
    if (valueIn(fact.answer, seen)) continue;
    if (![...everInLedger].some((text) => valueIn(fact.answer, text))) losses.neverKept += 1;
    else if (memory.ledger.some((entry) => entry.replaces.some((text) => valueIn(fact.answer, text)))) losses.superseded += 1;
    else losses.dropped += 1;
  }
  return losses;
}

/** Whole-value match, as the retention score reads values (case-sensitive; "11" is not in "11:40"). */
const valueIn = (value: string, text: string) => new RegExp(`(?<![\\w\\-:.,])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-]|[:.,]\\d)`).test(text);

/**
 * Scoring only (gold labels, after the run): how many ledger lines keep an earlier version, and how many planted
 * facts' current answers are seen only inside one, where the model reads them as superseded.
 */
function earlierFigures(conversation: Conversation, memory: MemoryState, window: readonly string[]): { earlierLines: number; onlyAsEarlier: number } {
  const lines = memory.ledger.map((entry) => entry.text);
  const earlier = lines.map((line) => earlierText(line)).filter((text): text is string => text !== undefined);
  const current = [...memory.summary_blocks, ...lines.map((line) => currentText(line)), ...window].join("\n");
  const onlyAsEarlier = conversation.facts.filter((fact) => earlier.some((text) => valueIn(fact.answer, text)) && !valueIn(fact.answer, current)).length;
  return { earlierLines: earlier.length, onlyAsEarlier };
}

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length);

export async function run(): Promise<BenchResult> {
  const counter = new TokenCounter("o200k_base");
  const figures: BenchFigure[] = [];
  const windowShare = new Map<string, number>();
  const windowPrefix = new Map<string, number>();
  for (const variant of variants) {
    for (const ratio of ratios) {
      for (const strategy of strategies) {
        const outcomes: RunOutcome[] = [];
        for (const kind of kindsOf(variant)) {
          const perKind: RunOutcome[] = [];
          for (const seed of seedSets[variant]) perKind.push(await play(generateConversation({ kind, seed, variant }), strategy, ratio, counter));
          outcomes.push(...perKind);
          const available = perKind.reduce((total, outcome) => total + outcome.score.available, 0) / perKind.reduce((total, outcome) => total + outcome.score.planted, 0);
          const latest = perKind.reduce((total, outcome) => total + outcome.score.latest, 0) / Math.max(1, perKind.reduce((total, outcome) => total + outcome.score.corrected, 0));
          const key = `${variant} 1:${ratio} ${kind}`;
          if (strategy === "window") windowShare.set(key, available);
          const goal = strategy === "summary" ? (ratio === 10 ? 85 : 95) : undefined;
          const base = windowShare.get(key);
          figures.push({ metric: `${variant} ${strategy} 1:${ratio} ${kind}: planted facts available`, value: available * 100, unit: "%", ...(goal !== undefined ? { goal } : {}), ...(strategy !== "window" && base !== undefined ? { baseline: "window, same budget", ratio: available / Math.max(base, 1e-9) } : {}) });
          figures.push({ metric: `${variant} ${strategy} 1:${ratio} ${kind}: corrected facts, latest value only`, value: latest * 100, unit: "%", ...(strategy === "summary" ? { goal: 95 } : {}) });
          figures.push({ metric: `${variant} ${strategy} 1:${ratio} ${kind}: tokens kept at the end (mean)`, value: mean(perKind.map((outcome) => outcome.tokensKept)), unit: "tokens" });
        }
        const times = outcomes.flatMap((outcome) => outcome.compactionMs);
        const label = `${variant} ${strategy} 1:${ratio}`;
        figures.push({ metric: `${label}: tokens kept at the end (mean)`, value: mean(outcomes.map((outcome) => outcome.tokensKept)), unit: "tokens" });
        if (strategy === "summary") {
          const sum = (pick: (score: RetentionScore) => number) => outcomes.reduce((total, outcome) => total + pick(outcome.score), 0);
          figures.push({ metric: `${label}: planted facts available, all kinds (${sum((score) => score.available)} of ${sum((score) => score.planted)})`, value: (sum((score) => score.available) / Math.max(1, sum((score) => score.planted))) * 100, unit: "%" });
          figures.push({ metric: `${label}: corrected facts latest only, all kinds (${sum((score) => score.latest)} of ${sum((score) => score.corrected)})`, value: (sum((score) => score.latest) / Math.max(1, sum((score) => score.corrected))) * 100, unit: "%" });
          figures.push({ metric: `${label}: ledger lines keeping an earlier version (all conversations)`, value: outcomes.reduce((total, outcome) => total + outcome.earlierLines, 0), unit: "lines" });
          figures.push({ metric: `${label}: planted facts seen only as an earlier version (wrong guesses)`, value: outcomes.reduce((total, outcome) => total + outcome.onlyAsEarlier, 0), unit: "facts" });
          for (const [part, name] of [["ledger", "ledger lines"], ["blocks", "summary blocks"], ["window", "kept messages"]] as const) figures.push({ metric: `${label}: tokens at the end in ${name} (mean)`, value: mean(outcomes.map((outcome) => outcome.spend[part])), unit: "tokens" });
          for (const [part, name] of [["neverKept", "never in the ledger"], ["superseded", "superseded by another statement"], ["dropped", "dropped for space"]] as const) figures.push({ metric: `${label}: planted facts lost, ${name}`, value: outcomes.reduce((total, outcome) => total + outcome.losses[part], 0), unit: "facts" });
        }
        figures.push({ metric: `${label}: compaction time p50`, value: times.length === 0 ? 0 : percentile(times, 0.5), unit: "ms" });
        figures.push({ metric: `${label}: compaction time p95`, value: times.length === 0 ? 0 : percentile(times, 0.95), unit: "ms" });
        const cpuTimes = outcomes.flatMap((outcome) => outcome.compactionCpuMs);
        figures.push({ metric: `${label}: compaction CPU time p50`, value: cpuTimes.length === 0 ? 0 : percentile(cpuTimes, 0.5), unit: "ms" });
        figures.push({ metric: `${label}: compaction CPU time mean`, value: mean(cpuTimes), unit: "ms" });
        const prefixes = outcomes.flatMap((outcome) => outcome.prefixes);
        const weighted = prefixes.reduce((total, prefix) => total + prefix.same, 0) / Math.max(1, prefixes.reduce((total, prefix) => total + prefix.total, 0));
        figures.push({ metric: `${label}: input tokens that are an unchanged prefix of the previous request`, value: weighted * 100, unit: "%", ...(strategy === "summary" ? { goal: 80, baseline: "window, same budget", ratio: weighted / Math.max(windowPrefix.get(`${variant} 1:${ratio}`) ?? 1e-9, 1e-9) } : {}) });
        figures.push({ metric: `${label}: same, mean of per-request shares`, value: mean(prefixes.map((prefix) => prefix.same / prefix.total)) * 100, unit: "%" });
        if (strategy === "window") windowPrefix.set(`${variant} 1:${ratio}`, weighted);
      }
    }
  }
  return { name: "memory-retention", figures };
}
