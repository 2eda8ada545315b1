/**
 * The `flint` set's per-kind slots (issue #17, fourteenth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-flint.ts). Written blind: without reading the memory code, its docs, its tests or any figure,
 * so nothing here is shaped to what the extraction handles. New against the earlier sets: a boat-mooring marina kind;
 * values of one shape side by side in one kind (a high-water time and a lift-out time, a fee and a deposit, a
 * cutover window and a rollback deadline, a lease payment and a mileage figure) so that a matcher keyed on shape
 * alone confuses them; transposed digits in a draught, a plate and a fee; one dimension of a pair corrected (the
 * length or the beam, the adults or the children) with the whole value said again. A harness: nothing in the
 * request path reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type FlintSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const flintPeople = ["Ottoline", "Bartholomew", "Ngozi", "Casimir", "Philippa", "Tancredi", "Yevgenia", "Oisín", "Hephzibah", "Lorcan", "Mireille", "Cuthbert", "Anwen", "Ezekiel"];

export const flintKindSlots = {
  marina: [
    { category: "decision", subject: "berth type", correctable: true, values: ["a walk-ashore pontoon berth", "a swinging mooring in the river", "a fore-and-aft trot mooring", "a drying mud berth", "dry stack storage over winter"], phrasings: ["We're taking {v}.", "berth: {v}"], offers: ["For a boat your size I'd suggest {v} — want me to reserve one?", "{v} has just come free this season; shall I hold it for you?"], confirmations: ["Reserve it.", "Hold it, yes."], counters: ["{old} is too far out for my knees — can I have {v} instead?"], recorrections: ["The harbourmaster's new rules put us back on {first}, the first thing you offered."] },
    { category: "date", subject: "arrival", correctable: true, values: ["Saturday 18 May, high water 14:40", "Saturday 18 May, high water 15:40"], phrasings: ["We come in on {v}.", "ETA ⚓ {v}"], corrections: ["Read the wrong line of the tide table, an hour out: {v}.", "Same day, but the tide's {v} — I'd looked at Dover, not here."] },
    { category: "number", subject: "boat length", correctable: true, values: ["9.8 m LOA, 3.2 m beam", "10.8 m LOA, 3.2 m beam", "9.8 m LOA, 3.4 m beam"], phrasings: ["She's {v}.", "dims: {v}"], corrections: ["Had the tape on her at the yard; one of the two figures was off. Whole line: {v}.", "The surveyor's report has her at {v}."] },
    { category: "number", subject: "draught", correctable: true, values: ["1.45 m", "1.54 m"], phrasings: ["Draught is {v} with the tanks full.", "draught {v}"], corrections: ["I swapped the two digits after the point: {v}.", "Keel depth on the builder's plate reads {v}."] },
    { category: "number", subject: "mooring fee", correctable: true, values: ["£3,180 a season", "£3,810 a season", "£3,180 a year", "£1,380 a season"], phrasings: ["The fee you quoted was {v}.", "fee {v}"], corrections: ["The invoice that came this morning says {v}; the number I gave you was wrong."] },
    { category: "name", subject: "boat name", correctable: true, values: ["Kittiwake", "Mistral Dawn", "Pelorus", "Second Wind"], phrasings: ["She's called {v}.", "vessel: {v}"], corrections: ["She's been renamed, the new registration papers say {v}."] },
    { category: "date", subject: "lift-out", correctable: true, values: ["Tuesday 14 October at 08:15", "Tuesday 14 October at 08:50", "Wednesday 15 October at 08:15", "Friday 17 October at 11:30"], phrasings: ["Lift-out is booked for {v}.", "🏗 lift-out {v}"] },
    { category: "number", subject: "deposit", values: ["£380", "£308", "£830", "£388"], phrasings: ["Deposit paid: {v}.", "deposit {v} ✔"], restatements: ["the receipt email says {decoy}, that's the key fob and the gate card; the deposit itself is {v}"] },
    { category: "constraint", subject: "marina rule", values: ["no angle grinders on the pontoon", "no antifouling outside the wash-down bay", "engine off inside the harbour wall", "no liveaboards over winter"], phrasings: ["Marina rule: {v}.", "rule — {v}"] },
    { category: "preference", subject: "shore power", values: ["a 16 amp hook-up", "a 32 amp hook-up", "shore power at weekends only"], phrasings: ["On the pontoon we want {v}.", "power: {v}"], none: "no shore power, the solar panel keeps the batteries up", retirements: ["Cancel {old}: {none}."] },
  ],
  support: [
    { category: "decision", subject: "lease end option", correctable: true, values: ["hand the car back", "extend by 12 months", "buy it at the balloon price", "swap into a new lease early", "a 6-month rolling extension"], phrasings: ["At the end of the lease: {v}.", "end of lease: {v}"], offers: ["With your mileage, {v} works out cheapest — shall I note that as your choice?", "Most drivers in your spot choose {v}; want me to put that through?"], confirmations: ["Note it.", "Put it through."], recorrections: ["Sat down with the numbers again: {first} after all."] },
    { category: "date", subject: "collection slot", correctable: true, values: ["Thursday 6 March, 09:00–11:00", "Thursday 6 March, 11:00–13:00"], phrasings: ["They collect the car {v}.", "collection {v}"], corrections: ["Same day, a different two hours: {v}."] },
    { category: "number", subject: "registration", correctable: true, values: ["LK21 XRT", "LK21 XTR"], phrasings: ["The car is {v}.", "reg {v}"], corrections: ["Read it off the V5 just now: {v}.", "The plate on the car itself says {v}, so I typed it wrong."] },
    { category: "number", subject: "mileage", correctable: true, values: ["31,480 miles", "34,180 miles", "31,840 miles"], phrasings: ["It's done {v}.", "odo {v}"], corrections: ["Went out and looked at the dash: {v}."] },
    { category: "name", subject: "account manager", correctable: true, values: flintPeople, phrasings: ["My account manager is {v}.", "AM: {v}"], corrections: ["The person who signs off my file is {v} these days."] },
    { category: "number", subject: "monthly payment", values: ["£289.40", "£298.40", "£289.04", "£829.40"], phrasings: ["I pay {v} a month.", "payment {v}/mo"], restatements: ["the statement shows {decoy}, that's with the maintenance add-on I cancelled; the lease itself is {v}"] },
    { category: "constraint", subject: "excess mileage terms", values: ["8p a mile over 10,000", "capped at £400 in the contract", "waived if I extend", "charged at handback, not monthly"], phrasings: ["Per the contract: {v}.", "excess — {v}"] },
    { category: "preference", subject: "courtesy car", values: ["an automatic, please", "anything with a tow bar", "a small hatchback is fine"], phrasings: ["For the courtesy car: {v}.", "courtesy car — {v}"], none: "no courtesy car, I'll borrow my sister's", retirements: ["Drop the courtesy car request ({old}): {none}."] },
  ],
  coding: [
    { category: "decision", subject: "migration approach", correctable: true, values: ["logical replication with a short cutover", "pg_upgrade in place over a weekend", "dump and restore into a new cluster", "a blue-green switch behind the pooler", "staying on the old version another quarter"], phrasings: ["Plan for the upgrade: {v}.", "approach: {v}"], offers: ["For a database this size I'd do {v} — want me to draft the runbook?", "{v} keeps the risk lowest here; shall I plan it?"], confirmations: ["Draft it.", "plan it"], counters: ["{old} needs more downtime than we're allowed — go with {v}."], recorrections: ["Finance vetoed the change, so it's {first} again, the original plan."] },
    { category: "date", subject: "cutover window", correctable: true, values: ["Sunday 02:00–04:00 UTC", "Sunday 03:00–05:00 UTC"], phrasings: ["Cutover is {v}.", "window {v}"], corrections: ["Ops asked us to slide it by an hour; new window {v}."] },
    { category: "number", subject: "target version", correctable: true, values: ["PostgreSQL 16.4", "PostgreSQL 16.6", "PostgreSQL 16.2"], phrasings: ["We're going to {v}.", "target: {v}"], corrections: ["Same major, only the minor release moved: {v}."] },
    { category: "number", subject: "connection limit", correctable: true, values: ["400 max connections", "480 max connections", "800 max connections"], phrasings: ["The new cluster gets {v}.", "limit: {v}"], corrections: ["Checked the parameter group, it's {v}."] },
    { category: "name", subject: "DBA on call", correctable: true, values: flintPeople, phrasings: ["{v} is the DBA on call that night.", "on call: {v}"], corrections: ["Rota swap for the cutover night: {v} has the pager."] },
    { category: "date", subject: "rollback deadline", correctable: true, values: ["04:30 UTC", "05:30 UTC", "03:45 UTC"], phrasings: ["If it isn't healthy by {v}, we roll back.", "rollback by {v}"] },
    { category: "number", subject: "incident ticket", values: ["DBM-4417", "DBM-4471", "DBM-4147", "DBM-7441"], phrasings: ["It's tracked under {v}.", "ticket {v}"], restatements: ["the wiki links {decoy}, that's last year's failed attempt; this one is {v}"] },
    { category: "constraint", subject: "freeze rule", values: ["no schema changes the week before", "read-only mode for the last ten minutes", "no deploys from other teams that night", "the old cluster kept for fourteen days"], phrasings: ["Hard rule: {v}.", "freeze: {v}"] },
    { category: "preference", subject: "status updates", values: ["a Slack thread every half hour", "one email at the start and one at the end", "a banner on the status page"], phrasings: ["For updates I'd like {v}.", "updates → {v}"], none: "no updates, the runbook checklist is the record", retirements: ["We're dropping {old}: {none}."] },
  ],
  travel: [
    { category: "decision", subject: "lift pass", correctable: true, values: ["a 6-day area pass", "a 6-day pass for the whole valley", "a 5-in-7-day flexi pass", "day passes bought each morning", "a family pass with the kids free"], phrasings: ["We're getting {v}.", "pass: {v}"], offers: ["{v} is the best value for your dates — add it to the booking?", "I'd go for {v}; want me to price it?"], confirmations: ["Add it.", "Yes, price that."], recorrections: ["Ended up on {first} after all, like you suggested at the start."] },
    { category: "date", subject: "transfer pickup", correctable: true, values: ["Saturday 7 February, 10:15 from Geneva arrivals", "Saturday 7 February, 11:15 from Geneva arrivals"], phrasings: ["The transfer picks us up {v}.", "pickup {v}"], corrections: ["The flight lands an hour off what I said, so pickup is {v}."] },
    { category: "number", subject: "party size", correctable: true, values: ["4 adults and 2 children", "4 adults and 3 children", "5 adults and 2 children"], phrasings: ["We're {v}.", "party: {v}"], corrections: ["Headcount changed on one side only: {v}."] },
    { category: "name", subject: "chalet host", correctable: true, values: flintPeople, phrasings: ["Our chalet host is {v}.", "host: {v}"], corrections: ["New email from the agency: this week the chalet is looked after by {v}."] },
    { category: "number", subject: "chalet balance", correctable: true, values: ["€1,940", "€1,490", "€1,904", "€4,190"], phrasings: ["Still owed on the chalet: {v}.", "balance {v}"] },
    { category: "number", subject: "ski rental order", values: ["SR-60913", "SR-60931", "SR-69013", "SR-06913"], phrasings: ["Ski rental is order {v}.", "rental {v}"], restatements: ["the shop's text mentions {decoy}, that's someone else's order; ours is {v}"] },
    { category: "constraint", subject: "slope limit", values: ["blue runs only for Mum", "the kids in ski school every morning", "no off-piste, the insurance won't cover it", "back at the chalet by the little one's nap"], phrasings: ["Keep in mind: {v}.", "⛷ {v}"] },
    { category: "preference", subject: "dinners", values: ["half board at the chalet", "self-catering, we'll cook", "a raclette night midweek"], phrasings: ["For dinners we'd like {v}.", "dinner: {v}"], none: "no dinners booked, we'll eat out every night", retirements: ["Cancel {old}; {none}."] },
  ],
} as const satisfies Record<string, readonly FlintSlot[]>;

export type FlintKind = keyof typeof flintKindSlots;
