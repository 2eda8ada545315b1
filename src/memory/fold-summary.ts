import type { BaseMessage } from "@langchain/core/messages";
import { extractiveSummary } from "./extractive-summary.ts";
import type { LedgerEntry } from "../state/ledger-entry.ts";
import { addStatements, capLedger, statementsOf, type Statement } from "./fact-ledger.ts";
import { namesOnlyIdentifiers } from "./statement-frame.ts";
import { memoryContext, type MemoryState } from "../state/memory-state.ts";
import { isLedgerWorthy, LEDGER_THRESHOLD, salienceOf } from "./salience.ts";
import { parseSummaryAnswer, planSummary, summaryPrompt, transcriptOf, type SummaryPrompt } from "./summary-plan.ts";
import type { TokenCounter } from "./token-accounting.ts";

/** Calls the summariser model; `by` names who answered (a deployment id). */
export type Summarise = (prompt: SummaryPrompt) => Promise<{ text: string; by: string }>;

/**
 * Shares of the budget. A compaction leaves the verbatim messages at most RECENT_SHARE and the memory
 * context at most CONTEXT_SHARE (the ledger at most LEDGER_SHARE of it), so the thread then grows for
 * several turns before the next one: compaction in larger, rarer steps keeps the prompt prefix stable.
 */
export const RECENT_SHARE = 0.2;
export const CONTEXT_SHARE = 0.5;
export const LEDGER_SHARE = 0.38;
/** Blocks (even empty ones) are merged at this count, well below what the state schema accepts. */
const MAX_BLOCKS_BEFORE_MERGE = 1_000;
/** A new summary block may use this share of the budget (its most salient lines), so merges stay rare. */
export const BLOCK_SHARE = 0.03;

export interface FoldOptions {
  budget: number;
  counter: TokenCounter;
  memory: MemoryState;
  recentMessages: number;
  summarise?: Summarise;
}

export interface FoldResult {
  verbatim: BaseMessage[];
  summarised: BaseMessage[];
  memory: MemoryState;
  /** Tokens of the messages summarised over tokens of what was written for them. */
  compressionRatio: number;
  summariser: string;
}

/** A ledger line stands for a summary line that repeats it, either way round. */
function repeatsLedger(line: string, ledger: readonly LedgerEntry[]): boolean {
  const body = line.replace(/^- (\(\w+\) )?/, "").toLowerCase();
  return ledger.some((entry) => {
    const text = entry.text.toLowerCase();
    return text.includes(body) || body.includes(text);
  });
}

/**
 * The statements one fold may add: every correction, and the most salient of the rest that fit in the
 * ledger's share (in their order), so folding a huge history costs what the ledger can hold, not its length.
 */
function boundedStatements(statements: readonly Statement[], maxTokens: number, counter: TokenCounter): Statement[] {
  const sized = statements.map((statement, index) => ({ statement, index, tokens: counter.text(statement.text) + 2 }));
  if (sized.reduce((total, item) => total + item.tokens, 0) <= maxTokens) return [...statements];
  const kept = new Set<number>();
  let used = 0;
  for (const item of [...sized].sort((left, right) => Number(right.statement.correction) - Number(left.statement.correction) || right.statement.score - left.statement.score || right.index - left.index)) {
    if (!item.statement.correction && used + item.tokens > maxTokens) continue;
    kept.add(item.index);
    used += item.tokens;
  }
  return statements.filter((_, index) => kept.has(index));
}

/** The summary blocks without lines that repeat a superseded statement: an old value is never presented as current. */
function scrubSuperseded(memory: MemoryState): MemoryState {
  const stale = memory.ledger.flatMap((entry) => entry.replaces.map((text) => text.toLowerCase()));
  if (stale.length === 0) return memory;
  let changed = false;
  const blocks = memory.summary_blocks.map((block) => {
    const lines = block.split("\n");
    const kept = lines.filter((line) => {
      const body = line.replace(/^- (\(\w+\) )?/, "").toLowerCase();
      return !stale.some((text) => body.includes(text) || (body.length > 12 && text.includes(body)));
    });
    if (kept.length !== lines.length) changed = true;
    return kept.join("\n");
  });
  return changed ? { ...memory, summary_blocks: blocks } : memory;
}

/** Statements a summariser's fact lines offer: a trailing "(replaces: …)" marks a correction. */
function statementsFromFacts(lines: readonly string[]): Statement[] {
  return lines.map((line) => {
    const replaced = /\(replaces:([^)]*)\)\s*$/i.exec(line)?.[1]?.trim();
    const text = line.replace(/\s*\(replaces:[^)]*\)\s*$/i, "").trim();
    const correction = replaced !== undefined || salienceOf(text).kinds.includes("correction");
    return { text, score: Math.max(LEDGER_THRESHOLD, salienceOf(text).score), correction, ...(replaced ? { replaces: replaced } : {}) };
  });
}

/**
 * Merges every summary block into one, keeping the most salient lines (in their order) that fit: the
 * broad tier is compacted by what matters, never cut oldest-first. The ledger keeps its entries, renumbered
 * into that one block, capped by salience.
 */
function mergeBlocks(memory: MemoryState, budget: number, counter: TokenCounter): MemoryState {
  const ledger = capLedger(memory.ledger, Math.floor(budget * LEDGER_SHARE), (text) => counter.text(text)).map((entry) => ({ ...entry, block: 0 }));
  const ledgerTokens = ledger.reduce((total, entry) => total + counter.text(entry.text) + 2, 0);
  // Merged down to a third of the room left, so several blocks can be appended before the next merge.
  const room = Math.max(0, Math.floor((budget * CONTEXT_SHARE - ledgerTokens) / 3));
  const lines = memory.summary_blocks.flatMap((block) => block.split("\n")).filter((line) => line.trim() !== "" && !repeatsLedger(line, ledger));
  return { ...memory, ledger, summary_blocks: [mostSalient(lines, room, counter).join("\n")] };
}

/** The most salient lines that fit in `maxTokens` (the newest of equals), in their original order. */
function mostSalient(lines: readonly string[], maxTokens: number, counter: TokenCounter): string[] {
  const ranked = lines.map((line, index) => ({ index, score: salienceOf(line).score, tokens: counter.text(line) + 1 })).sort((left, right) => right.score - left.score || right.index - left.index);
  const kept = new Set<number>();
  let used = 0;
  for (const line of ranked) {
    if (used + line.tokens > maxTokens) continue;
    kept.add(line.index);
    used += line.tokens;
  }
  return lines.filter((_, index) => kept.has(index));
}

/** The message right after the folded ones, still kept: the user's answer to an offer the block ends on. */
function followerOf(messages: readonly BaseMessage[], summarised: readonly BaseMessage[]): BaseMessage | undefined {
  const last = summarised.at(-1);
  const at = last === undefined ? -1 : messages.lastIndexOf(last);
  return at < 0 ? undefined : messages.slice(at + 1).find((message) => message.getType() !== "system");
}

/**
 * The summary strategy's step: the messages older than the recent ones leave the thread; their salient
 * statements join the fact ledger (corrections supersede, also those still in the recent messages) and a
 * summary of them is appended as a new block. A summariser model writes the block when one answers; the
 * local extractive summary otherwise. Undefined when nothing is old enough to fold.
 *
 * @example
 * const folded = await foldIntoMemory(messages, { budget: 8_000, counter, memory, recentMessages: 10 });
 * if (folded) memory = folded.memory; // folded.summarised leave the thread as RemoveMessage
 */
export async function foldIntoMemory(messages: readonly BaseMessage[], options: FoldOptions): Promise<FoldResult | undefined> {
  const { budget, counter } = options;
  const plan = planSummary(messages, { recentMessages: options.recentMessages, detailedMessages: Number.MAX_SAFE_INTEGER, maxRecentTokens: Math.floor(budget * RECENT_SHARE), count: (message) => counter.count(message) });
  const summarised = [...plan.broad, ...plan.detailed];
  if (summarised.length === 0) return undefined;
  let memory = options.memory;
  // A version-1 state's summaries are folded in once: their salient lines offered to the ledger, the rest kept as a block.
  const legacy = [memory.summary_broad, memory.summary_detailed].filter((text) => text.trim() !== "").join("\n");
  const legacyLines = legacy.split("\n").filter((line) => line.trim() !== "");
  const worthy = (line: string) => isLedgerWorthy(salienceOf(line.replace(/^- (\(\w+\) )?/, "")));
  const blocks = [...memory.summary_blocks];
  if (legacyLines.some((line) => !worthy(line))) blocks.push(legacyLines.filter((line) => !worthy(line)).join("\n"));
  const block = memory.ledger.reduce((highest, entry) => Math.max(highest, entry.block + 1), blocks.length);
  const legacyStatements = statementsFromFacts(legacyLines.filter(worthy).map((line) => line.replace(/^- (\(\w+\) )?/, "")));
  let ledger = addStatements(memory.ledger, boundedStatements([...legacyStatements, ...statementsOf(summarised, undefined, followerOf(messages, summarised))], Math.floor(budget * LEDGER_SHARE), counter), block);
  // A correction still in the recent messages supersedes what it corrects now; one whose target is not in
  // the ledger yet waits for its own message to be folded, so it never lands before the fact it corrects.
  const recent = statementsOf(plan.verbatim, summarised.findLast((message) => message.getType() === "human"), undefined, summarised);
  // A plain restatement with a new value ("We leave on 22 July." after "We leave on 14 March.") is the slot's
  // newer version as much as a cued correction is: the ledger must not present the older one as current.
  ledger = addStatements(ledger, recent, block, { onlySuperseding: true, pending: recent });
  const transcript = transcriptOf(summarised);
  let answer: { text: string; by: string } | undefined;
  if (options.summarise !== undefined) {
    try {
      const reply = await options.summarise(summaryPrompt("detailed", transcript, legacy, ledger.map((entry) => entry.text)));
      if (reply.text.trim() !== "") answer = reply;
    } catch {
      // An unreachable summariser must not lose the history: the local summary and the ledger stand in.
    }
  }
  const parsed = parseSummaryAnswer(answer?.text ?? extractiveSummary(transcript, "broad"));
  ledger = addStatements(ledger, statementsFromFacts(parsed.facts), block);
  const blockText = mostSalient(parsed.summary.filter((line) => !repeatsLedger(line, ledger)), Math.floor(budget * BLOCK_SHARE), counter).join("\n");
  while (blocks.length < block) blocks.push("");
  blocks[block] = blockText;
  memory = scrubSuperseded({ ...memory, version: memory.version ?? 2, summary_broad: "", summary_detailed: "", ledger, summary_blocks: blocks });
  const contextTokens = () => counter.text(memoryContext(memory) ?? "");
  // The rare step: the blocks outgrew their share, so they are merged into one, by salience.
  if (contextTokens() > budget * CONTEXT_SHARE || memory.summary_blocks.length >= MAX_BLOCKS_BEFORE_MERGE) memory = mergeBlocks(memory, budget, counter);
  const before = new Set(options.memory.ledger.map((entry) => entry.text));
  const written = counter.text(blockText) + ledger.filter((entry) => !before.has(entry.text)).reduce((total, entry) => total + counter.text(entry.text), 0);
  return { verbatim: plan.verbatim, summarised, memory, compressionRatio: counter.total(summarised) / Math.max(1, written), summariser: answer?.by ?? "local" };
}

/**
 * Applies a correction in the newest user message to the ledger at once, even when nothing is compacted:
 * otherwise the ledger would present the old value as current until the message leaves the window. Only
 * the newest message is read, so a step costs the same however long the thread; re-reading it is harmless.
 *
 * @example
 * memory = applyNewestCorrections(memory, [...history, new HumanMessage("Actually, we land at 16:10, not 14:30.")]);
 */
export function applyNewestCorrections(memory: MemoryState, messages: readonly BaseMessage[]): MemoryState {
  if (memory.ledger.length === 0) return memory;
  let newest: BaseMessage | undefined;
  let before: BaseMessage | undefined;
  // The assistant's reply just before the newest message: a "No, …" there corrects what it said.
  let reply: BaseMessage | undefined;
  for (let index = messages.length - 1; index >= 0 && before === undefined; index -= 1) {
    if (newest !== undefined && reply === undefined && messages[index]!.getType() === "ai") reply = messages[index];
    if (messages[index]!.getType() !== "human") continue;
    if (newest === undefined) newest = messages[index];
    else before = messages[index];
  }
  if (newest === undefined) return memory;
  // Every statement, cued or not: a restatement of a slot with a new value supersedes like a correction does.
  // Without a cue, one that only names a new identifier ("error E7831", "ticket JIRA-9034") waits for the
  // fold: a new identifier is as likely another thing, and rewriting the ledger now loses the cached prefix.
  // The user's previous turn may lead into this one ("I gave you the wrong date." then "12/04.").
  const corrections = statementsOf(reply === undefined ? [newest] : [reply, newest], before, undefined, messages.slice(Math.max(0, messages.lastIndexOf(newest) - 8), messages.lastIndexOf(newest))).filter((statement) => statement.correction || !namesOnlyIdentifiers(statement.text));
  if (corrections.length === 0) return memory;
  const block = memory.ledger.reduce((highest, entry) => Math.max(highest, entry.block), 0);
  // The kept messages' statements are candidates too: a correction of something said a few turns ago waits.
  const ledger = addStatements(memory.ledger, corrections, block, { onlySuperseding: true, pending: statementsOf(messages.filter((message) => message !== newest)) });
  return ledger.length === memory.ledger.length && ledger.every((entry, index) => entry === memory.ledger[index]) ? memory : scrubSuperseded({ ...memory, ledger });
}
