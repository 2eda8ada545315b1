/**
 * The facts a long-conversation workload plants, per conversation kind: what kind of fact, the values it
 * may take, how a user may say it, and how it is asked for at the end. Three phrasing tables: `tuned` (the
 * one the memory code was developed against), `held_out` (written separately, its aggregate figures seen
 * while tuning) and `fresh` (written before the typed-slot change of issue #17 and measured once, after it),
 * so a retention figure on unseen phrasings says whether the extraction generalises. A fourth set, `novel`,
 * has its own slots and a fourth kind (conversation-facts-novel.ts).
 * A harness: nothing in the request path reads this.
 */
import { novelCorrectionPhrasings, novelSlotsOf } from "./conversation-facts-novel.ts";
import { unseenCorrectionPhrasings, unseenSlotsOf } from "./conversation-facts-unseen.ts";
import { blindCorrectionPhrasings, blindSlotsOf } from "./conversation-facts-blind.ts";
import { sealedCorrectionPhrasings, sealedSlotsOf } from "./conversation-facts-sealed.ts";
import { vaultCorrectionPhrasings, vaultSlotsOf } from "./conversation-facts-vault.ts";
import { ownCorrectionPhrasings, ownSlotsOf } from "./conversation-facts-own.ts";
import { harborCorrectionPhrasings, harborSlotsOf } from "./conversation-facts-harbor.ts";
import { lanternCorrectionPhrasings, lanternSlotsOf } from "./conversation-facts-lantern.ts";
import { quarryCorrectionPhrasings, quarrySlotsOf } from "./conversation-facts-quarry.ts";
import { forgeCorrectionPhrasings, forgeSlotsOf } from "./conversation-facts-forge.ts";
import { kilnCorrectionPhrasings, kilnSlotsOf } from "./conversation-facts-kiln.ts";
import { anvilCorrectionPhrasings, anvilSlotsOf } from "./conversation-facts-anvil.ts";
import { slateCorrectionPhrasings, slateSlotsOf } from "./conversation-facts-slate.ts";
import { emberCorrectionPhrasings, emberSlotsOf } from "./conversation-facts-ember.ts";
import { cinderCorrectionPhrasings, cinderSlotsOf } from "./conversation-facts-cinder.ts";
import { flintCorrectionPhrasings, flintSlotsOf } from "./conversation-facts-flint.ts";
import { basaltCorrectionPhrasings, basaltSlotsOf } from "./conversation-facts-basalt.ts";
import { pumiceCorrectionPhrasings, pumiceSlotsOf } from "./conversation-facts-pumice.ts";
import type { FactCategory } from "./fact-category.ts";
import type { RetentionSlot } from "./retention-slot.ts";
import type { ConversationKind, PhrasingVariant, conversationKinds } from "./conversation-kinds.ts";

export * from "./conversation-kinds.ts";
type TableKind = (typeof conversationKinds)[number];
type TableVariant = Exclude<PhrasingVariant, "dev" | "novel" | "unseen" | "blind" | "sealed" | "vault" | "own" | "harbor" | "lantern" | "quarry" | "forge" | "forge_check" | "kiln" | "anvil_check" | "slate" | "ember" | "cinder" | "flint" | "basalt" | "pumice">;

export type { FactCategory };

export interface FactSlot {
  category: FactCategory;
  /** How a question or a correction names the subject. */
  subject: string;
  values: readonly string[];
  phrasings: Record<TableVariant, readonly string[]> & { dev?: readonly string[] };
  /** Corrections say this, `{v}` the new value and `{old}` the old one. */
  correctable?: boolean;
}

/** How a correction is phrased, per variant: `{s}` the subject, `{v}` the new value, `{old}` the old one. */
export const correctionPhrasings: Record<PhrasingVariant, readonly string[]> = {
  tuned: ["Actually, the {s} is {v}, not {old}.", "Correction: the {s} is now {v}.", "Scratch that, I made a mistake about the {s}: it's {v}."],
  held_out: ["Small change of plan for the {s}: {v} instead of {old}.", "Sorry, I got the {s} wrong earlier, it should be {v}.", "Update on the {s}: we moved it to {v}."],
  dev: ["Hold on, the {s} is {v}, I mixed it up.", "New info on the {s}: {v}.", "I double-checked the {s} and it's {v}.", "My bad: {v}, not {old}."],
  novel: novelCorrectionPhrasings,
  unseen: unseenCorrectionPhrasings,
  blind: blindCorrectionPhrasings,
  sealed: sealedCorrectionPhrasings,
  vault: vaultCorrectionPhrasings,
  own: ownCorrectionPhrasings,
  harbor: harborCorrectionPhrasings,
  lantern: lanternCorrectionPhrasings,
  quarry: quarryCorrectionPhrasings,
  forge: forgeCorrectionPhrasings,
  forge_check: forgeCorrectionPhrasings,
  kiln: kilnCorrectionPhrasings,
  anvil_check: anvilCorrectionPhrasings,
  slate: slateCorrectionPhrasings,
  ember: emberCorrectionPhrasings,
  cinder: cinderCorrectionPhrasings,
  flint: flintCorrectionPhrasings,
  basalt: basaltCorrectionPhrasings,
  pumice: pumiceCorrectionPhrasings,
  fresh: ["Forget {old}, the {s} is {v}.", "Quick fix on the {s}: it's {v}, my earlier message was off.", "The {s} will be {v}.", "They changed the {s} on us, it's {v} now.", "Turns out it's {v}, not {old}."],
};

const people = ["Ilse", "Tomasz", "Aiyana", "Joaquim", "Priyanka", "Oskar", "Mireille", "Desmond", "Leocadia", "Femi", "Hallvard", "Yuki"];
const surnames = ["Okonkwo", "Lindqvist", "Marchetti", "Abernathy", "Szabo", "Delacroix", "Nakamura", "Vasquez", "Thornbury", "Kowalczyk"];

const shared: readonly FactSlot[] = [
  {
    category: "name",
    subject: "name on the account",
    values: surnames,
    phrasings: {
      tuned: ["My name is Alex {v}, by the way.", "You can address me as Alex {v}."],
      held_out: ["Alex {v} here, I'm the one who set this up.", "Put Alex {v} on anything you send, that's me."], fresh: ["This is Alex {v} writing.", "The account holder is me, Alex {v}."],
    },
  },
  {
    category: "name",
    subject: "name of the person helping",
    values: people,
    phrasings: {
      tuned: ["My colleague {v} will take over if I'm not around.", "My daughter is called {v} and she may write in too."],
      held_out: ["If someone named {v} gets in touch, they're with me.", "{v} from my team is in copy on all of this."], fresh: ["My assistant {v} might answer for me some days.", "I've asked {v} to keep an eye on this too."],
    },
  },
  {
    category: "preference",
    subject: "contact channel",
    values: ["Signal", "WhatsApp", "Telegram", "Threema"],
    phrasings: {
      tuned: ["I prefer to be contacted on {v} rather than by phone.", "Please always message me on {v}."],
      held_out: ["{v} is the easiest way to reach me.", "Drop me a note on {v} when there's news."], fresh: ["Best to ping me on {v}.", "I check {v} more than email."],
    },
  },
];

const kindSlots: Record<TableKind, readonly FactSlot[]> = {
  support: [
    { category: "number", subject: "order number", values: ["ORD-48213", "ORD-90211", "ORD-77340", "ORD-15962"], phrasings: { tuned: ["My order number is {v}.", "The order in question is {v}."], held_out: ["It's all about {v}, the one from the web shop.", "Reference on the receipt: {v}."], fresh: ["Order {v} is the problem one.", "We placed order {v} last month."] } },
    { category: "number", subject: "number of seats", values: ["37", "52", "118", "64"], correctable: true, phrasings: { tuned: ["We have {v} seats on the plan.", "Our plan covers {v} seats."], held_out: ["There are {v} people using it in the office.", "Licence count is {v} for now."], fresh: ["We pay for {v} seats right now.", "Our team has {v} users on the licence."], dev: ["Right now {v} staff members have a login.", "We're licensed for {v} users."] } },
    { category: "date", subject: "renewal date", values: ["14 March", "2 October", "27 June", "9 November"], correctable: true, phrasings: { tuned: ["The renewal is due on {v}.", "Our contract renews on {v}."], held_out: ["Renewal lands on {v} this year.", "The subscription rolls over {v}."], fresh: ["Our subscription ends on {v} unless renewed.", "The contract comes up for renewal {v}."], dev: ["The next billing cycle starts {v}.", "Auto-renew happens on {v}."] } },
    { category: "constraint", subject: "refund limit", values: ["740", "1,260", "385", "915"], phrasings: { tuned: ["The refund must not exceed {v} euros.", "Finance said the limit for refunds is {v} euros."], held_out: ["Anything above {v} euros needs sign-off we don't have.", "Keep the credit note under {v} euros."], fresh: ["I'm allowed to approve refunds up to {v} euros.", "Our policy caps refunds at {v} euros."] } },
    { category: "decision", subject: "plan chosen", values: ["Harbor Pro", "Summit Basic", "Meridian Team", "Lantern Plus"], correctable: true, phrasings: { tuned: ["We decided to go with the {v} plan.", "Let's go with {v} then."], held_out: ["{v} it is, the board signed it off.", "Put us down for {v}."], fresh: ["We're going for the {v} plan.", "Management picked {v} as our plan."], dev: ["The {v} package is what we signed.", "We ended up picking {v}."] } },
    { category: "preference", subject: "invoice language", values: ["Portuguese", "Dutch", "Finnish", "Catalan"], phrasings: { tuned: ["I'd like the invoices in {v}.", "I prefer all paperwork in {v}."], held_out: ["Our accountant only reads {v}, so invoices in that.", "Invoices in {v}, if that's possible."], fresh: ["Invoices should be written in {v}.", "Our bookkeeping is done in {v}, so please bill in that language."] } },
    { category: "constraint", subject: "time the user can be reached", values: ["10:15", "16:45", "08:30", "13:20"], correctable: true, phrasings: { tuned: ["I can't take calls before {v}.", "I'm only available after {v} on weekdays."], held_out: ["Mornings are busy, {v} onwards works.", "Try me from {v}, not earlier."], fresh: ["I'm free for calls from {v}.", "Before {v} I'm in meetings, so call after that."], dev: ["Calls work for me after {v}.", "I start my day at {v}, so nothing before."] } },
    { category: "number", subject: "device serial", values: ["SN-5521-KX", "SN-0934-QR", "SN-7718-LM", "SN-3306-VT"], phrasings: { tuned: ["The serial number on the router is {v}.", "My device serial is {v}."], held_out: ["Sticker underneath says {v}.", "Unit {v} is the one misbehaving."], fresh: ["The router's serial reads {v}.", "Serial {v}, printed on the back of the box."] } },
    { category: "date", subject: "technician visit", values: ["Thursday 5 June", "Monday 12 May", "Friday 21 March", "Tuesday 8 April"], phrasings: { tuned: ["The technician is booked for {v}.", "We agreed on a technician visit on {v}."], held_out: ["Somebody is coming round on {v}.", "Engineer slot: {v}."], fresh: ["The technician comes {v}.", "You've scheduled someone to visit on {v}."] } },
    { category: "constraint", subject: "site access", values: ["badge 4471", "gate code 2290", "badge 8815", "gate code 6603"], phrasings: { tuned: ["The building requires {v} at reception.", "Visitors must use {v} to get in."], held_out: ["Reception will ask for {v}.", "Front desk lets people in with {v}."], fresh: ["Whoever comes needs {v} to get past security.", "Security will only open up for {v}."] } },
    { category: "number", subject: "monthly data cap", values: ["450 GB", "1,200 GB", "800 GB", "275 GB"], phrasings: { tuned: ["Our data cap is {v} per month.", "The plan limits us to {v} a month."], held_out: ["We burn through roughly {v} monthly.", "Monthly allowance: {v}."], fresh: ["We're capped at {v} every month.", "Our contract includes {v} of data per month."] } },
  ],
  coding: [
    { category: "name", subject: "repository", values: ["falcon-ledger", "quartz-relay", "ember-queue", "lumen-gateway"], phrasings: { tuned: ["The repo is called {v}.", "Our repository name is {v}."], held_out: ["Code lives in {v} on the company GitHub.", "Clone {v} if you want to follow along."], fresh: ["Everything is in the {v} repo.", "The project is {v} on our Git server."] } },
    { category: "number", subject: "Node version", values: ["20.11", "18.19", "22.4", "21.7"], correctable: true, phrasings: { tuned: ["We're on Node {v}.", "The services run Node {v} in production."], held_out: ["Runtime is Node {v} across the board.", "CI pins Node {v}."], fresh: ["Production runs on Node {v}.", "Our Dockerfile uses Node {v}."], dev: ["Our base image ships Node {v}.", "Everything is compiled for Node {v}."] } },
    { category: "number", subject: "peak load", values: ["3,400", "12,800", "950", "6,150"], phrasings: { tuned: ["The service handles about {v} requests per second at peak.", "Peak traffic is {v} requests per second."], held_out: ["Black Friday hit {v} requests a second.", "We see {v} rps on a busy day."], fresh: ["At the busiest we see {v} requests per second.", "Load tests peaked at {v} requests per second."] } },
    { category: "date", subject: "release freeze", values: ["18 August", "3 December", "29 April", "11 January"], correctable: true, phrasings: { tuned: ["The release freeze starts on {v}.", "Our code freeze is on {v}."], held_out: ["Nothing merges after {v}.", "Freeze kicks in {v}."], fresh: ["Code freeze begins {v}.", "We stop merging on {v} for the release."], dev: ["Merges stop {v}.", "The branch gets locked on {v}."] } },
    { category: "preference", subject: "test framework", values: ["Vitest", "Mocha", "AVA", "Jasmine"], phrasings: { tuned: ["I'd like the tests written with {v}.", "I prefer {v} for all new tests."], held_out: ["Tests go in {v}, the team knows it.", "{v} for tests, please."], fresh: ["New tests should use {v}.", "The team writes its tests in {v}."] } },
    { category: "constraint", subject: "latency limit", values: ["180 ms", "250 ms", "95 ms", "420 ms"], correctable: true, phrasings: { tuned: ["The endpoint must answer within {v}.", "Our latency budget is {v} at p99."], held_out: ["Anything slower than {v} pages the on-call.", "SLO says {v} at the 99th percentile."], fresh: ["p99 latency has to stay below {v}.", "The latency target for this endpoint is {v}."], dev: ["Responses need to come back in under {v}.", "We promise {v} to our customers."] } },
    { category: "decision", subject: "session store", values: ["Redis", "DynamoDB", "Memcached", "CockroachDB"], phrasings: { tuned: ["We decided to store sessions in {v}.", "Let's go with {v} for sessions."], held_out: ["Sessions will live in {v} from now on.", "Team vote went to {v} for session storage."], fresh: ["Sessions are going into {v}.", "We settled on {v} as the session store."] } },
    { category: "name", subject: "code reviewer", values: people, phrasings: { tuned: ["My reviewer is {v}.", "{v} has to approve every pull request."], held_out: ["PRs go through {v} before merge.", "Ping {v} for the review."], fresh: ["{v} reviews my pull requests.", "Every change needs a thumbs-up from {v}."] } },
    { category: "constraint", subject: "memory limit", values: ["512 MiB", "768 MiB", "1,536 MiB", "384 MiB"], phrasings: { tuned: ["Each pod is limited to {v} of memory.", "The container must stay under {v}."], held_out: ["Pods get killed past {v}.", "Memory ceiling per pod: {v}."], fresh: ["The pods have {v} of memory each.", "We can't go above {v} of RAM per container."] } },
    { category: "decision", subject: "API style", values: ["gRPC", "GraphQL", "JSON-RPC", "tRPC"], correctable: true, phrasings: { tuned: ["We agreed to expose the API over {v}.", "We chose {v} for the public API."], held_out: ["Public API goes out as {v}.", "Architecture review landed on {v} for the API."], fresh: ["The public API will be {v}.", "We're building the external API on {v}."], dev: ["Clients will talk to us over {v}.", "The API contract is {v}."] } },
    { category: "number", subject: "ticket", values: ["JIRA-4821", "JIRA-1177", "JIRA-9034", "JIRA-3350"], phrasings: { tuned: ["The bug is tracked in {v}.", "I opened {v} for this."], held_out: ["Log everything against {v}.", "See {v} for the history."], fresh: ["This is filed as {v}.", "The tracking ticket is {v}."] } },
  ],
  travel: [
    { category: "date", subject: "departure date", values: ["14 March", "22 July", "25 September", "30 May"], correctable: true, phrasings: { tuned: ["We're flying out on {v}.", "Our departure is on {v}."], held_out: ["Wheels up {v}, hopefully.", "Leaving home {v}."], fresh: ["We leave on {v}.", "Our outbound flight is {v}."], dev: ["The outbound leg is {v}.", "We set off {v}."] } },
    { category: "number", subject: "number of nights", values: ["11", "13", "16", "9"], correctable: true, phrasings: { tuned: ["We want to stay {v} nights in total.", "The trip is {v} nights long."], held_out: ["Total of {v} nights away.", "Booking needs to cover {v} nights."], fresh: ["We'll be away for {v} nights.", "The whole holiday is {v} nights."], dev: ["We'll spend {v} nights there.", "The rental is for {v} nights."] } },
    { category: "constraint", subject: "budget", values: ["3,250", "4,800", "2,150", "6,400"], correctable: true, phrasings: { tuned: ["Our budget is at most {v} euros for everything.", "We can't spend more than {v} euros."], held_out: ["Ceiling for the whole trip is {v} euros.", "{v} euros all in, that's the cap."], fresh: ["We have {v} euros to spend on the whole trip.", "The total budget is {v} euros."], dev: ["We can afford {v} euros at most.", "Money-wise we have {v} euros."] } },
    { category: "constraint", subject: "allergy", values: ["shellfish", "sesame", "hazelnuts", "celery"], phrasings: { tuned: ["My son is allergic to {v}.", "I can't eat anything with {v}."], held_out: ["Anything containing {v} is off the table for us.", "Restaurants must know: no {v}."], fresh: ["My wife reacts badly to {v}, so no dishes with it.", "One of the kids has a {v} allergy."] } },
    { category: "preference", subject: "hotel preference", values: ["a sea-view balcony", "a kitchenette", "a bathtub", "a quiet courtyard room"], phrasings: { tuned: ["I'd really like a room with {v}.", "I prefer hotels that offer {v}."], held_out: ["Must-have for the room: {v}.", "Bonus points for {v}."], fresh: ["We'd love a room with {v}.", "A place with {v} would be ideal."] } },
    { category: "decision", subject: "island chosen", values: ["Madeira", "Gozo", "Hvar", "Lanzarote"], phrasings: { tuned: ["We decided on {v} for the second week.", "Let's go with {v} after the city part."], held_out: ["Second week: {v}, done deal.", "{v} won the family vote."], fresh: ["For week two we picked {v}.", "We're spending the second week on {v}."] } },
    { category: "number", subject: "flight number", values: ["TP1342", "KL1775", "IB3160", "LH2284"], phrasings: { tuned: ["Our flight number is {v}.", "We're booked on {v}."], held_out: ["Boarding pass says {v}.", "Ticket is for {v}."], fresh: ["We fly with {v}.", "The flight we booked is {v}."] } },
    { category: "number", subject: "number of travellers", values: ["5", "7", "6", "8"], phrasings: { tuned: ["There are {v} of us travelling.", "We're a group of {v} people."], held_out: ["Headcount is {v}, kids included.", "{v} travellers on the booking."], fresh: ["We are {v} people in total.", "The booking is for {v} travellers."] } },
    { category: "name", subject: "travel companion", values: people, phrasings: { tuned: ["My partner {v} is coming along.", "I'm travelling with my sister {v}."], held_out: ["{v} joins us from the second day.", "Bringing {v} along this time."], fresh: ["{v}, my cousin, is coming with us.", "My friend {v} is joining the trip."] } },
    { category: "preference", subject: "seat preference", values: ["aisle seats", "exit-row seats", "window seats at the front", "seats over the wing"], phrasings: { tuned: ["I always prefer {v} on flights.", "We'd like {v} if possible."], held_out: ["Book {v} where you can.", "{v} keep me sane on long flights."], fresh: ["We always try to get {v}.", "If you can, reserve {v} for us."] } },
    { category: "date", subject: "museum booking", correctable: true, values: ["Wednesday at 11:40", "Saturday at 15:10", "Tuesday at 09:50", "Sunday at 14:25"], phrasings: { tuned: ["The museum tickets are for {v}.", "We booked the museum for {v}."], held_out: ["Museum slot: {v}.", "Gallery entry is {v}."], fresh: ["Our museum visit is {v}.", "The museum reservation is {v}."], dev: ["Tickets for the museum: {v}.", "Our museum entry time is {v}."] } },
  ],
};

/**
 * A slot as the generator plants it: the phrasings of one set, the fields a set leaves out absent (the sealed set
 * adds its own corrections, vault recorrections and restatements, harbor offers and confirmations, lantern counters
 * and retirements).
 */
export type PlantableSlot = RetentionSlot & { correctable: boolean };

/**
 * The slots of one conversation kind in one set: the shared ones (names, contact) and the kind's own; the
 * novel set has its own table (new kinds of facts), the others share one table with a phrasing column each.
 */
export function factSlotsOf(kind: ConversationKind, variant: PhrasingVariant = "tuned"): readonly PlantableSlot[] {
  const misplaced = () => new RangeError(`conversation kind "${kind}" exists only in its own set, not in "${variant}"`);
  if (variant === "pumice") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "trialsite") throw misplaced();
    return pumiceSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "trialsite") throw misplaced();
  if (variant === "basalt") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "tour") throw misplaced();
    return basaltSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "tour") throw misplaced();
  if (variant === "flint") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "marina") throw misplaced();
    return flintSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "marina") throw misplaced();
  if (variant === "cinder") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "homecare") throw misplaced();
    return cinderSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "homecare") throw misplaced();
  if (variant === "ember") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "wedding") throw misplaced();
    return emberSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "wedding") throw misplaced();
  if (variant === "slate") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "mortgage") throw misplaced();
    return slateSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "mortgage") throw misplaced();
  if (variant === "kiln") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "freight") throw misplaced();
    return kilnSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "freight") throw misplaced();
  if (variant === "anvil_check") {
    if (kind !== "coding" && kind !== "travel" && kind !== "nursery") throw misplaced();
    return anvilSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "nursery") throw misplaced();
  if (variant === "quarry") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "tenancy") throw misplaced();
    return quarrySlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "tenancy") throw misplaced();
  if (variant === "forge" || variant === "forge_check") {
    if (kind !== "support" && kind !== "travel" && kind !== "vet") throw misplaced();
    return forgeSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "vet") throw misplaced();
  if (variant === "lantern") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "clinic") throw misplaced();
    return lanternSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "clinic") throw misplaced();
  if (variant === "harbor") {
    if (kind !== "support" && kind !== "coding" && kind !== "travel" && kind !== "garage") throw misplaced();
    return harborSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "garage") throw misplaced();
  if (variant === "vault") {
    if (kind === "renovation" || kind === "moving" || kind === "event" || kind === "jobsearch") throw misplaced();
    return vaultSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "claim") throw misplaced();
  if (variant === "sealed") {
    if (kind === "renovation" || kind === "moving" || kind === "event") throw misplaced();
    return sealedSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "jobsearch") throw misplaced();
  if (variant === "own") {
    if (kind === "moving" || kind === "event") throw misplaced();
    return ownSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (variant === "blind") {
    if (kind === "renovation" || kind === "moving") throw misplaced();
    return blindSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (variant === "novel") {
    if (kind === "moving" || kind === "event") throw misplaced();
    return novelSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (variant === "unseen") {
    if (kind === "renovation" || kind === "event") throw misplaced();
    return unseenSlotsOf(kind).map((slot) => ({ ...slot, correctable: slot.correctable === true }));
  }
  if (kind === "renovation" || kind === "moving" || kind === "event") throw misplaced();
  return [...shared, ...kindSlots[kind]].map((slot) => ({ category: slot.category, subject: slot.subject, values: slot.values, phrasings: slot.phrasings[variant === "dev" ? "dev" : variant] ?? slot.phrasings.tuned, correctable: slot.correctable === true }));
}
