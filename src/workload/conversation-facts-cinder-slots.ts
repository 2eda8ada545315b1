/**
 * The `cinder` set's per-kind slots (issue #17, thirteenth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-cinder.ts). Written blind: without reading the memory code, its docs, its tests or any figure,
 * so nothing here is shaped to what the extraction handles. New against the earlier sets: facts planted as a
 * ticked form field, a calendar line with an emoji, a fridge note, a log entry; partial corrections of a compound
 * value where only one part moves (the postcode of an address, the platform of a train, the build of a version, the
 * middle dose of a medication round) said in full; a transposition named as such ("last two digits the other way
 * round"); am/pm swaps; corrections left on a voicemail, in a carer's shared log, in a pull-request review or by a
 * station announcement; subjects named by their schedule ("the Tuesday–Thursday face"). A harness: nothing in the
 * request path reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type CinderSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const cinderPeople = ["Wilhelmina", "Obadiah", "Soraya", "Leofric", "Temperance", "Ikechukwu", "Marisol", "Radomir", "Saoirse", "Thaddeus", "Ludmila", "Emrys", "Chidinma", "Perpetua"];

export const cinderKindSlots = {
  homecare: [
    { category: "decision", subject: "care package", correctable: true, values: ["two visits a day, morning and evening", "three visits a day", "a live-in carer", "a morning visit plus a night sitter twice a week", "four visits a day with two carers for the hoist"], phrasings: ["Dad's on {v}.", "package = {v}"], offers: ["After the assessment I'd recommend {v} — shall I set it up?", "The council will fund {v}; want me to start it from Monday?"], confirmations: ["Set it up.", "Yes, start it then."], counters: ["{old} would drive him mad, he hates strangers in the house — could we do {v}?"], recorrections: ["The social worker's review put him back on {first}, the package he started with."] },
    { category: "date", subject: "medication round", correctable: true, values: ["8 am and 8 pm", "8 am, 2 pm and 8 pm"], phrasings: ["Tablets are given at {v}.", "meds: {v}"], corrections: ["One dose different since the GP review: {v}.", "[Carer's note in the shared log] GP changed the timings today, meds now {v}. — Marisol"] },
    { category: "name", subject: "regular carer", correctable: true, values: cinderPeople, phrasings: ["His regular carer is {v}.", "carer (weekdays): {v}"], corrections: ["The Tuesday–Thursday face is different now: {v}.", "Voicemail from the agency, 09:12: \"Hi, just to let you know {v} will be covering your dad's calls from now on, thanks, bye.\""] },
    { category: "number", subject: "key safe code", correctable: true, values: ["4719", "4791"], phrasings: ["Key safe by the back door: {v}.", "keysafe {v}"], corrections: ["Last two digits the other way round: {v}.", "Typed it from memory and got the end in the wrong order: {v}."] },
    { category: "constraint", subject: "address for visits", correctable: true, values: ["Flat 3, Rowan Court, Harlow CM20 1QP", "Flat 3, Rowan Court, Harlow CM20 1PQ"], phrasings: ["Visits are at {v}.", "address: {v}"], corrections: ["Only the postcode was wrong: {v}.", "The sat-nav kept sending the carers round the back; the full address is {v}."] },
    { category: "constraint", subject: "mobility rule", values: ["always two carers for the hoist", "no bathing without the bath lift", "someone behind him on the stairs", "walking frame within reach at all times"], phrasings: ["Non-negotiable: {v}.", "⚠ {v}"] },
    { category: "preference", subject: "breakfast", values: ["porridge with golden syrup", "two soft-boiled eggs and toast soldiers", "Weetabix with warm milk", "a bacon roll on Sundays, toast otherwise"], phrasings: ["He'll only eat {v} in the morning.", "Note on the fridge: BREAKFAST = {v}"], none: "nothing solid, just the shakes the dietitian prescribed", retirements: ["Dietitian's orders, no more {old}; {none}."] },
    { category: "date", subject: "care review", correctable: true, values: ["Wednesday 4 March at 10:30", "Thursday 5 March at 10:30", "Wednesday 11 March at 14:00", "Friday 13 March at 09:45"], phrasings: ["📅 Care review — {v}", "The six-week review is {v}."], corrections: ["Calendar invite updated by the social worker: \"Care review — {v}\" (the earlier invite is cancelled)."] },
    { category: "number", subject: "care plan reference", values: ["CP-0418-HB", "CP-0481-HB", "CP-0418-BH", "CP-4018-HB"], phrasings: ["The care plan reference is {v}.", "plan ref {v}"], restatements: ["the council letter quotes {decoy}, that's the plan from before his fall; the live one is {v}"] },
  ],
  support: [
    { category: "decision", subject: "monitoring tier", correctable: true, values: ["Essential (self-monitored)", "Plus with police response", "Plus with keyholder response", "Premium with guard response", "the landlord bundle"], phrasings: ["We're on {v}.", "tier: {v}"], offers: ["Since you're away a lot, {v} would cover you — switch you over?", "I can put you on {v} at no extra cost this year; want it?"], confirmations: ["Switch me.", "Go on then."], recorrections: ["We've gone back to {first}. The upgrade wasn't worth it."] },
    { category: "date", subject: "engineer slot", correctable: true, values: ["Monday 9 February, 8–10 am", "Monday 9 February, 8–10 pm"], phrasings: ["The engineer comes {v}.", "☐ engineer ☑ {v}"], corrections: ["am and pm swapped in the booking email — it's {v}."] },
    { category: "number", subject: "number of sensors", correctable: true, values: ["6 door sensors and 2 PIRs", "6 door sensors and 3 PIRs", "6 door sensors and 4 PIRs"], phrasings: ["We've got {v}.", "sensors: {v}"], corrections: ["Only the motion detectors were miscounted: {v}.", "Recounted walking round the house: {v}."] },
    { category: "name", subject: "keyholder", correctable: true, values: cinderPeople, phrasings: ["Keyholder is {v}, two doors down.", "keyholder: {v}"], corrections: ["Whoever the alarm company rings first at night is {v} now."] },
    { category: "constraint", subject: "pet rule", correctable: true, values: ["no PIR in the kitchen, the cat sleeps there", "pet-immune sensors only, dog under 25 kg", "nothing at floor level in the hall", "the conservatory stays unarmed at night"], phrasings: ["One thing: {v}.", "pets — {v}"] },
    { category: "preference", subject: "alert channel", values: ["push notification only", "SMS then a call", "a call to the landline first", "email for anything that isn't an alarm"], phrasings: ["For alerts I want {v}.", "alerts: {v}"], none: "no alerts to me at all, the monitoring centre handles it", retirements: ["Turn off the {old} — {none}."] },
    { category: "number", subject: "panel serial", values: ["PNL-8830-7Q", "PNL-8803-7Q", "PNL-8830-Q7", "PNL-3880-7Q"], phrasings: ["The panel serial is {v}.", "serial {v}"], restatements: ["the app shows {decoy}, that's the old panel they swapped out; this one is {v}"] },
    { category: "number", subject: "monthly fee", correctable: true, values: ["£17.50", "£21.50", "£12.50", "£27.50"], phrasings: ["We pay {v} a month.", "DD {v}/month"] },
  ],
  coding: [
    { category: "decision", subject: "release track", correctable: true, values: ["internal testing", "closed beta with 200 testers", "open beta", "a 10 % staged rollout", "full production rollout"], phrasings: ["This build goes to {v}.", "track: {v}"], offers: ["Given the crash rate I'd ship to {v} first — shall I prepare it?", "{v} is the safe option for this one; set it up?"], confirmations: ["Prepare it.", "set it up"], counters: ["Not {old}, marketing wants a date — {v}."], recorrections: ["Crash spike, so we're back on {first} like the very first plan."] },
    { category: "number", subject: "release version", correctable: true, values: ["4.12.0 (build 3107)", "4.12.0 (build 3117)"], phrasings: ["We're shipping {v}.", "version: {v}"], corrections: ["Same version, the build number moved: {v}.", "Review comment from Saoirse on the PR: \"the changelog should say {v}, the other build was rejected\" — she's right."] },
    { category: "date", subject: "store submission", correctable: true, values: ["Thursday 22 January, 16:00 CET", "Friday 23 January, 10:00 CET", "Monday 26 January, 09:00 CET", "Tuesday 27 January, 15:00 CET"], phrasings: ["We submit to the stores {v}.", "📅 Store submission — {v}"] },
    { category: "number", subject: "minimum OS", correctable: true, values: ["iOS 16 and Android 9", "iOS 16 and Android 10", "iOS 16 and Android 11"], phrasings: ["Minimum OS is {v}.", "minOS: {v}"], corrections: ["Only the Android floor moved: {v}.", "iOS stays where it was; Android doesn't: {v}."] },
    { category: "name", subject: "release captain", correctable: true, values: cinderPeople, phrasings: ["{v} is release captain this cycle.", "captain: {v}"], corrections: ["Whoever presses the button on release day is {v} now."] },
    { category: "constraint", subject: "review rule", values: ["no force-pushes to release branches", "two approvals, one from mobile", "no merges while the store review is pending", "feature flags off by default"], phrasings: ["Team rule: {v}.", "rule → {v}"] },
    { category: "preference", subject: "release notes style", values: ["three bullets, no emoji", "one friendly paragraph", "bullets with an emoji each", "the same text in English and German"], phrasings: ["Release notes: {v}.", "notes style — {v}"] },
    { category: "number", subject: "crash ticket", values: ["MOB-2291", "MOB-2219", "MOB-2921", "MOB-9221"], phrasings: ["The crash is tracked in {v}.", "ticket {v}"], restatements: ["the standup notes say {decoy} — that's the flaky test; the crash is {v}"] },
  ],
  travel: [
    { category: "decision", subject: "rail pass", correctable: true, values: ["the 7-day JR Pass", "the 14-day JR Pass", "the JR East Tohoku pass", "the Kansai Wide pass", "point-to-point tickets, no pass"], phrasings: ["We're getting {v}.", "pass: {v}"], offers: ["For your route {v} pays for itself — want me to add it to the plan?", "I'd go with {v}; shall I price it?"], confirmations: ["Add it.", "yes, price it"], recorrections: ["Did the sums again: {first}, same as we started with."] },
    { category: "date", subject: "Shinkansen departure", correctable: true, values: ["Nozomi 21, 9:33 from platform 14", "Nozomi 21, 9:33 from platform 18"], phrasings: ["We leave on {v}.", "train: {v}"], corrections: ["Announcement at the station just now — same train, it's {v}.", "Only the platform changed: {v}."] },
    { category: "number", subject: "luggage", correctable: true, values: ["2 large cases and 3 backpacks", "3 large cases and 3 backpacks", "4 large cases and 3 backpacks"], phrasings: ["We're travelling with {v}.", "bags: {v}"], corrections: ["The backpacks were right, the cases weren't: {v}."] },
    { category: "name", subject: "ryokan host", correctable: true, values: cinderPeople, phrasings: ["Our host at the ryokan is {v}.", "host: {v}"], corrections: ["The person who meets us at the ryokan is {v} now; the owner's away."] },
    { category: "constraint", subject: "walking limit", correctable: true, values: ["no more than 5 km a day for Grandma", "lifts only, no long stairs", "a sit-down every hour", "nothing steeper than a ramp"], phrasings: ["Please plan around this: {v}.", "limit: {v}"] },
    { category: "preference", subject: "room style", values: ["tatami rooms with futons", "Western beds, please", "a private onsen bath", "two connecting rooms"], phrasings: ["We'd like {v}.", "rooms — {v}"] },
    { category: "number", subject: "seat reservation", values: ["Car 7, seats 12A–12D", "Car 7, seats 21A–21D", "Car 1, seats 12A–12D", "Car 7, seats 12B–12E"], phrasings: ["Reserved seats: {v}.", "seats {v}"], restatements: ["the printout says {decoy} — that was the cancelled booking; ours is {v}"] },
    { category: "date", subject: "day in Kyoto", correctable: true, values: ["the day after we land", "Thursday the 9th", "our last full day", "the 11th, if it doesn't rain"], phrasings: ["Kyoto is {v}.", "Kyoto → {v}"] },
  ],
} as const satisfies Record<string, readonly CinderSlot[]>;

export type CinderKind = keyof typeof cinderKindSlots;
