/**
 * The `pumice` set's per-kind slots (issue #17, sixteenth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-pumice.ts). Written blind: without reading the memory code, its docs, its tests or any figure,
 * so nothing here is shaped to what the extraction handles. New against the earlier sets: a clinical-trial site
 * kind; values of one shape side by side (two blood-draw times, a target and a screened count, a dose and a
 * volume, two visit windows); corrections in the slot's own world: a protocol amendment, a monitor's visit report,
 * a temperature re-given in °F, a relative move ("push it back two days") with the new date named, a pharmacy
 * recount. A harness: nothing in the request path reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type PumiceSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const pumicePeople = ["Anselm", "Bronagh", "Cosmin", "Delphine", "Eero", "Fenella", "Gideon", "Hafsa", "Isidro", "Jolanta", "Kasimir", "Lowri", "Mattias", "Noor"];

/** A protocol amendment, as the sponsor words it: only the new value is in it. */
const amendment = "Protocol amendment 4 landed today. Section 6.2 now reads: {s} — {v}.";

export const pumiceKindSlots = {
  trialsite: [
    { category: "decision", subject: "randomisation system", correctable: true, values: ["the sponsor's IWRS", "sealed envelopes", "a central phone line", "the eCRF's built-in module", "a block list held by pharmacy"], phrasings: ["Randomisation goes through {v}.", "randomisation: {v}"], offers: ["For a site this size {v} is the usual choice — want me to note it in the site file?", "{v} keeps the blind cleanest; shall I set that up?"], confirmations: ["Note it.", "Go ahead."], counters: ["{old} won't pass our pharmacy's SOP — we'll use {v}."], recorrections: ["The sponsor vetoed the switch, so {first} after all, as you suggested."] },
    { category: "date", subject: "initiation visit", correctable: true, values: ["Tuesday 9 February", "Thursday 11 February"], phrasings: ["The site initiation visit is {v}.", "SIV {v}"], corrections: ["Push the {s} back two days, the monitor's flight changed. That makes it {v}.", amendment] },
    { category: "date", subject: "pre-dose draw", correctable: true, values: ["07:45", "08:45", "07:54"], phrasings: ["The pre-dose blood draw is at {v}.", "pre-dose {v}"], corrections: [amendment, "Lab courier comes earlier now, so the pre-dose draw moves to {v}."] },
    { category: "date", subject: "PK draw", correctable: true, values: ["10:15", "11:15", "10:51"], phrasings: ["The PK sample is taken at {v}.", "PK {v}"], corrections: ["Per the monitor's visit report, PK draw is {v}."] },
    { category: "number", subject: "enrolment target", correctable: true, values: ["24", "42", "36"], phrasings: ["Our enrolment target is {v} participants.", "target n={v}"], corrections: ["Sponsor bumped our allocation, the target is {v}."] },
    { category: "number", subject: "screened count", values: ["17", "71", "19", "91"], phrasings: ["We've screened {v} people so far.", "screened {v}"], restatements: ["The weekly report says {decoy}, it double-counts rescreens; we've screened {v}."] },
    { category: "number", subject: "protocol number", correctable: true, values: ["NX-4471-02", "NX-4417-02", "NX-4471-20"], phrasings: ["The protocol number is {v}.", "protocol {v}"] },
    { category: "constraint", subject: "storage temperature", correctable: true, values: ["2–8 °C", "15–25 °C", "36–46 °F", "59–77 °F"], phrasings: ["The study drug is kept at {v}.", "storage {v}"], corrections: ["Pharmacy's fridge log is in Fahrenheit, and the label range there is {v}.", "New batch, new label: store at {v}."] },
    { category: "number", subject: "dose", correctable: true, values: ["150 mg", "0.25 g", "510 mg"], phrasings: ["Each participant gets {v} once daily.", "dose {v} qd"], corrections: [amendment] },
    { category: "number", subject: "infusion volume", correctable: true, values: ["250 mL", "0.5 L", "150 mL"], phrasings: ["The infusion is {v} over an hour.", "vol {v}"], corrections: ["Pharmacy recounted the bags: {v} each."] },
    { category: "number", subject: "visit window", correctable: true, values: ["±3 days", "±5 days", "±2 days"], phrasings: ["Visits can fall within {v} of the target date.", "window {v}"] },
    { category: "name", subject: "principal investigator", correctable: true, values: pumicePeople, phrasings: ["{v} is our principal investigator.", "PI: {v}"], corrections: ["{old} went on sabbatical, the IRB approved {v} as PI."] },
    { category: "preference", subject: "courier", values: ["the sponsor's courier at 3pm", "a same-day bike courier", "the hospital porter to the lab"], phrasings: ["Samples go out with {v}.", "courier: {v}"], none: "no courier, the central lab collects from us", retirements: ["Cancel {old}; {none}."] },
  ],
  support: [
    { category: "decision", subject: "card terminal", correctable: true, values: ["the countertop terminal with a printer", "two portable terminals", "a tap-to-pay phone app", "the rented pin pad", "one terminal per till"], phrasings: ["For the shop we're taking {v}.", "terminal: {v}"], offers: ["For two tills I'd suggest {v} — shall I add it to the order?", "{v} would suit a market stall too; want me to reserve it?"], confirmations: ["Add it.", "Reserve it."], recorrections: ["Our landlord's Wi-Fi can't cope, so {first} it is, what you first offered."] },
    { category: "date", subject: "switch-over date", correctable: true, values: ["Monday 2 March", "Wednesday 4 March"], phrasings: ["We switch providers on {v}.", "switch {v}"], corrections: ["Push the {s} back two days, stock-take clashes. So {v}."] },
    { category: "number", subject: "transaction fee", correctable: true, values: ["1.69 %", "1.96 %", "1.39 %"], phrasings: ["The fee you quoted was {v} per transaction.", "fee {v}"], corrections: ["The signed agreement says {v}, go by that."] },
    { category: "number", subject: "monthly rental", correctable: true, values: ["£19.00", "£91.00", "£29.00"], phrasings: ["Rental is {v} a month per terminal.", "rental {v}/mo"] },
    { category: "number", subject: "merchant ID", correctable: true, values: ["MID 5520871", "MID 5528071", "MID 5520817"], phrasings: ["Our merchant ID is {v}.", "{v}"] },
    { category: "number", subject: "settlement time", correctable: true, values: ["next working day", "two working days", "same day by 6pm"], phrasings: ["Money lands {v}.", "settles {v}"], corrections: ["Underwriting came back: settlement is {v}."] },
    { category: "name", subject: "account manager", correctable: true, values: pumicePeople, phrasings: ["Our account manager is {v}.", "AM: {v}"], corrections: ["The team reshuffled, {v} looks after us now."] },
    { category: "number", subject: "till count", values: ["3 tills", "2 tills", "4 tills", "5 tills"], phrasings: ["We run {v} on a Saturday.", "{v}"], restatements: ["The old form says {decoy}, that's before the refit; we run {v}."] },
    { category: "constraint", subject: "refund rule", values: ["refunds only to the original card", "no refunds over £200 without a manager", "refunds within 30 days"], phrasings: ["Our rule: {v}.", "refunds — {v}"] },
    { category: "preference", subject: "statements", values: ["monthly PDF statements", "paper statements by post", "a CSV export each week"], phrasings: ["For statements we'd like {v}.", "statements: {v}"], none: "no statements, the accountant pulls it all from the portal", retirements: ["Scrap {old}: {none}."] },
  ],
  coding: [
    { category: "decision", subject: "migration approach", correctable: true, values: ["a dual-write period", "a big-bang cutover on a weekend", "table-by-table backfill", "change data capture into the new warehouse", "a read replica first"], phrasings: ["Migration approach: {v}.", "approach = {v}"], offers: ["With that much history I'd go for {v} — want me to write it into the plan?", "{v} is the least risky here; shall I sketch it?"], confirmations: ["Write it in.", "Sketch it."], counters: ["{old} needs more people than we have — let's do {v}."], recorrections: ["Finance pushed back on cost; {first} again."] },
    { category: "number", subject: "row count", correctable: true, values: ["1.8 billion", "8.1 billion", "1.2 billion"], phrasings: ["The events table has {v} rows.", "rows: {v}"], corrections: ["Re-ran the count on the replica, it's {v}."] },
    { category: "number", subject: "warehouse size", correctable: true, values: ["X-Small", "Medium", "Large"], phrasings: ["We're running it on a {v} warehouse.", "wh size {v}"] },
    { category: "date", subject: "cutover date", correctable: true, values: ["Saturday 16 May", "Monday 18 May"], phrasings: ["Cutover is {v}.", "cutover {v}"], corrections: ["Push the {s} back two days, the vendor needs the weekend. So {v}."] },
    { category: "constraint", subject: "query timeout", correctable: true, values: ["90 seconds", "120 seconds", "45 seconds"], phrasings: ["Dashboards time out after {v}.", "timeout {v}"], corrections: ["The BI team asked for {v}, so that's the timeout."] },
    { category: "number", subject: "monthly cost cap", correctable: true, values: ["$4,500", "$5,400", "$4,050"], phrasings: ["We can't go over {v} a month on compute.", "cap {v}/mo"], corrections: ["CFO's email this morning: the cap is {v}."] },
    { category: "name", subject: "data owner", correctable: true, values: pumicePeople, phrasings: ["{v} owns the events data.", "owner: {v}"], corrections: ["Ownership moved to {v} in the re-org."] },
    { category: "number", subject: "schema version", values: ["v14", "v41", "v17", "v11"], phrasings: ["The target schema is {v}.", "schema {v}"], restatements: ["The README still says {decoy}, it's stale; we target {v}."] },
    { category: "number", subject: "change ticket", values: ["CHG-20931", "CHG-20391", "CHG-29031", "CHG-02931"], phrasings: ["The change is logged as {v}.", "chg {v}"] },
    { category: "preference", subject: "status updates", values: ["a daily Slack summary", "a Friday email to stakeholders", "a status page"], phrasings: ["For updates, {v}.", "updates: {v}"], none: "no status updates, people can check the ticket", retirements: ["Drop {old}; {none}."] },
  ],
  travel: [
    { category: "decision", subject: "resort", correctable: true, values: ["Obergurgl", "Les Arcs 1950", "Saalbach", "Cervinia", "La Thuile"], phrasings: ["We're going to {v}.", "resort → {v}"], offers: ["For snow that late {v} is the safest bet — shall I look at chalets there?", "I'd go for {v}; want me to check lift pass prices?"], confirmations: ["Look, yes.", "Check them."], recorrections: ["The chalet fell through, so {first} after all."] },
    { category: "number", subject: "lift pass price", correctable: true, values: ["€348", "€384", "€438"], phrasings: ["The six-day lift pass is {v} each.", "pass {v}"], corrections: ["The resort site has it at {v} once you add insurance."] },
    { category: "number", subject: "ski rental price", correctable: true, values: ["€126", "€162", "€216"], phrasings: ["Ski rental comes to {v} per person.", "rental {v}"] },
    { category: "date", subject: "transfer pickup", correctable: true, values: ["13:20", "14:20", "13:02"], phrasings: ["The airport transfer picks us up at {v}.", "transfer {v}"], corrections: ["Flight got retimed, the transfer company says {v}."] },
    { category: "date", subject: "ski school start", correctable: true, values: ["09:15", "10:15", "09:51"], phrasings: ["Ski school starts at {v}.", "ski school {v}"] },
    { category: "number", subject: "drive from Geneva", correctable: true, values: ["155 km", "96 miles", "210 km", "130 miles"], phrasings: ["From Geneva it's {v} by road.", "GVA → {v}"], corrections: ["The pass road's closed, we'd go round; the map says {v}."] },
    { category: "name", subject: "chalet host", correctable: true, values: pumicePeople, phrasings: ["Our chalet host is {v}.", "host: {v}"], corrections: ["Different host this week, {v} emailed us."] },
    { category: "date", subject: "arrival day", correctable: true, values: ["Saturday 7 February", "Monday 9 February"], phrasings: ["We arrive on {v}.", "arrive {v}"], corrections: ["Push the {s} back two days, school wouldn't let the kids off. {v} then."] },
    { category: "number", subject: "chalet reference", values: ["CH-7720", "CH-7702", "CH-2770", "CH-7270"], phrasings: ["The chalet reference is {v}.", "ref {v}"], restatements: ["My brother quoted {decoy}, that's his chalet; ours is {v}."] },
    { category: "preference", subject: "room", values: ["a room with two singles", "the attic room", "a room near the boot room"], phrasings: ["We'd like {v} if we can.", "room: {v}"] },
  ],
} as const satisfies Record<string, readonly PumiceSlot[]>;

export type PumiceKind = keyof typeof pumiceKindSlots;
