/**
 * The `own` set (issue #17, sixth round): written by the engineer of this round as a development set,
 * before the round's code changes ran on it, with new slots, values and phrasings (none copied from the
 * other tables). It carries the classes the sealed set showed the ledger missing, in other words: a
 * correction naming its subject in other words or by a pronoun, a name first, a correction over two user
 * turns, numbers and times written as words, dates as people type them, and a plain restatement that
 * leaves the old line beside the new. Inspected freely while developing: a dev set, not a held-out one.
 * A harness: nothing in the request path reads this.
 */
import type { SealedSlot } from "./conversation-facts-sealed-slots.ts";

export type OwnKind = "support" | "coding" | "travel" | "renovation";

/** `{s}` subject, `{v}` new value, `{old}` old one, `{restate}` the slot's own phrasing, `{turn}` a second user turn. */
export const ownCorrectionPhrasings: readonly string[] = [
  "Hmm, I told you {old} before. It's really {v}.",
  "One fix for your notes: {v}, not {old}.",
  "About the {s}, I was off earlier: {v}.",
  "Let me correct something.{turn}The {s} is {v}.",
  "{v}, that's the correct {s}.",
  "Small thing: the {s} became {v}.",
  "It's {v} now, forget {old}.",
  "Oh wait, I gave you the wrong {s}.{turn}{v}.",
  "{restate}",
  "{restate}",
  "{restate}",
];

const people = ["Ottoline", "Casimir", "Philippa", "Leopold", "Marguerite", "Florian", "Henrike", "Joaquin", "Dagny", "Ulrich", "Beatrix", "Emrys"];

const shared: readonly SealedSlot[] = [
  { category: "name", subject: "first name", correctable: true, values: ["Margit", "Seraphina", "Lukas", "Bronwen"], phrasings: ["Best wishes, {v} Kowalczyk.", "You can address me as {v} Kowalczyk."], corrections: ["I go by {v} Kowalczyk at work, please use that."] },
  { category: "number", subject: "phone extension", correctable: true, values: ["4417", "twenty-nine", "3802", "fifty-five"], phrasings: ["My desk extension is {v}.", "Reach me on extension {v} during the day."], corrections: ["They renumbered the desks, I'm on {v} now."] },
  { category: "name", subject: "manager", values: people, phrasings: ["My manager {v} signs off on anything over budget.", "{v} is my boss, keep them in copy."] },
  { category: "preference", subject: "reply format", values: ["bullet points", "short paragraphs", "a numbered list", "one-line answers"], phrasings: ["Replies in {v} work best for me.", "I read {v} much faster."] },
];

const kindSlots: Record<OwnKind, readonly SealedSlot[]> = {
  support: [
    { category: "number", subject: "number of monitors", correctable: true, values: ["twelve monitors", "18 monitors", "thirty monitors", "9 monitors"], phrasings: ["The order covers {v} for the new floor.", "We're buying {v} in this batch."], corrections: ["Finance trimmed the order.{turn}We'll take {v}.", "Make the screens {v}, the floor plan changed."] },
    { category: "date", subject: "delivery date", correctable: true, values: ["the 22nd", "14/05", "Monday the 3rd", "2027-06-09"], phrasings: ["Delivery is promised for {v}.", "The courier comes {v}."], corrections: ["The warehouse emailed: the parcel now arrives {v}.", "They pushed the drop-off to {v}."] },
    { category: "name", subject: "account manager", correctable: true, values: people, phrasings: ["{v} manages our account on your side.", "Our account manager is {v}."], corrections: ["{v} took over our account this week.", "Your colleague {v} is our contact now, {old} moved teams."] },
    { category: "constraint", subject: "support window", correctable: true, values: ["8am to 6pm", "nine to five", "24/7", "weekdays only"], phrasings: ["Our support contract covers {v}.", "We only get help {v}."], corrections: ["We upgraded the contract, it's {v} from this month."] },
    { category: "decision", subject: "laptop model", correctable: true, values: ["ThinkPad X1", "MacBook Air", "Latitude 7450", "EliteBook 840"], phrasings: ["We settled on the {v} for new hires.", "New hires get a {v}."], corrections: ["Procurement overruled us, it's the {v} for new hires.", "Forget the {old}.{turn}We'll order the {v}."] },
    { category: "number", subject: "ticket number", values: ["INC-30417", "INC-88120", "INC-51906", "INC-27735"], phrasings: ["This is about ticket {v}.", "Please log it under {v}."] },
    { category: "constraint", subject: "data retention", values: ["ninety days", "two years", "30 days", "a year"], phrasings: ["Logs may be kept for {v} at most.", "Our retention policy is {v}."] },
    { category: "name", subject: "site contact", values: people, phrasings: ["At the office, ask for {v} at reception.", "{v} lets the engineers in downstairs."] },
    { category: "preference", subject: "contact channel", values: ["text messages", "a phone call", "the ticket portal", "email only"], phrasings: ["Updates by {v} suit me.", "Please reach me through {v}."] },
    { category: "number", subject: "serial number", values: ["SN-7730-QK", "SN-1184-ZT", "SN-6029-LB", "SN-4412-MD"], phrasings: ["The faulty unit is {v}.", "Its serial is {v}."] },
  ],
  coding: [
    { category: "number", subject: "worker threads", correctable: true, values: ["eight threads", "16 threads", "four threads", "12 threads"], phrasings: ["The importer runs with {v}.", "We give the pool {v}."], corrections: ["Profiling said fewer is better, so {v}.", "The pool got resized.{turn}It's {v}."] },
    { category: "name", subject: "ORM", correctable: true, values: ["Prisma", "Drizzle", "TypeORM", "MikroORM"], phrasings: ["The data layer uses {v}.", "Models are written with {v}."], corrections: ["We ripped out {old}; {v} does the queries now.", "{v} is what we migrated the models to."] },
    { category: "date", subject: "code freeze", correctable: true, values: ["the 30th", "Friday 12 December", "2027-01-08", "12/11"], phrasings: ["Code freeze starts {v}.", "Nothing merges after {v}."], corrections: ["Release management moved the freeze to {v}.", "The freeze is earlier than planned: {v}."] },
    { category: "constraint", subject: "test coverage floor", correctable: true, values: ["80%", "seventy percent", "90%", "65%"], phrasings: ["CI fails below {v} coverage.", "Coverage must stay above {v}."], corrections: ["We lowered the bar to {v} for the legacy module."] },
    { category: "name", subject: "reviewer", correctable: true, values: people, phrasings: ["{v} reviews everything touching payments.", "Payment PRs need {v}'s approval."], corrections: ["{v} owns payment reviews now.", "Ask {v} instead of {old} for the payment PRs."] },
    { category: "number", subject: "API rate limit", values: ["600 requests a minute", "100 requests a second", "two thousand calls an hour", "50 requests a second"], phrasings: ["The partner API allows {v}.", "We're throttled at {v}."] },
    { category: "preference", subject: "indentation", values: ["tabs", "two spaces", "four spaces", "whatever Prettier says"], phrasings: ["Indent with {v}, please.", "I always indent with {v}."] },
    { category: "name", subject: "CI system", values: ["Buildkite", "CircleCI", "Drone", "TeamCity"], phrasings: ["Pipelines run on {v}.", "Our builds live in {v}."] },
    { category: "number", subject: "Postgres version", values: ["Postgres 14", "Postgres 15", "Postgres 16", "Postgres 13"], phrasings: ["Production runs {v}.", "The database is {v}."] },
    { category: "constraint", subject: "deploy rule", values: ["no deploys on Fridays", "deploys only after standup", "two approvals per deploy", "no deploys after 4pm"], phrasings: ["House rule: {v}.", "Remember, {v}."] },
  ],
  travel: [
    { category: "date", subject: "departure date", correctable: true, values: ["the 17th", "Saturday 2 August", "2027-08-21", "09/08"], phrasings: ["We fly out {v}.", "Our departure is {v}."], corrections: ["The airline rebooked us onto {v}.", "We leave {v} now, the earlier flight was full."] },
    { category: "number", subject: "number of travellers", correctable: true, values: ["five of us", "three of us", "seven of us", "four of us"], phrasings: ["It'll be {v} on this trip.", "There are {v} going."], corrections: ["My cousin dropped out.{turn}So {v}.", "Count {v} for the trip."] },
    { category: "name", subject: "campsite", correctable: true, values: ["Camping Les Pins", "Kampa Vrata", "Lakeside Meadows", "Camping Sol y Mar"], phrasings: ["We reserved a pitch at {v}.", "The tent goes up at {v}."], corrections: ["{old} was full, we got {v}.", "We'll stay at {v} instead."] },
    { category: "constraint", subject: "driving limit", correctable: true, values: ["four hours a day", "300 km a day", "six hours a day", "two hundred kilometres a day"], phrasings: ["We won't drive more than {v}.", "The kids manage {v} in the car, no more."], corrections: ["With the new car we can do {v}."] },
    { category: "decision", subject: "ferry crossing", correctable: true, values: ["the night boat", "the 07:30 sailing", "the fast catamaran", "the afternoon ferry"], phrasings: ["We're taking {v}.", "We chose {v} to the island."], corrections: ["{v} it is, {old} was sold out.", "Changed plans, we'll catch {v}."] },
    { category: "preference", subject: "seating", values: ["aisle seats", "window seats", "seats together", "the front row"], phrasings: ["We prefer {v} on planes.", "Book us {v} if you can."] },
    { category: "number", subject: "passport number", values: ["P4471029", "X9023311", "K1180457", "M3305962"], phrasings: ["My passport number is {v}.", "The passport on file is {v}."] },
    { category: "name", subject: "travel agent", values: people, phrasings: ["{v} at the agency booked the flights.", "Our agent is {v}."] },
    { category: "constraint", subject: "luggage", values: ["hand luggage only", "one checked bag each", "two suitcases in total", "no hold bags"], phrasings: ["We travel with {v}.", "It's {v} for us."] },
    { category: "date", subject: "return date", values: ["29 August", "the 3rd of September", "Sunday 31 August", "1 September"], phrasings: ["We come home {v}.", "The return flight is {v}."] },
  ],
  renovation: [
    { category: "number", subject: "quote", correctable: true, values: ["€14,200", "eleven thousand euros", "€9,850", "sixteen thousand euros"], phrasings: ["The builder quoted {v} for the kitchen.", "The kitchen quote came in at {v}."], corrections: ["The builder revised it.{turn}{v} all in.", "After the site visit they said {v}."] },
    { category: "name", subject: "electrician", correctable: true, values: people, phrasings: ["{v} does the wiring.", "Our electrician is {v}."], corrections: ["{v} will do the wiring, {old} is booked up.", "We hired {v} for the electrics."] },
    { category: "date", subject: "start of works", correctable: true, values: ["the 5th", "Tuesday 4 March", "2027-04-12", "03/03"], phrasings: ["Work starts {v}.", "The crew arrives {v}."], corrections: ["The crew is delayed, they begin {v}.", "Start got moved to {v}."] },
    { category: "constraint", subject: "noise hours", correctable: true, values: ["eight till six", "9:00 to 17:00", "ten till four", "8:30 to 18:00"], phrasings: ["The building allows drilling {v}.", "Noisy work only {v}, house rules."], corrections: ["The residents' board changed it to {v}."] },
    { category: "decision", subject: "floor tiles", correctable: true, values: ["terracotta tiles", "grey slate", "white hexagons", "oak-look porcelain"], phrasings: ["We went for {v} in the hall.", "The hall gets {v}."], corrections: ["We switched to {v}, {old} was back-ordered.", "{v} in the hall after all."] },
    { category: "number", subject: "room area", values: ["14 square metres", "nineteen square metres", "22 square metres", "11 square metres"], phrasings: ["The kitchen is {v}.", "We measured the kitchen at {v}."] },
    { category: "name", subject: "paint colour", values: ["Sage Mist", "Harbour Blue", "Linen White", "Clay Pot"], phrasings: ["The walls will be {v}.", "We picked {v} for the walls."] },
    { category: "name", subject: "plumber", values: people, phrasings: ["The plumber is {v}.", "{v} fits the new pipes."] },
    { category: "preference", subject: "worktop", values: ["solid oak", "white quartz", "black granite", "polished concrete"], phrasings: ["We'd love {v} for the worktop.", "The worktop should be {v}."] },
    { category: "constraint", subject: "skip permit", values: ["one skip for a week", "no skip on the street", "a skip only at weekends", "two skips maximum"], phrasings: ["The council allows {v}.", "Our permit says {v}."] },
  ],
};

/** The own set's slots of one kind: the shared ones first, as in the other tables. */
export function ownSlotsOf(kind: OwnKind): readonly SealedSlot[] {
  return [...shared, ...kindSlots[kind]];
}
