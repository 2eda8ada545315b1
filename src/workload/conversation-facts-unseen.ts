/**
 * The `unseen` set (issue #17, third round): written and committed before the recency-based supersession
 * ran on it, so its corrected-fact figure says whether correction handling generalises. New slots and
 * values throughout, new correction forms ("I misspoke", "no wait", "sorry, it's", "update:", "make that"
 * without a subject, "changed my mind") and implicit restatements: `{restate}` is the slot's own plain
 * phrasing said again with the new value, nothing marking it as a correction. A fifth conversation kind: a
 * house move. A harness: nothing in the request path reads this.
 */
import type { FactCategory } from "./fact-category.ts";

export interface UnseenSlot {
  category: FactCategory;
  /** How a question or a correction names the subject. */
  subject: string;
  values: readonly string[];
  phrasings: readonly string[];
  correctable?: boolean;
}

/**
 * `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` is replaced by one of the slot's
 * own phrasings with the new value (an implicit correction). A quarter restate; some name no subject.
 */
export const unseenCorrectionPhrasings: readonly string[] = [
  "Actually, {v} for the {s}, I had that wrong.",
  "I misspoke earlier: the {s} is {v}.",
  "Update: {s} is {v}.",
  "Make that {v}, not {old}.",
  "No wait, the {s} is {v}.",
  "Sorry, it's {v} for the {s}, not {old}.",
  "Changed my mind on the {s}, let's do {v}.",
  "We bumped the {s} to {v}.",
  "{restate}",
  "{restate}",
  "{restate}",
];

const people = ["Wilhelmina", "Ravi", "Oonagh", "Benedikt", "Tamsin", "Ezekiel", "Marisol", "Caspian", "Henrietta", "Dorothea"];

const shared: readonly UnseenSlot[] = [
  { category: "name", subject: "emergency contact", correctable: true, values: people, phrasings: ["In an emergency, call my sister {v}.", "{v} is my emergency contact."] },
  { category: "number", subject: "postcode", values: ["EH3 9QN", "BS8 1TH", "LS6 2AP", "CF10 3NB"], phrasings: ["Our postcode is {v}.", "Post anything to postcode {v}."] },
  { category: "name", subject: "partner", values: ["Augustin", "Philippa", "Lorcan", "Svetlana"], phrasings: ["My husband {v} may phone you as well.", "My partner {v} is on the account too."] },
  { category: "preference", subject: "nickname", values: ["Rafa", "Tish", "Bex", "Monty"], phrasings: ["Everyone calls me {v}, feel free to.", "Just call me {v}."] },
];

export const unseenKindSlots = {
  support: [
    { category: "number", subject: "contract ID", values: ["CT-88410", "CT-20375", "CT-61952", "CT-47003"], phrasings: ["Our contract ID is {v}.", "It's filed under contract {v}."] },
    { category: "number", subject: "line speed", correctable: true, values: ["300 Mbps", "500 Mbps", "150 Mbps", "940 Mbps"], phrasings: ["We're paying for {v} on this line.", "The line is sold to us as {v}."] },
    { category: "date", subject: "callback slot", correctable: true, values: ["Wednesday morning", "Thursday afternoon", "Friday at noon", "Monday evening"], phrasings: ["Please call me back {v}.", "The best time for a callback is {v}."] },
    { category: "name", subject: "account manager", correctable: true, values: people, phrasings: ["Our account manager is {v}.", "{v} looks after our account on your side."] },
    { category: "number", subject: "router model", values: ["Archer AX55", "Nighthawk R7000", "Deco X20", "Orbi RBK752"], phrasings: ["The box we have is an {v}.", "We use a {v} as the router."] },
    { category: "constraint", subject: "cancellation notice", correctable: true, values: ["60 days", "90 days", "45 days", "120 days"], phrasings: ["We have to give {v} notice to cancel.", "Cancelling needs {v} notice under our terms."] },
    { category: "decision", subject: "bundle", values: ["Fibre Max", "Office Duo", "Cable Lite", "Business Flex"], phrasings: ["We'll take the {v} bundle.", "Sign us up for {v}."] },
    { category: "number", subject: "number of offices", correctable: true, values: ["14", "23", "31", "17"], phrasings: ["We run the service across {v} offices.", "The company has {v} offices on the network."] },
    { category: "preference", subject: "language for calls", values: ["Polish", "Greek", "Swedish", "Czech"], phrasings: ["On the phone I'm more comfortable in {v}.", "If you call, {v} would be easier for me."] },
    { category: "date", subject: "go-live date", correctable: true, values: ["1 August", "15 October", "3 February", "20 November"], phrasings: ["We need the new line live by {v}.", "Go-live is planned for {v}."] },
  ],
  coding: [
    { category: "number", subject: "Python version", correctable: true, values: ["3.11", "3.12", "3.10", "3.8"], phrasings: ["The workers run Python {v}.", "Our images are built on Python {v}."] },
    { category: "decision", subject: "message broker", correctable: true, values: ["RabbitMQ", "Kafka", "NATS", "Pulsar"], phrasings: ["Events go through {v}.", "We put {v} between the services."] },
    { category: "constraint", subject: "coverage threshold", correctable: true, values: ["80%", "85%", "70%", "92%"], phrasings: ["CI fails below {v} coverage.", "Coverage has to stay above {v}."] },
    { category: "name", subject: "tech lead", correctable: true, values: people, phrasings: ["Our tech lead is {v}.", "{v} leads the backend team."] },
    { category: "number", subject: "replica count", correctable: true, values: ["4 replicas", "6 replicas", "9 replicas", "2 replicas"], phrasings: ["The deployment runs {v}.", "We scale the API to {v}."] },
    { category: "date", subject: "deploy window", correctable: true, values: ["Tuesday night", "Thursday morning", "Sunday afternoon", "Wednesday lunchtime"], phrasings: ["We only deploy on {v}.", "Our deploy window is {v}."] },
    { category: "name", subject: "cluster name", values: ["aurora-prod-2", "kestrel-eu-1", "nimbus-core", "helios-blue"], phrasings: ["Production runs on the {v} cluster.", "The cluster is called {v}."] },
    { category: "constraint", subject: "rate limit", values: ["600 per minute", "1,500 per minute", "250 per minute", "4,000 per minute"], phrasings: ["The partner API allows {v}.", "We get throttled past {v}."] },
    { category: "preference", subject: "commit style", values: ["Conventional Commits", "gitmoji", "imperative subjects", "signed-off trailers"], phrasings: ["Commit messages follow {v} here.", "Please write commits with {v}."] },
    { category: "number", subject: "service port", values: ["8443", "9092", "5433", "7070"], phrasings: ["The service listens on port {v}.", "Expose it on {v}."] },
  ],
  travel: [
    { category: "decision", subject: "campsite", correctable: true, values: ["Camping Les Pins", "Kamp Soline", "Camping Oasi", "Glamping Fjellro"], phrasings: ["We booked a pitch at {v}.", "Our base for the week is {v}."] },
    { category: "date", subject: "arrival date", correctable: true, values: ["Friday 11 July", "Tuesday 2 September", "Sunday 8 June", "Thursday 23 October"], phrasings: ["We arrive {v}.", "We get there on {v}."] },
    { category: "number", subject: "pitch number", values: ["pitch 47", "pitch 112", "pitch 9", "pitch 230"], phrasings: ["They gave us {v}.", "We're on {v}, near the lake."] },
    { category: "constraint", subject: "luggage limit", correctable: true, values: ["23 kg", "20 kg", "15 kg", "32 kg"], phrasings: ["Each bag can weigh {v} at most.", "The airline lets us take {v} per bag."] },
    { category: "name", subject: "tour guide", values: people, phrasings: ["Our guide will be {v}.", "{v} is taking us up the mountain."] },
    { category: "number", subject: "train booking", values: ["RB-5521", "RB-0837", "RB-7264", "RB-3390"], phrasings: ["The train booking is {v}.", "Seats are reserved under {v}."] },
    { category: "constraint", subject: "daily walking limit", correctable: true, values: ["8 km", "12 km", "5 km", "15 km"], phrasings: ["Grandma can manage {v} a day.", "We shouldn't walk more than {v} a day."] },
    { category: "number", subject: "insurance policy", values: ["POL-733412", "POL-108294", "POL-560371", "POL-942006"], phrasings: ["Our travel insurance policy is {v}.", "The insurer has us as {v}."] },
    { category: "date", subject: "pickup time", correctable: true, values: ["6:15 am", "7:45 am", "5:30 am", "8:10 am"], phrasings: ["The shuttle picks us up at {v}.", "Pickup is at {v} sharp."] },
    { category: "preference", subject: "breakfast", values: ["an early breakfast", "breakfast in the room", "a late breakfast", "a packed breakfast"], phrasings: ["We'd like {v} every day.", "If possible, arrange {v} for us."] },
  ],
  moving: [
    { category: "decision", subject: "removal company", correctable: true, values: ["Swift Movers", "Hartley Removals", "BoxRoute", "Pelican Relocations"], phrasings: ["We hired {v} for the move.", "{v} will do the heavy lifting."] },
    { category: "date", subject: "moving day", correctable: true, values: ["Saturday 13 September", "Friday 1 August", "Tuesday 25 November", "Monday 30 June"], phrasings: ["We move on {v}.", "The van comes {v}."] },
    { category: "name", subject: "new address", correctable: true, values: ["14 Larch Crescent", "7 Quarry Lane", "221 Elmstead Road", "3 Mill Court"], phrasings: ["The new place is at {v}.", "We're moving into {v}."] },
    { category: "number", subject: "box count", values: ["45 boxes", "80 boxes", "60 boxes", "120 boxes"], phrasings: ["We've packed {v} so far.", "I reckon we'll have {v} in total."] },
    { category: "name", subject: "landlord", correctable: true, values: people, phrasings: ["The new landlord is {v}.", "{v} owns the flat we're renting."] },
    { category: "number", subject: "deposit", correctable: true, values: ["£1,450", "£2,100", "£980", "£3,300"], phrasings: ["The deposit was {v}.", "We paid {v} up front as a deposit."] },
    { category: "preference", subject: "fragile item", values: ["the piano", "the glass cabinet", "the aquarium", "the grandfather clock"], phrasings: ["Please be extra careful with {v}.", "The thing I worry about most is {v}."] },
    { category: "date", subject: "key handover", correctable: true, values: ["8:45 am", "12:30 pm", "4:20 pm", "10:10 am"], phrasings: ["We get the keys at {v}.", "Key handover is {v}."] },
    { category: "number", subject: "floor", values: ["3rd floor", "6th floor", "ground floor", "9th floor"], phrasings: ["The new flat is on the {v}.", "We'll live on the {v}."] },
    { category: "constraint", subject: "lift booking", values: ["two hours", "90 minutes", "the whole morning", "45 minutes"], phrasings: ["The building lets us book the lift for {v}.", "We only have the lift for {v}."] },
  ],
} as const satisfies Record<string, readonly UnseenSlot[]>;

export type UnseenKind = keyof typeof unseenKindSlots;

/** The unseen set's slots of one kind: the shared ones first, as in the other tables. */
export function unseenSlotsOf(kind: UnseenKind): readonly UnseenSlot[] {
  return [...shared, ...unseenKindSlots[kind]];
}
