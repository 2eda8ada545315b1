/**
 * A compositional probe of the fact ledger (issue #17): facts and their corrections built from independent parts
 * (slot × how the fact is said × who says it × correction cue × correction form × same-type facts in between),
 * values drawn with a seed, folded turn by turn through foldIntoMemory (summary strategy, local path). Slots and
 * cues each come in two halves, and four cells cross them: slots A × cues A is studied (its figures are broken
 * down and its misses printable); A × B holds out the cues, B × A the slots, B × B both. A change that learns a
 * phrase of A shows as a gain in A × A alone; one that carries shows in the held-out cells. Held out means never
 * printed in detail while rules are written: both halves were written by the same hand, at the same time.
 * Cue "" (none) in half A is a correction with no cue: how the ledger reads a cue it does not know.
 *
 * Per cell: planted (the fact's first value is in a current ledger line before the correction), corrected (a
 * current line says the new value and every current line saying the old one also says the new one, as
 * src/workload/retention-score.ts reads it), and other facts lost (a same-type fact said in between no longer
 * current: a wrong supersede).
 *
 *   npx tsx bench/correction-probe.ts            # the four cells, the studied one broken down by part
 *   npx tsx bench/correction-probe.ts --seed 2
 *   npx tsx bench/correction-probe.ts --misses   # the studied cell's misses, one per slot × form × facts between
 */
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { currentText, foldIntoMemory, memoryStateOf, TokenCounter, type MemoryState } from "../src/memory/index.ts";
import { seededRandom } from "../src/workload/index.ts";

type Half = "A" | "B";
/** Which parts a probe draws from: slot half then cue half ("AA" is studied, the others held out). */
type Cell = "AA" | "AB" | "BA" | "BB";
interface Slot {
  half: Half;
  /** How the fact names its subject, and the same subject in other words (a correction may use either). */
  key: string;
  other: string;
  values: readonly string[];
  /** Facts of the same value type about other things, said between the fact and its correction. */
  others: readonly string[];
}

const slots: readonly Slot[] = [
  { half: "A", key: "the sofa delivery", other: "the drop-off day", values: ["14 March", "21 March", "3 April", "9 May", "17 June"], others: ["The deposit is due on 2 February.", "Our anniversary is 11 August."] },
  { half: "A", key: "our spending limit", other: "the most we can pay", values: ["£2,400", "£3,150", "£1,800", "£4,700"], others: ["The deposit was £350.", "Parking costs £12 a day."] },
  { half: "A", key: "our site contact", other: "the person to ask for on site", values: ["Ingrid Salo", "Tobias Venn", "Maren Holt", "Cyril Dane"], others: ["Our accountant is Hester Quayle.", "The architect is Rufus Penhale."] },
  { half: "A", key: "the guest count", other: "the headcount", values: ["84 guests", "96 guests", "72 guests", "110 guests"], others: ["We need 12 tables.", "There will be 4 highchairs."] },
  { half: "A", key: "the school run", other: "when the kids leave", values: ["8:05", "8:20", "7:55", "8:35"], others: ["The gym opens at 6:30.", "Dinner is at 18:45."] },
  { half: "A", key: "my policy number", other: "the number on the policy", values: ["POL-55821", "POL-61907", "POL-40276", "POL-73318"], others: ["The claim is CL-1142.", "My locker is LK-3305."] },
  { half: "A", key: "the contact email", other: "where to write to us", values: ["hello@brightwell.org", "team@brightwell.org", "desk@brightwell.org"], others: ["Complaints go to care@brightwell.org.", "My own email is sam@brightwell.org."] },
  { half: "A", key: "our hotel", other: "where we are staying", values: ["Pinecrest Lodge", "Seaview Manor", "Alder Grange", "Kestrel Inn"], others: ["The dinner is at Rowan Bistro.", "We fly with Northwind Air."] },
  { half: "B", key: "the pickup time", other: "when the driver arrives", values: ["7:15", "8:40", "6:50", "9:05"], others: ["Check-in closes at 10:30.", "Lunch is at 12:45."] },
  { half: "B", key: "the booking reference", other: "the code for the booking", values: ["BK-4821", "BK-7730", "BK-5196", "BK-3362"], others: ["The parking permit is PP-2290.", "My member number is MN-8814."] },
  { half: "B", key: "the billing email", other: "the address for invoices", values: ["ops@larkfield.co.uk", "finance@larkfield.co.uk", "accounts@larkfield.co.uk"], others: ["Send tickets to help@larkfield.co.uk.", "My own email is jo@larkfield.co.uk."] },
  { half: "B", key: "the reception venue", other: "where the party is held", values: ["Hollis Barn", "Old Mill Hall", "Cedar House", "Larch Court"], others: ["The ceremony is at St Brigid's.", "We stay at the Harbour Inn."] },
];

const cues: Record<Half, readonly string[]> = {
  // "" is a correction with no cue at all: how the ledger reads a cue it does not know.
  A: ["", "Actually, ", "Correction: ", "Sorry, my mistake: ", "Update: ", "Scratch that, "],
  B: ["Wait, no, ", "Small fix: ", "Oh, one change: ", "Hmm, I misread it, ", "Change of plan: "],
};

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** How the fact is first said, by the user or offered by the assistant and accepted. */
const factForms: ReadonlyArray<(slot: Slot, value: string) => string> = [
  (slot, value) => `${capital(slot.key)} is ${value}.`,
  (slot, value) => `For ${slot.key} we have ${value}.`,
  (slot, value) => `${capital(slot.key)}: ${value}.`,
];
/** The correction's body after its cue: the key again, the key in other words, the old value named, no subject, a label. */
const correctionForms: Record<string, (slot: Slot, value: string, old: string) => string> = {
  sameKey: (slot, value) => `${slot.key} is ${value}.`,
  otherWords: (slot, value) => `${slot.other} is ${value}.`,
  namesOld: (_slot, value, old) => `${value}, not ${old}.`,
  subjectless: (_slot, value) => `make it ${value}.`,
  label: (slot, value) => `${slot.other}: ${value}.`,
};

interface Probe {
  cell: Cell;
  parts: Record<string, string>;
  turns: Array<{ role: "user" | "assistant"; text: string }>;
  old: string;
  value: string;
  others: readonly string[];
}

function probes(seed: number): Probe[] {
  const random = seededRandom(seed);
  const out: Probe[] = [];
  for (const slot of slots) {
    factForms.forEach((factForm, factIndex) => {
      for (const speaker of ["user", "assistant"] as const) {
        for (const cueHalf of ["A", "B"] as const) for (const cue of cues[cueHalf]) {
          for (const [form, correction] of Object.entries(correctionForms)) {
            // "make it X" after other facts of its type means the latest of them, so a subjectless correction comes right after its fact.
            for (const between of form === "subjectless" ? [0] : [0, 2]) {
              const old = random.pick(slot.values);
              const value = random.pick(slot.values.filter((candidate) => candidate !== old));
              const said = factForm(slot, old);
              const turns: Probe["turns"] =
                speaker === "user"
                  ? [{ role: "user", text: `Quick note for the file. ${said}` }, { role: "assistant", text: "Noted, thanks." }]
                  : [{ role: "user", text: "Can you check what you have on file?" }, { role: "assistant", text: `I have this: ${said} Is that right?` }, { role: "user", text: "Yes, that's right." }, { role: "assistant", text: "Great." }];
              const others = slot.others.slice(0, between);
              for (const other of others) turns.push({ role: "user", text: other }, { role: "assistant", text: "Got it." });
              turns.push({ role: "user", text: "Could you send me the checklist later?" }, { role: "assistant", text: "Sure, I'll send it this afternoon." });
              turns.push({ role: "user", text: capital(`${cue}${correction(slot, value, old)}`) }, { role: "assistant", text: "Thanks, updated." });
              for (let filler = 0; filler < 3; filler += 1) turns.push({ role: "user", text: "Thanks, that helps." }, { role: "assistant", text: "You're welcome." });
              out.push({ cell: `${slot.half}${cueHalf}`, parts: { slot: slot.key, fact: `fact${factIndex + 1}`, speaker, cue: cue.trim() === "" ? "(none)" : cue.trim(), form, between: String(between) }, turns, old, value, others });
            }
          }
        }
      }
    });
  }
  return out;
}

const valueIn = (value: string, text: string) => new RegExp(`(?<![\\w\\-:.,@])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-]|[:.,]\\d)`, "i").test(text);

/**
 * Plays the probe through foldIntoMemory (the summary strategy's fold, local path) on every user turn with a
 * two-message window, so each turn is folded into the ledger as soon as the next exchange arrives; the budget is
 * large enough that the ledger's cap never drops a probe's line.
 */
async function play(probe: Probe, counter: TokenCounter): Promise<{ planted: boolean; corrected: boolean; othersLost: number; lines: string[] }> {
  let messages: BaseMessage[] = [new SystemMessage({ id: "system", content: "You are a helpful assistant. Keep track of the details." })];
  let memory: MemoryState = memoryStateOf({ strategy: "summary" });
  let planted = false;
  const correctionAt = probe.turns.findIndex((turn) => turn.text.endsWith(probe.value + ".") || turn.text.includes(`${probe.value},`));
  for (const [index, turn] of probe.turns.entries()) {
    messages.push(turn.role === "user" ? new HumanMessage({ id: `m${index}`, content: turn.text }) : new AIMessage({ id: `m${index}`, content: turn.text }));
    if (turn.role !== "user") continue;
    const result = await foldIntoMemory(messages, { budget: 4_000, counter, memory, recentMessages: 2 });
    if (result === undefined) continue;
    messages = [messages[0]!, ...result.verbatim.filter((message) => message.getType() !== "system")];
    memory = result.memory;
    if (index < correctionAt && memory.ledger.some((entry) => valueIn(probe.old, currentText(entry.text)))) planted = true;
  }
  const lines = memory.ledger.map((entry) => currentText(entry.text));
  // As the retention scorer reads it: a line naming the old value beside the new one ("21 March, not 14 March") is a correction line.
  const corrected = lines.some((line) => valueIn(probe.value, line)) && lines.every((line) => !valueIn(probe.old, line) || valueIn(probe.value, line));
  const othersLost = probe.others.filter((other) => !lines.some((line) => line.includes(other.slice(0, -1)))).length;
  return { planted, corrected, othersLost, lines };
}

const seedAt = process.argv.indexOf("--seed");
const seed = seedAt >= 0 ? Number(process.argv[seedAt + 1]) : 1;
const counter = new TokenCounter("o200k_base");
const results = await Promise.all(probes(seed).map(async (probe) => ({ probe, outcome: await play(probe, counter) })));
const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / Math.max(1, whole)).toFixed(1)} %)`;
const cellNames: Record<Cell, string> = { AA: "studied (slots A, cues A)", AB: "held-out cues (slots A, cues B)", BA: "held-out slots (slots B, cues A)", BB: "held-out slots and cues (B, B)" };
for (const cell of ["AA", "AB", "BA", "BB"] as const) {
  const rows = results.filter((result) => result.probe.cell === cell);
  const planted = rows.filter((row) => row.outcome.planted).length;
  const corrected = rows.filter((row) => row.outcome.corrected).length;
  const lost = rows.reduce((total, row) => total + row.outcome.othersLost, 0);
  const othersSaid = rows.reduce((total, row) => total + row.probe.others.length, 0);
  console.log(`${cellNames[cell]}: planted ${share(planted, rows.length)}, corrected ${share(corrected, rows.length)}, other facts lost ${lost} of ${othersSaid}`);
  if (cell !== "AA") continue;
  // The studied cell's misses, one per slot × form × between (never a held-out cell's: they are the measurement).
  if (process.argv.includes("--misses")) {
    const shown = new Set<string>();
    for (const row of rows.filter((candidate) => !candidate.outcome.corrected || candidate.outcome.othersLost > 0)) {
      const key = `${row.probe.parts["slot"]}|${row.probe.parts["form"]}|${row.probe.parts["between"]}`;
      if (shown.has(key)) continue;
      shown.add(key);
      console.log(`  miss ${key}: ${row.probe.turns.filter((turn) => turn.role === "user").map((turn) => turn.text).join(" / ")}\n    ledger: ${row.outcome.lines.join(" | ")}`);
    }
  }
  for (const part of ["slot", "fact", "speaker", "cue", "form", "between"]) {
    const values = [...new Set(rows.map((row) => row.probe.parts[part]!))];
    console.log(`  by ${part}: ${values.map((value) => { const cell = rows.filter((row) => row.probe.parts[part] === value); return `${value} ${cell.filter((row) => row.outcome.corrected).length}/${cell.length} (planted ${cell.filter((row) => row.outcome.planted).length})`; }).join(", ")}`);
  }
}
