/**
 * The `kiln` set's per-kind slots (issue #17, tenth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-kiln.ts). Written blind: without reading the memory code, its docs, its tests or any figure,
 * so nothing here is shaped to what the extraction handles. New against the earlier sets: values said the way
 * people type them at work (chat shorthand such as "pu" and "del", pasted lines from an email or a form, a value
 * repaired in the middle of its own sentence, a value marked "tbc"), trade codes (Incoterms, load numbers, reefer
 * ranges, shard counts) and corrections that name the old value only by when it was said. A harness: nothing in
 * the request path reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type KilnSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const kilnPeople = ["Bartholomew", "Nkechi", "Ludmila", "Cormac", "Ottilie", "Rasmus", "Zainab", "Ferdinand", "Henrike", "Thaddeus", "Yolanda", "Kwabena", "Isadora", "Wojciech"];

const okay = ["ok go", "yep book it", "fine, lock it in", "sounds good 👍"];

export const kilnKindSlots = {
  freight: [
    { category: "date", subject: "pickup window", correctable: true, values: ["Tuesday 06:00–10:00", "Wednesday 11 March, 08:00", "Thursday after 13:00", "Friday first thing", "Monday 16 March, 14:00"], phrasings: ["pu is {v}", "Pickup: {v}, shipper's dock closes at 4."], offers: ["Earliest carrier I can get is {v} for pickup; want it?", "I can cover pickup {v} at the rate we discussed, shall I book?"], confirmations: okay, recorrections: ["shipper again 🙄 pu now {v}, not {old}", "carrier fell through, so back to {first}"] },
    { category: "number", subject: "gross weight", correctable: true, values: ["18,400 kg", "40,500 lb", "20.5 tonnes", "44,000 lbs", "19 metric tons"], phrasings: ["Copying from the packing list: \"Gross weight: {v}\"", "it's {v} gross"], corrections: ["Per the weighbridge ticket it's {v}, not {old}.", "shipper re-sent the packing list, gross is {v}"] },
    { category: "decision", subject: "delivery point", correctable: true, values: ["Dock 7 at Tilbury", "Bay 12 at the Daventry DC", "Gate B at Felixstowe", "the Magna Park cross-dock", "Unit 3 on Trafford Park"], phrasings: ["Deliver to the old site on Wharf Road — no sorry, that closed — {v}.", "del to {v}"], corrections: ["Consignee just emailed: > please redirect to {v}", "Receiver can't take it at {old}.{later}New del point: {v}."] },
    { category: "constraint", subject: "reefer setting", correctable: true, values: ["+2 to +8 °C", "-18 °C or colder", "no colder than +12 °C", "ambient, no reefer", "0 °F continuous"], phrasings: ["Temp: {v}.", "Reefer has to be {v}, it's on the BOL."], corrections: ["QA says {old} is wrong for this product, set it to {v}."] },
    { category: "name", subject: "dispatcher at the carrier", correctable: true, values: kilnPeople, phrasings: ["{v} is dispatching for the carrier."], offers: ["{v} on their dispatch desk has the load now.", "I've got {v} at the carrier handling it."], confirmations: ["ok noted", "great, ty"], corrections: ["{old} went home sick, {v} has the load"] },
    { category: "decision", subject: "Incoterm", correctable: true, values: ["FOB Ningbo", "DAP Rotterdam", "EXW Lyon", "CIF Felixstowe", "DDP Manchester"], phrasings: ["Terms are {v}.", "PO says {v}"], corrections: ["Finance renegotiated, it's {v} now, so we don't pay the leg we thought."] },
    { category: "number", subject: "load number", values: ["LD-558203", "LD-601744", "LD-472916", "LD-839051"], phrasings: ["Load {v}.", "our ref is {v}"], restatements: ["the carrier's email says {decoy} — that's their other customer, ours is {v}"] },
  ],
  support: [
    { category: "decision", subject: "plan", correctable: true, values: ["the Campus plan", "Small School Lite", "the Trust-wide licence", "Premium Messaging", "the Starter 300 plan"], phrasings: ["We're on {v}.", "the school pays for {v}"], offers: ["For a school your size I'd suggest {v}.", "{v} covers two-way messaging, want me to move you?"], confirmations: ["Yes please, move us.", ...okay], recorrections: ["Bursar said no, stay on {first}", "Head changed her mind: {v}, not {old}"] },
    { category: "number", subject: "number of parent accounts", correctable: true, values: ["412 parents", "1,080 parents", "655 parents", "297 parents", "830 parents"], phrasings: ["We've got {v} signed up.", "Roughly {v} on the app, tbc once the Year 7 import is done."], corrections: ["Year 7 import finished: {v}.", "the export says {v} not {old}"] },
    { category: "preference", subject: "SMS sender name", correctable: true, values: ["STMARYSPS", "OakfieldAcad", "HILLVIEW-JS", "GreenwaySch", "BRK-Primary"], phrasings: ["Texts should come from {v}.", "sender id {v} pls"], corrections: ["*{v} — autocorrect mangled it before, not {old}"] },
    { category: "date", subject: "go-live", correctable: true, values: ["the first day back after half term", "Monday 23 February", "the 2nd", "after the Easter holidays", "the Tuesday after parents' evening"], phrasings: ["Go-live is {v}.", "We switch on {v}, tbc with the head."], corrections: ["Governors meeting moved, so go-live moves too.{later}New go-live: {v}."] },
    { category: "constraint", subject: "messaging rule", correctable: true, values: ["no messages after 7 pm", "no texts to pupils directly", "nothing sent on Sundays", "no photos in group chats"], phrasings: ["Safeguarding rule: {v}.", "One hard rule — {v}."], corrections: ["DSL updated the policy: {v}. {old} is dropped."] },
    { category: "number", subject: "ticket number", values: ["TKT-30418", "TKT-51127", "TKT-44960", "TKT-28735"], phrasings: ["Ticket {v}.", "It's under {v}."], restatements: ["your auto-reply said {decoy} but that's the IT technician's one, ours is {v}"] },
  ],
  coding: [
    { category: "decision", subject: "search engine", correctable: true, values: ["OpenSearch 2.x", "Meilisearch", "Typesense", "Elasticsearch 8", "Vespa"], phrasings: ["we're on {v}", "The new index runs on {v}."], offers: ["For faceting at that scale I'd go {v}.", "{v} handles the typo tolerance you want; set it up?"], confirmations: ["ship it", ...okay], recorrections: ["arch review vetoed it, back to {first}", "platform team insists on {v}, not {old}"] },
    { category: "number", subject: "shard count", correctable: true, values: ["12 shards", "a single shard", "24 shards", "6 shards", "3 primary shards"], phrasings: ["Index has {v}.", "`number_of_shards` → {v}"], corrections: ["benchmarks came back, {v} not {old}", "SRE wants {v}"] },
    { category: "date", subject: "reindex window", correctable: true, values: ["Saturday 02:00–05:00 UTC", "Sunday night after the batch", "Wednesday 22:00 UTC", "the maintenance slot on the 21st", "the night before the sale"], phrasings: ["Reindex runs {v}.", "reindex window: {v}"], corrections: ["window changed, will confirm after standup{later}ok reindex window is {v}"] },
    { category: "name", subject: "reviewer", correctable: true, values: kilnPeople, phrasings: ["{v} is reviewing the PR."], corrections: ["{old} is on leave — reassigned to {v}", "re-requested review from {v}"] },
    { category: "constraint", subject: "memory limit", correctable: true, values: ["4 GiB per pod", "6,000 MiB", "3.5 GB", "8192 MB"], phrasings: ["Pods are capped at {v}.", "`resources.limits.memory`: {v}"], corrections: ["ops bumped it: {v}"] },
    { category: "constraint", subject: "cutover rule", correctable: true, values: ["no downtime for the storefront", "no reindex during peak hours", "no direct writes to the live alias", "no new dependencies"], phrasings: ["Hard rule: {v}.", "whatever we do, {v}"], corrections: ["{old} doesn't apply any more, but {v}"] },
    { category: "number", subject: "PR number", values: ["PR #4812", "PR #5377", "PR #4090", "PR #6125"], phrasings: ["It's {v}.", "see {v}"], restatements: ["CI links to {decoy} but that's the revert; ours is {v}"] },
  ],
  travel: [
    { category: "decision", subject: "coach company", correctable: true, values: ["Shearings Tours", "Alba Coaches", "Redline Travel", "Castleview Coaches", "Baird's of Ayr"], phrasings: ["We're going with {v}.", "coach is {v}"], offers: ["{v} has a 49-seater free that weekend, shall I hold it?", "I'd book {v}, they've done choir tours before."], confirmations: ["Hold it please", ...okay], recorrections: ["committee overruled me, {v} not {old}", "deposit bounced, so it's {first} again"] },
    { category: "number", subject: "number of singers", correctable: true, values: ["38 singers", "forty-two of us", "31 plus the conductor", "45 including the band"], phrasings: ["We'll be {v}.", "headcount {v}, tbc after Thursday's rehearsal"], corrections: ["final list from the secretary: {v}"] },
    { category: "date", subject: "departure", correctable: true, values: ["7:15 from the church hall", "the Friday 06:30 pickup", "Saturday 2 May, 05:45", "half six on the Friday", "noon on the Thursday"], phrasings: ["Departure is {v}.", "We leave {v}."], corrections: ["departure's moved — {v}", "The ferry time changed.{later}So departure's now {v}."] },
    { category: "name", subject: "tour manager", correctable: true, values: kilnPeople, phrasings: ["{v} is our tour manager."], corrections: ["{v} is taking over from {old} as tour manager"] },
    { category: "constraint", subject: "dietary rule", correctable: true, values: ["no nuts anywhere on the menu", "nothing with pork", "no dairy for table two", "no alcohol at the reception"], phrasings: ["For the restaurants: {v}.", "pls make sure: {v}"], corrections: ["the rule I gave you for the food is out of date: {v}"] },
    { category: "number", subject: "booking reference", values: ["CHR-7720", "CHR-3196", "CHR-5843", "CHR-9027"], phrasings: ["Booking ref {v}.", "ref: {v}"], restatements: ["the hotel wrote {decoy}, that's another group; ours is {v}"] },
  ],
} as const satisfies Record<string, readonly KilnSlot[]>;

export type KilnKind = keyof typeof kilnKindSlots;
