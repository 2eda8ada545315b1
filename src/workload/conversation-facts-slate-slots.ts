/**
 * The `slate` set's per-kind slots (issue #17, eleventh round; the set-wide phrasings and the shared slots are in
 * conversation-facts-slate.ts). Written blind: without reading the memory code, its docs, its tests or any figure,
 * so nothing here is shaped to what the extraction handles. New against the earlier sets: values that differ from
 * another value of the same slot by one digit, two swapped digits or one letter (a build number, a serial, a
 * booking reference, a loan amount), so the stale and the current value look almost alike; an old value said to
 * belong to something else rather than to be wrong; offers countered with a question the user answers themself;
 * and a fee waived, with nothing in its place. A harness: nothing in the request path reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type SlateSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const slatePeople = ["Gwendolyn", "Anselm", "Chiamaka", "Leopold", "Marisol", "Teodor", "Saoirse", "Vikram", "Philippa", "Radovan", "Ingeborg", "Emeka", "Celestine", "Bogdan"];

export const slateKindSlots = {
  mortgage: [
    { category: "decision", subject: "lender", correctable: true, values: ["Nationwide", "Halifax", "Coventry Building Society", "Skipton", "Santander", "Virgin Money"], phrasings: ["We're applying with {v}.", "lender: {v}"], offers: ["On your numbers {v} is the best fit; shall I start the application there?", "{v} has the lowest product fee this week — want me to go ahead?"], confirmations: ["Go ahead.", "Yes, start it."], counters: ["What about {v} instead of {old}? My sister had a rough time with {old}, so yes — {v}."], recorrections: ["Underwriter declined us, so it's {v} now, not {old}."] },
    { category: "number", subject: "loan amount", correctable: true, values: ["£245,000", "£254,000", "£245,500", "£425,000", "£240,500"], phrasings: ["Borrowing {v}.", "we need {v} from the lender"], corrections: ["After the price drop we only need {v}.", "We sold the car, so {v} instead of {old}."] },
    { category: "date", subject: "completion date", correctable: true, values: ["Friday 26 June", "the 30th", "end of July", "2026-09-04", "the week after we exchange"], phrasings: ["Completion's {v}.", "aiming to complete {v}"], corrections: ["The vendor's chain moved: completion {v}."] },
    { category: "name", subject: "solicitor", correctable: true, values: slatePeople, phrasings: ["{v} at the conveyancers is our solicitor."], corrections: ["Same firm, different person: {v} has taken over from {old}."] },
    { category: "constraint", subject: "rate type", correctable: true, values: ["a two-year fix", "a five-year fix", "a tracker with no early repayment charges", "no fixed rate, we might sell within two years", "a ten-year fix"], phrasings: ["We want {v}.", "rate-wise: {v}"], corrections: ["Saw the news about rates — {v} after all."] },
    { category: "number", subject: "mortgage term", correctable: true, values: ["25 years", "30 years", "35 years", "28 years", "a 22-year term"], phrasings: ["Term: {v}.", "over {v} please"], corrections: ["{old} was for the buy-to-let we looked at; for this one the term is {v}."] },
    { category: "preference", subject: "broker fee", values: ["£495 on application", "£999 on completion", "£250 up front"], phrasings: ["Your fee was {v}, right? Fine by us.", "ok with the {v} fee"], none: "no broker fee, it's waived", retirements: ["Your colleague rang: the {s} of {old} is dropped for us, so {none}."] },
    { category: "number", subject: "case number", values: ["MB-90412", "MB-90421", "MB-94012", "MB-90142"], phrasings: ["Case {v}.", "our case is {v}"], restatements: ["the lender's email says {decoy} — close, but not ours; ours is {v}"] },
  ],
  support: [
    { category: "decision", subject: "battery model", correctable: true, values: ["Powerwall 3", "GivEnergy 9.5 kWh", "SolarEdge Home 10", "Fox ESS EP11", "Sigenergy 8 kWh"], phrasings: ["The battery is a {v}.", "battery: {v}"], offers: ["For your usage I'd fit a {v}; shall I add it to the quote?", "We have a {v} in stock for your install date, want it?"], confirmations: ["Add it.", "Yes, that one."], recorrections: ["Installer had none in stock, so {v}, not {old}."] },
    { category: "number", subject: "inverter serial", values: ["SN 4G21-0087-K", "SN 4G21-0078-K", "SN 4G12-0087-K", "SN 4G21-0087-X"], phrasings: ["Inverter serial: {v}.", "the sticker on the inverter says {v}"], restatements: ["the app shows {decoy} — that's the battery's serial, the inverter is {v}"] },
    { category: "date", subject: "install date", correctable: true, values: ["Monday 8 June", "the 14th", "the week commencing 20 July", "2026-06-03", "the first dry day next week"], phrasings: ["Install is booked for {v}.", "install: {v}"], corrections: ["The scaffolders can't make it, so the install moves to {v}."] },
    { category: "constraint", subject: "export limit", correctable: true, values: ["a 3.68 kW export cap", "no export until the DNO approves", "export limited to 5 kW", "zero export"], phrasings: ["The DNO letter says {v}.", "grid: {v}"], corrections: ["The G99 came back: {v}."] },
    { category: "preference", subject: "tariff", correctable: true, values: ["Octopus Flux", "Intelligent Go", "E.ON Next Drive", "a flat-rate tariff for now", "Agile"], phrasings: ["We're on {v}.", "tariff = {v}"] },
    { category: "number", subject: "panel count", correctable: true, values: ["14 panels", "sixteen panels", "12 panels on the south roof", "18 panels across two roofs"], phrasings: ["The array is {v}.", "we went for {v}"], corrections: ["The surveyor measured again: {v} fit, not {old}."] },
    { category: "name", subject: "engineer", correctable: true, values: slatePeople, phrasings: ["{v} is our engineer."], corrections: ["{old} is on the other job that day; {v} is doing ours."] },
  ],
  coding: [
    { category: "decision", subject: "release track", correctable: true, values: ["internal testing", "the closed beta", "a staged production rollout", "the open beta", "TestFlight external"], phrasings: ["We ship to {v} first.", "track: {v}"], offers: ["Given the crash rate I'd push to {v} first; do it?", "I can promote the build to {v} now, ok?"], confirmations: ["lgtm", "do it"], recorrections: ["PM overrode it: {v}; {old} is off the table."] },
    { category: "number", subject: "build version", correctable: true, values: ["4.12.0 (412003)", "4.12.1 (412004)", "4.21.0 (421001)", "4.1.20 (412000)", "4.12.10 (412010)"], phrasings: ["The release build is {v}.", "`versionName (versionCode)`: {v}"], corrections: ["CI bumped it — {v}", "Rejected in review, resubmitted as {v}."] },
    { category: "number", subject: "rollout percentage", correctable: true, values: ["5 %", "20 %", "1 % of users", "50 %", "10 % in Canada only"], phrasings: ["Rollout starts at {v}.", "rollout {v}"], corrections: ["Crash-free sessions dipped, so we're holding at {v}."] },
    { category: "constraint", subject: "minimum OS", correctable: true, values: ["iOS 16 and up", "Android 8.0 (API 26)", "no support below iOS 15", "Android 10+ only"], phrasings: ["Min OS: {v}.", "we support {v}"] },
    { category: "date", subject: "store submission date", correctable: true, values: ["Thursday 11 June", "before the 19th", "2026-07-01", "the Monday after code freeze"], phrasings: ["Submitting to the stores {v}.", "submit {v}"] },
    { category: "name", subject: "release captain", correctable: true, values: slatePeople, phrasings: ["{v} is release captain this sprint."], corrections: ["{old} was captain for the web release; for mobile it's {v}."] },
    { category: "number", subject: "epic", values: ["MOB-2207", "MOB-2270", "MOB-2027", "MOB-7220"], phrasings: ["Epic: {v}.", "everything's under {v}"], restatements: ["the changelog links {decoy}, wrong epic; ours is {v}"] },
  ],
  travel: [
    { category: "decision", subject: "route", correctable: true, values: ["the West Highland Way", "the Camino Portugués from Porto", "the Cotswold Way", "Hadrian's Wall Path", "the Tour du Mont Blanc"], phrasings: ["We're walking {v}.", "route: {v}"], offers: ["For a first long walk I'd suggest {v}; want me to pencil it in?", "{v} has luggage transfer on every stage — shall I hold it?"], confirmations: ["Pencil it in.", "Yes, hold it."], counters: ["Hmm, would {v} work instead of {old}? Let's say yes: {v}."] },
    { category: "number", subject: "daily distance", correctable: true, values: ["about 15 miles a day", "no more than 20 km a day", "12 to 14 miles", "25 km on the long days"], phrasings: ["We can manage {v}.", "pace: {v}"], corrections: ["My knee's playing up — {v} at most."] },
    { category: "date", subject: "start date", correctable: true, values: ["Saturday 5 September", "the 12th", "2026-05-16", "the last week of May"], phrasings: ["We start walking {v}.", "start {v}"] },
    { category: "number", subject: "bags to transfer", correctable: true, values: ["2 bags, 18 kg each max", "three bags", "one shared bag under 20 kg", "4 bags"], phrasings: ["Luggage transfer: {v}.", "bags: {v}"] },
    { category: "constraint", subject: "room rule", correctable: true, values: ["no shared bathrooms", "twin beds, not a double", "ground-floor rooms only", "no dorms"], phrasings: ["Accommodation rule: {v}.", "for rooms, {v}"] },
    { category: "name", subject: "walking partner", correctable: true, values: slatePeople, phrasings: ["I'm walking with {v}."], corrections: ["{old} dropped out; {v} is coming instead."] },
    { category: "number", subject: "booking reference", values: ["WLK-55810", "WLK-55801", "WLK-58510", "WLK-55180"], phrasings: ["Booking ref {v}.", "ref: {v}"], restatements: ["your reminder email had {decoy}, one digit off — ours is {v}"] },
  ],
} as const satisfies Record<string, readonly SlateSlot[]>;

export type SlateKind = keyof typeof slateKindSlots;
