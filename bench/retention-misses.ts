/**
 * Where corrected facts are lost (issue #17, tenth round): plays one retention set's conversations through
 * compactHistory (summary strategy, local path, o200k_base) as bench/memory-retention.ts does, and classes each
 * corrected fact that is not seen in its latest version alone:
 *
 * - `new value missing`: the latest value is nowhere in what the model sees (`never in the ledger`: no ledger line
 *   ever said it; `dropped`: one did and it went);
 * - `old shown in a ledger line` / `old shown in a summary block` / `old stated later in the kept messages`: the new
 *   value is seen, and the old one is presented as current beside it.
 *
 * Gold labels are read here only, after each run, to score. `--list` prints each miss (subject, the values, the
 * correcting turn, the ledger line still naming the old value): only for sets studied in the open; a check set is
 * run without it. `--planted` prints each planted fact lost (never in the ledger, or dropped). `--ratio 4` for the 1:4 budget (default 10).
 *
 *   npx tsx bench/retention-misses.ts quarry --list
 *   npx tsx bench/retention-misses.ts anvil_check
 */
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { compactHistory, currentText, memoryContext, memoryStateOf, textOf, TokenCounter, type MemoryState } from "../src/memory/index.ts";
import { kindsOf, type PhrasingVariant } from "../src/workload/conversation-facts.ts";
import { generateConversation, type Conversation, type PlantedFact } from "../src/workload/conversation-generator.ts";

const seedSets: Partial<Record<PhrasingVariant | "dev", readonly number[]>> = { tuned: [1, 2, 3], held_out: [101, 102, 103], fresh: [201, 202, 203], novel: [401, 402, 403], unseen: [501, 502, 503], blind: [601, 602, 603], sealed: [701, 702, 703], own: [801, 802, 803], vault: [801, 802, 803], harbor: [901, 902, 903], lantern: [1001, 1002, 1003], quarry: [1101, 1102, 1103], forge: [1101, 1102, 1103], forge_check: [1201, 1202, 1203], kiln: [1301, 1302, 1303], anvil_check: [1401, 1402, 1403], slate: [1501, 1502, 1503], ember: [1601, 1602, 1603], cinder: [1701, 1702, 1703], flint: [1801, 1802, 1803], basalt: [1901, 1902, 1903], pumice: [2001, 2002, 2003] };

const valueIn = (value: string, text: string) => new RegExp(`(?<![\\w\\-:.,])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-]|[:.,]\\d)`).test(text);

async function endState(conversation: Conversation, ratio: number, counter: TokenCounter): Promise<{ memory: MemoryState; window: string[]; everInLedger: Set<string> }> {
  const all: BaseMessage[] = [new SystemMessage({ id: "system", content: "You are a helpful assistant. Keep track of the details." })];
  conversation.turns.forEach((turn, index) => all.push(turn.role === "user" ? new HumanMessage({ id: `m${index}`, content: turn.text }) : new AIMessage({ id: `m${index}`, content: turn.text })));
  const budget = Math.floor(counter.total(all) / ratio);
  let messages: BaseMessage[] = [all[0]!];
  let memory = memoryStateOf({ strategy: "summary" });
  const everInLedger = new Set<string>();
  for (const message of all.slice(1)) {
    messages.push(message);
    if (message.getType() !== "human") continue;
    const result = await compactHistory(messages, { strategy: "summary", budget, counter, memory, recentMessages: 10, detailedMessages: 30, now: () => performance.now() });
    messages = result.kept;
    memory = result.memory;
    for (const entry of memory.ledger) everInLedger.add(entry.text);
  }
  return { memory, window: messages.filter((kept) => kept.getType() !== "system").map((kept) => textOf(kept)), everInLedger };
}

/** The class of one corrected fact at the end, or undefined when it is seen in its latest version alone. */
function classOf(fact: PlantedFact, state: Awaited<ReturnType<typeof endState>>): string | undefined {
  const stales = [fact.stale!, ...(fact.firstStale === undefined ? [] : [fact.firstStale])];
  const ledgerLines = state.memory.ledger.map((entry) => entry.text);
  const blocks = state.memory.summary_blocks.flatMap((block) => block.split("\n"));
  const context = memoryContext(state.memory) ?? "";
  if (!valueIn(fact.answer, [context, ...state.window].join("\n"))) return [...state.everInLedger].some((text) => valueIn(fact.answer, text)) ? "new value missing: dropped" : "new value missing: never in the ledger";
  const staleBeside = (line: string) => stales.some((stale) => valueIn(stale, line)) && !valueIn(fact.answer, line);
  if (ledgerLines.some((line) => staleBeside(currentText(line)) || staleBeside(line))) return "old shown in a ledger line";
  if (blocks.some(staleBeside)) return "old shown in a summary block";
  const lastIndex = (value: string) => state.window.reduce((last, text, index) => (valueIn(value, text) ? index : last), -1);
  if (stales.some((stale) => lastIndex(stale) > lastIndex(fact.answer))) return "old stated later in the kept messages";
  return undefined;
}

async function main(): Promise<void> {
  const variant = process.argv[2] as PhrasingVariant;
  const list = process.argv.includes("--list");
  // `--planted`: each planted fact not seen at the end (studied sets only, like --list).
  const listPlanted = process.argv.includes("--planted");
  const ratioAt = process.argv.indexOf("--ratio");
  const ratio = ratioAt > 0 ? Number(process.argv[ratioAt + 1]) : 10;
  const seeds = seedSets[variant];
  if (seeds === undefined) throw new RangeError(`no seeds for set "${variant}"; known: ${Object.keys(seedSets).join(", ")}`);
  const counter = new TokenCounter("o200k_base");
  const classes = new Map<string, number>();
  let corrected = 0;
  let planted = 0;
  let available = 0;
  for (const kind of kindsOf(variant)) {
    for (const seed of seeds) {
      const conversation = generateConversation({ kind, seed, variant });
      const state = await endState(conversation, ratio, counter);
      const userTurns = conversation.turns.filter((turn) => turn.role === "user");
      // Planted facts available, as the bench counts them: a wrong supersede shows here as a loss.
      const seen = [memoryContext(state.memory) ?? "", ...state.window].join("\n");
      planted += conversation.facts.length;
      available += conversation.facts.filter((fact) => valueIn(fact.answer, seen)).length;
      if (listPlanted) {
        for (const fact of conversation.facts.filter((lost) => !valueIn(lost.answer, seen))) {
          const where = [...state.everInLedger].some((text) => valueIn(fact.answer, text)) ? "dropped" : "never in the ledger";
          console.log(`\n[planted lost: ${where}] ${kind} ${seed} · ${fact.subject}: ${fact.answer}`);
          console.log(`  said, turn ${fact.correctedAt ?? fact.turn}: ${userTurns[fact.correctedAt ?? fact.turn]?.text.slice(0, 260)}`);
        }
      }
      for (const fact of conversation.facts.filter((planted) => planted.stale !== undefined)) {
        corrected += 1;
        const found = classOf(fact, state);
        if (found === undefined) continue;
        classes.set(found, (classes.get(found) ?? 0) + 1);
        if (!list) continue;
        const oldLines = state.memory.ledger.map((entry) => entry.text).filter((line) => valueIn(fact.stale!, line) && !valueIn(fact.answer, line));
        console.log(`\n[${found}] ${kind} ${seed} · ${fact.subject}: ${fact.stale} → ${fact.answer}${fact.firstStale === undefined ? "" : ` (first ${fact.firstStale})`}`);
        console.log(`  first said, turn ${fact.turn}: ${userTurns[fact.turn]?.text.slice(0, 220)}`);
        if (fact.firstCorrectedAt !== undefined) console.log(`  changed, turn ${fact.firstCorrectedAt}: ${userTurns[fact.firstCorrectedAt]?.text.slice(0, 220)}`);
        console.log(`  latest, turn ${fact.correctedAt}: ${userTurns[fact.correctedAt!]?.text.slice(0, 220)}`);
        for (const line of oldLines) console.log(`  ledger still: ${line}`);
      }
    }
  }
  const missed = [...classes.values()].reduce((total, count) => total + count, 0);
  console.log(`\n${variant} 1:${ratio}: corrected ${corrected}, latest only ${corrected - missed}, missed ${missed}; planted ${planted}, available ${available}`);
  for (const [name, count] of [...classes].sort((left, right) => right[1] - left[1])) console.log(`  ${count}  ${name}`);
}

await main();
