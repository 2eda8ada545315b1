/**
 * The `ember` set's per-kind slots (issue #17, twelfth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-ember.ts). Written blind: without reading the memory code, its docs, its tests or any figure,
 * so nothing here is shaped to what the extraction handles. New against the earlier sets: slots with exactly two
 * values, so a correction can say how the value moved without naming a direction ("off by twenty", "a factor of
 * two", "same day, only the time moves") and still be true whichever value came first; values that differ only in
 * their unit or currency ("23 kg" / "23 lb", "£2,500" / "€2,500", "15 minutes" / "15 seconds"); corrections that
 * name the subject by a synonym ("the place we'd booked" for the venue, "whoever carries the pager" for the
 * on-call engineer) or are typed by another person on the same account. A harness: nothing in the request path
 * reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type EmberSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const emberPeople = ["Ottoline", "Kwabena", "Fenella", "Dragomir", "Yevgenia", "Ruaridh", "Oluwaseun", "Henrike", "Caspian", "Mireille", "Tadhg", "Zsófia", "Bartholomew", "Ngozi"];

export const emberKindSlots = {
  wedding: [
    { category: "decision", subject: "venue", correctable: true, values: ["Hengrave Hall", "the Old Mill at Caddington", "Cambridge Cottage at Kew", "a barn near Ludlow", "the registry office, then the Red Lion"], phrasings: ["We're having it at {v}.", "venue: {v}"], offers: ["{v} still has your date free — shall I put a hold on it?", "For 130-odd people I'd suggest {v}; want me to reserve it?"], confirmations: ["Hold it.", "Yes please, reserve it."], corrections: ["The place we'd booked double-booked us, so it's {v}."], recorrections: ["My mum got her way: {first}, like the very first plan."] },
    { category: "date", subject: "ceremony time", correctable: true, values: ["Saturday 12 September at 1:30 pm", "Saturday 12 September at 3 pm"], phrasings: ["The ceremony is {v}.", "ceremony: {v}"], corrections: ["Same day, only the clock changes: {v}.", "The registrar can't do our slot — the date holds, the time doesn't: {v}."] },
    { category: "number", subject: "guest count", correctable: true, values: ["120 guests", "140 guests"], phrasings: ["We're expecting {v}.", "headcount {v}"], corrections: ["The numbers are off by twenty from what I told you: {v}.", "RSVPs are in and it moved by twenty: {v}."] },
    { category: "number", subject: "bar budget", correctable: true, values: ["£2,500", "€2,500", "$2,500", "2,500 Swiss francs"], phrasings: ["The bar budget is {v}.", "bar: {v} max"], corrections: ["Wrong currency, sorry — the bar is {v}.", "Same number, different money: {v} for the drinks."] },
    { category: "constraint", subject: "marquee size", correctable: true, values: ["12 m × 24 m", "12 ft × 24 ft", "12 m × 18 m", "40 ft × 60 ft"], phrasings: ["The marquee can be at most {v}.", "marquee ≤ {v}"], corrections: ["I read the site plan wrong: the tent can be {v}."] },
    { category: "name", subject: "photographer", correctable: true, values: emberPeople, phrasings: ["{v} is doing the photos.", "photographer = {v}"], corrections: ["The one taking the pictures will be {v}; {old} has pulled out."], recorrections: ["{old} broke a wrist, so the camera goes to {v}."] },
    { category: "preference", subject: "first dance song", correctable: true, values: ["'At Last' by Etta James", "'Dreams' by Fleetwood Mac", "'Harvest Moon' by Neil Young", "'Lovely Day' by Bill Withers"], phrasings: ["Our first dance is {v}.", "song for the first dance: {v}"], corrections: ["[Anneliese here, the bride] The first dance is {v}. Whatever he told you, ignore it."] },
    { category: "preference", subject: "favours", values: ["jars of local honey", "seed packets with our names", "mini bottles of sloe gin"], phrasings: ["For favours we're doing {v}.", "favours: {v}"], none: "no favours, we're giving to the hospice instead", retirements: ["We talked it over: the {old} are off, {none}."] },
    { category: "number", subject: "booking reference", values: ["WED-4471-K", "WED-4417-K", "WED-4471-X", "WED-7441-K"], phrasings: ["Our booking reference is {v}.", "ref {v}"], restatements: ["the venue's invoice says {decoy}, that's another couple's; ours is {v}"] },
  ],
  support: [
    { category: "decision", subject: "box plan", correctable: true, values: ["the 3-meal plan for 2", "the 4-meal family box", "the 5-meal plan for 1", "the veggie box for 2", "the 2-meal trial box"], phrasings: ["We're on {v}.", "plan: {v}"], offers: ["Given how often you skip, {v} would suit you better — switch you over?", "I can move you to {v} from next week, shall I?"], confirmations: ["Switch me.", "Yes, do that."], recorrections: ["Go back to what we had at the very start, {first}. The experiment's over."] },
    { category: "date", subject: "delivery slot", correctable: true, values: ["Thursday, 8 am – noon", "Thursday, 6 pm – 10 pm"], phrasings: ["Deliveries come {v}.", "delivery: {v}"], corrections: ["Keep the day, swap the slot: {v}."] },
    { category: "number", subject: "meals per week", correctable: true, values: ["3 meals a week", "4 meals a week"], phrasings: ["We get {v}.", "{v} for us"], corrections: ["One meal different from what I said: {v}."] },
    { category: "constraint", subject: "allergen rule", correctable: true, values: ["no sesame", "no shellfish", "no celery or mustard", "nothing with peanuts", "no sulphites"], phrasings: ["Important: {v}.", "allergens — {v}"], corrections: ["My husband just read this over my shoulder: the allergy is {v}, not {old}. His allergy, so he'd know."] },
    { category: "name", subject: "courier", correctable: true, values: emberPeople, phrasings: ["{v} usually drops the box off.", "courier's {v}"], corrections: ["The driver who comes to us now is {v}."] },
    { category: "preference", subject: "portion size", correctable: true, values: ["regular portions", "large portions", "kids' portions for two of them", "large for adults, regular for the kids"], phrasings: ["We like {v}.", "portions: {v}"] },
    { category: "number", subject: "order number", values: ["ORD-559031", "ORD-559013", "ORD-595031", "ORD-559031-B"], phrasings: ["Order number {v}.", "order {v}"], restatements: ["the confirmation text said {decoy} — that's the replacement box; the order is {v}"] },
    { category: "number", subject: "discount code", values: ["WELCOME10", "WELCOME-10", "WELC0ME10", "WELCOME100"], phrasings: ["I used the code {v}.", "code: {v}"], restatements: ["someone on the group chat said {decoy}, but my code is {v}"] },
  ],
  coding: [
    { category: "decision", subject: "warehouse", correctable: true, values: ["Snowflake", "BigQuery", "Redshift Serverless", "Databricks SQL", "DuckDB on S3"], phrasings: ["We're moving to {v}.", "target warehouse: {v}"], offers: ["With your query shapes I'd pick {v}; want me to write the migration plan for it?", "{v} fits the budget best — go with it?"], confirmations: ["Write it up.", "go with it"], counters: ["What would {v} cost us instead of {old}? Never mind, finance already said yes to {v}."], recorrections: ["Procurement reverted us to {first}. Original plan, start to finish."] },
    { category: "date", subject: "cutover window", correctable: true, values: ["Sunday 14 June, 02:00–04:00 UTC", "Sunday 14 June, 22:00–23:59 UTC"], phrasings: ["Cutover is {v}.", "cutover: {v}"], corrections: ["Date holds, the window doesn't: {v}."] },
    { category: "number", subject: "max staleness", correctable: true, values: ["15 minutes", "15 seconds", "15 hours", "15 days"], phrasings: ["Dashboards can be at most {v} stale.", "freshness SLA: {v}"], corrections: ["Unit typo on my side, sorry: {v}."] },
    { category: "number", subject: "dbt threads", correctable: true, values: ["8 threads", "16 threads"], phrasings: ["dbt runs with {v}.", "threads: {v}"], corrections: ["It's a factor of two from what I said: {v}."] },
    { category: "name", subject: "on-call engineer", correctable: true, values: emberPeople, phrasings: ["{v} is on call for the cutover.", "on-call: {v}"], corrections: ["Whoever carries the pager that night is {v} now."] },
    { category: "constraint", subject: "PII rule", correctable: true, values: ["no raw emails in the warehouse", "customer IDs hashed with SHA-256", "no EU data outside eu-west-1", "card numbers masked to the last 4"], phrasings: ["Legal's rule: {v}.", "PII: {v}"], corrections: ["You asked if legal had signed it off — they changed it: {v}."] },
    { category: "preference", subject: "SQL style", values: ["lowercase keywords, leading commas", "uppercase keywords, trailing commas", "sqlfluff defaults, nothing custom", "CTEs over subqueries, always"], phrasings: ["House SQL style: {v}.", "style: {v}"] },
    { category: "number", subject: "ticket", values: ["DATA-4410", "DATA-4401", "DATA-4140", "DATA-1440"], phrasings: ["Tracking it in {v}.", "ticket {v}"], restatements: ["the sprint board links {decoy}, that's the rollback ticket; ours is {v}"] },
  ],
  travel: [
    { category: "decision", subject: "cabin", correctable: true, values: ["an inside cabin", "an ocean-view cabin", "a balcony cabin on deck 9", "a family suite", "two connecting inside cabins"], phrasings: ["We've taken {v}.", "cabin: {v}"], offers: ["There's {v} left on your sailing; shall I hold it for 24 hours?", "I'd go for {v} with two kids — book it?"], confirmations: ["Hold it.", "Book it."], counters: ["Is {v} possible instead of {old}? The kids get seasick, so {v} it is."], recorrections: ["Price went up overnight, back to {first} like we first said."] },
    { category: "date", subject: "boarding time", correctable: true, values: ["Saturday 18 July, boarding 11:00", "Saturday 18 July, boarding 14:30"], phrasings: ["We board {v}.", "boarding: {v}"], corrections: ["The port moved our slot, same Saturday: {v}."] },
    { category: "number", subject: "passenger count", correctable: true, values: ["4 passengers", "5 passengers"], phrasings: ["We're {v}.", "pax: {v}"], corrections: ["Headcount changed by one: {v}."] },
    { category: "number", subject: "luggage allowance", correctable: true, values: ["23 kg per bag", "23 lb per bag", "32 kg per bag", "50 lb per bag"], phrasings: ["The allowance is {v}.", "bags: {v}"], corrections: ["Check the unit on that — it's {v}."] },
    { category: "name", subject: "travel agent", correctable: true, values: emberPeople, phrasings: ["{v} at the agency booked it.", "agent: {v}"], corrections: ["[Dad here, on the same login] Our agent is {v} now; {old} moved to another branch."] },
    { category: "constraint", subject: "mobility need", correctable: true, values: ["a wheelchair-accessible cabin", "no cabin near the lifts", "lower berths only for the kids", "a step-free route to the muster station"], phrasings: ["We need {v}.", "access: {v}"] },
    { category: "number", subject: "cruise booking reference", values: ["CRZ-88A71", "CRZ-88A17", "CRZ-8BA71", "CRZ-88A7I"], phrasings: ["Booking reference {v}.", "cruise ref {v}"], restatements: ["the e-tickets show {decoy}, that's my sister's cabin; ours is {v}"] },
    { category: "preference", subject: "dining time", values: ["the 6 pm sitting", "the 8:30 pm sitting", "the early sitting at 5:45"], phrasings: ["We're on {v}.", "dinner: {v}"], none: "no fixed sitting, we'll eat at the buffet", retirements: ["Scrap {old} — {none}."] },
  ],
} as const satisfies Record<string, readonly EmberSlot[]>;

export type EmberKind = keyof typeof emberKindSlots;
