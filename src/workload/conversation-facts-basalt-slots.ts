/**
 * The `basalt` set's per-kind slots (issue #17, fifteenth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-basalt.ts). Written blind: without reading the memory code, its docs, its tests or any figure,
 * so nothing here is shaped to what the extraction handles. New against the earlier sets: a band's tour logistics
 * kind; values of one shape side by side in one kind (load-in, doors and curfew times; a guarantee and a merch float;
 * a capacity and a presale count; an app version and a minimum OS version; a coach and a seat); corrections in the
 * slot's own world: an amended calendar invitation, a date moved "a week", a distance re-given in miles, a figure
 * forwarded by a promoter or a carrier. A harness: nothing in the request path reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type BasaltSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const basaltPeople = ["Radomir", "Ifeoma", "Sunniva", "Gwilym", "Marisol", "Teodor", "Ailbhe", "Kwabena", "Rosalind", "Zdenek", "Henrike", "Tobiah", "Nuala", "Evander"];

/** An amended calendar invitation, as a mail client pastes it: only the new time is in it. */
const invite = "Invitation updated: {s}\nWhen: {v}\n(The organiser changed this event.)";

export const basaltKindSlots = {
  tour: [
    { category: "decision", subject: "backline", correctable: true, values: ["the house backline", "our own amps in the van", "a hired backline from the promoter", "shared backline with the headliner", "DI boxes only, no amps"], phrasings: ["For backline we're using {v}.", "backline = {v}"], offers: ["Most bands at this size go with {v} — want me to tell the promoter that's the plan?", "{v} would save you a van seat; shall I confirm it with the venues?"], confirmations: ["Tell them.", "Yep, confirm it."], counters: ["{old} won't work, our drummer is fussy — we'll do {v}."], recorrections: ["Promoter says the stages are too small; back to {first}, what you first suggested."] },
    { category: "date", subject: "Leeds show", correctable: true, values: ["Friday 6 March", "Friday 13 March"], phrasings: ["Leeds is {v}.", "LEEDS — {v}"], corrections: ["Move the {s} a week, the venue double-booked. So {v}, not {old}.", invite] },
    { category: "date", subject: "load-in", correctable: true, values: ["15:30", "16:30", "13:50"], phrasings: ["Load-in is at {v} on show days.", "load in {v}"], corrections: [invite, "Production moved it, load-in is {v}."] },
    { category: "date", subject: "doors", correctable: true, values: ["19:00", "19:30", "20:00"], phrasings: ["Doors open at {v}.", "doors {v}"], corrections: ["Doors are {v} now, the venue wants the bar open longer."] },
    { category: "constraint", subject: "curfew", correctable: true, values: ["22:45", "23:00", "22:30"], phrasings: ["Hard curfew at {v}, no encore after that.", "curfew {v} (hard)"], corrections: ["Council licence says {v}, so that's our curfew."] },
    { category: "number", subject: "drive to Glasgow", correctable: true, values: ["340 km", "430 km", "215 miles", "265 miles"], phrasings: ["The drive to Glasgow is {v}.", "leeds→glasgow {v}"], corrections: ["We have to go via Carlisle for the van, so the app says {v} now.", "Re-routed round the roadworks: {v}."] },
    { category: "number", subject: "guarantee", correctable: true, values: ["£650", "£560", "£1,650", "£600"], phrasings: ["The guarantee is {v} per show.", "guarantee {v}/show"], corrections: ["---------- Forwarded message ----------\nFrom: bookings@northlightpromo\nSubject: Re: {s}\n\nHi all, after the budget meeting we can do {v}. Sorry for the back and forth."] },
    { category: "number", subject: "merch float", correctable: true, values: ["£250", "£520", "£205"], phrasings: ["We're carrying {v} of change for merch.", "float {v}"], corrections: ["Bank only had enough coins for {v}, so that's the float."] },
    { category: "number", subject: "capacity", correctable: true, values: ["450", "540", "405"], phrasings: ["The Glasgow room holds {v}.", "cap {v}"] },
    { category: "number", subject: "presale count", values: ["312", "321", "231", "132"], phrasings: ["Presales are at {v} tickets.", "presale {v}"], restatements: ["The promoter's dashboard showed {decoy} but that was including comps; presales are {v}."] },
    { category: "name", subject: "tour manager", correctable: true, values: basaltPeople, phrasings: ["{v} is tour managing.", "TM: {v}"], corrections: ["{old} broke a wrist, {v} is stepping in as TM."] },
    { category: "constraint", subject: "rider rule", values: ["no glass on stage", "vegan hot meal for five", "towels and water only, no alcohol", "a locked dressing room"], phrasings: ["Rider says: {v}.", "rider — {v}"] },
    { category: "preference", subject: "hotel", values: ["twin rooms near the venue", "one apartment for all of us", "a Travelodge by the ring road"], phrasings: ["For sleeping we want {v}.", "beds: {v}"], none: "no hotel, we're driving home after each show", retirements: ["Cancel {old}; {none}."] },
  ],
  support: [
    { category: "decision", subject: "broadband package", correctable: true, values: ["the 500 Mb business fibre", "the 900 Mb business fibre", "a leased line", "4G backup only", "the 150 Mb starter line"], phrasings: ["For the new office we're going with {v}.", "package: {v}"], offers: ["For twelve staff I'd recommend {v} — shall I put that on the order?", "{v} would cover your uploads; want me to add it?"], confirmations: ["Add it.", "Put it on."], recorrections: ["The landlord's wiring rules out the change, so {first} it is, like you offered."] },
    { category: "date", subject: "move date", correctable: true, values: ["Monday 20 April", "Monday 27 April"], phrasings: ["We move into the new office on {v}.", "move day {v}"], corrections: ["Move the {s} a week: the fit-out overran. So {v}.", invite] },
    { category: "number", subject: "new unit", correctable: true, values: ["Unit 14B", "Unit 41B", "Unit 14D"], phrasings: ["The new address is {v}, Canal Wharf.", "addr: {v}, Canal Wharf"], corrections: ["Agent's letter says {v}, I read the plan upside down."] },
    { category: "number", subject: "phone lines", correctable: true, values: ["8 lines", "12 lines", "18 lines"], phrasings: ["We need {v} ported over.", "lines: {v}"], corrections: ["Headcount changed again, so {v}."] },
    { category: "number", subject: "porting reference", correctable: true, values: ["PRT-208814", "PRT-280814", "PRT-208841"], phrasings: ["The porting reference is {v}.", "port ref {v}"] },
    { category: "number", subject: "monthly price", correctable: true, values: ["£84.50", "£48.50", "£85.40"], phrasings: ["The price you quoted was {v} a month.", "{v}/month"], corrections: ["The contract PDF says {v}, so go by that."] },
    { category: "number", subject: "set-up fee", values: ["£95.00", "£59.00", "£99.50", "£90.50"], phrasings: ["Set-up fee is {v} one-off.", "setup {v}"], restatements: ["The email footer says {decoy}, that's the old tariff; set-up is {v}."] },
    { category: "name", subject: "installer", correctable: true, values: basaltPeople, phrasings: ["The engineer booked is {v}.", "engineer: {v}"], corrections: ["The depot rang, {v} is doing the install instead."] },
    { category: "constraint", subject: "access rule", values: ["engineers in via the rear loading bay only", "no drilling before 10am", "visitors must sign in at reception", "lift is out of bounds for equipment"], phrasings: ["Building rule: {v}.", "access — {v}"] },
    { category: "preference", subject: "invoices", values: ["paper invoices by post", "PDF invoices to accounts@", "one quarterly invoice"], phrasings: ["For billing we'd like {v}.", "billing: {v}"], none: "no invoices, it's all on the parent company's account", retirements: ["Scrap {old}: {none}."] },
  ],
  coding: [
    { category: "decision", subject: "rollout plan", correctable: true, values: ["a 7-day phased release", "a full release on day one", "TestFlight only for a week first", "a staged rollout starting at 5 %", "holding the release until after the sale"], phrasings: ["Rollout: {v}.", "rollout = {v}"], offers: ["Given the crash spike last time, I'd do {v} — want me to write that into the release checklist?", "{v} is the safest option here; shall I set it up?"], confirmations: ["Write it in.", "Set it up."], counters: ["{old} is too slow for marketing — let's do {v}."], recorrections: ["Product overruled us; it's {first} again."] },
    { category: "number", subject: "app version", correctable: true, values: ["4.12.0", "4.12.1", "4.21.0"], phrasings: ["This release is {v}.", "version {v}"], corrections: ["The version in the ticket was wrong, it ships as {v}."] },
    { category: "number", subject: "minimum iOS", correctable: true, values: ["iOS 15.0", "iOS 16.0", "iOS 15.4"], phrasings: ["Minimum supported is {v}.", "min os {v}"] },
    { category: "date", subject: "submission date", correctable: true, values: ["Tuesday 3 June", "Tuesday 10 June"], phrasings: ["We submit to review on {v}.", "submit {v}"], corrections: ["Move the {s} a week, QA isn't done. So {v}.", invite] },
    { category: "constraint", subject: "crash-free target", correctable: true, values: ["99.5 %", "99.8 %", "99.9 %"], phrasings: ["We don't ship below {v} crash-free sessions.", "crash-free ≥ {v}"], corrections: ["The new SLA from the client raises it to {v}."] },
    { category: "number", subject: "download size limit", correctable: true, values: ["150 MB", "200 MB", "120 MB"], phrasings: ["The build has to stay under {v}.", "size cap {v}"] },
    { category: "name", subject: "release captain", correctable: true, values: basaltPeople, phrasings: ["{v} is release captain this cycle.", "captain: {v}"], corrections: ["Swapped rota with {old}, so {v} is captain."] },
    { category: "number", subject: "feature flag", values: ["checkout_v3", "checkout_v2b", "checkout_v3b", "checkout_v2"], phrasings: ["It's all behind the {v} flag.", "flag {v}"], restatements: ["The dashboard still lists {decoy}, that's the dead one; we gate on {v}."] },
    { category: "number", subject: "support ticket", values: ["MOB-3318", "MOB-3381", "MOB-3138", "MOB-8313"], phrasings: ["The release is tracked in {v}.", "tkt {v}"] },
    { category: "preference", subject: "release notes", values: ["short bullet release notes", "release notes written by marketing", "the same notes in every language"], phrasings: ["For the store I'd like {v}.", "notes: {v}"], none: "no release notes, just \"bug fixes\"", retirements: ["Drop {old}; {none}."] },
  ],
  travel: [
    { category: "decision", subject: "rail pass", correctable: true, values: ["a 7-days-in-1-month pass", "a 15-day continuous pass", "point-to-point tickets", "a 4-days-in-1-month pass", "a youth pass for the two of us"], phrasings: ["We're going with {v}.", "pass → {v}"], offers: ["For your route {v} comes out cheapest — shall I price it up?", "I'd pick {v}; want me to hold it?"], confirmations: ["Price it up.", "Hold it."], recorrections: ["Redid the sums, {first} was right after all."] },
    { category: "number", subject: "Vienna seat", correctable: true, values: ["coach 7, seat 64", "coach 7, seat 46", "coach 9, seat 64"], phrasings: ["Our reservation to Vienna is {v}.", "VIE {v}"], corrections: ["The app reissued the reservation: {v}."] },
    { category: "date", subject: "Munich departure", correctable: true, values: ["08:14", "09:14", "08:41"], phrasings: ["The Munich train leaves at {v}.", "MUC dep {v}"], corrections: [invite, "DB moved the timetable, it goes at {v} now."] },
    { category: "number", subject: "train to Vienna", correctable: true, values: ["RJX 61", "RJX 63", "RJ 61"], phrasings: ["We're on the {v} to Vienna.", "train {v}"] },
    { category: "number", subject: "Ljubljana leg", correctable: true, values: ["385 km", "240 miles", "355 km", "220 miles"], phrasings: ["The Ljubljana leg is {v} by rail.", "lju leg {v}"], corrections: ["Different route through Villach; the planner says {v} now."] },
    { category: "constraint", subject: "daily budget", correctable: true, values: ["€90 a day", "€110 a day", "€95 a day"], phrasings: ["We're keeping to {v}.", "budget {v}"], corrections: ["After the deposit came back we can do {v}."] },
    { category: "name", subject: "Vienna host", correctable: true, values: basaltPeople, phrasings: ["Our host in Vienna is {v}.", "host VIE: {v}"], corrections: ["Different host now, the listing says {v}."] },
    { category: "date", subject: "return flight", correctable: true, values: ["Sunday 14 September", "Sunday 21 September"], phrasings: ["We fly home {v}.", "home {v}"], corrections: ["Move the {s} a week, we're staying longer. So {v}."] },
    { category: "number", subject: "booking code", values: ["QX7RTA", "QX7RAT", "QX7TRA", "XQ7RTA"], phrasings: ["The booking code is {v}.", "PNR {v}"], restatements: ["My sister has {decoy} scribbled down, that's her own booking; ours is {v}."] },
    { category: "preference", subject: "seats", values: ["facing forward", "a table seat", "the quiet coach"], phrasings: ["We'd like {v} where possible.", "seat pref: {v}"] },
  ],
} as const satisfies Record<string, readonly BasaltSlot[]>;

export type BasaltKind = keyof typeof basaltKindSlots;
