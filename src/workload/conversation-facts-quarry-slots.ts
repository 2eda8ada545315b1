/**
 * The `quarry` set's per-kind slots (issue #17, ninth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-quarry.ts). Written blind: without reading the memory code, its docs, its tests or any
 * figure, so nothing here is shaped to what the extraction handles. New against the earlier sets: every value of a
 * measured slot is in its own unit (any change is a change of units too), values that are themselves negations
 * ("no visits before 10 am"), corrections quoted from someone else, and corrections whose lead-in comes two or three
 * user turns before the value (`{later}`). A harness: nothing in the request path reads this.
 */
import type { FactCategory } from "./fact-category.ts";

export interface QuarrySlot {
  category: FactCategory;
  /** How the closing question names the subject (and the set-wide phrasings' `{s}`). */
  subject: string;
  values: readonly string[];
  /** The user's own plain phrasings; for an offered slot, used only by a `{restate}` correction. */
  phrasings: readonly string[];
  correctable?: boolean;
  /** Corrections only this slot can say. `{v}` new, `{old}` old; `{turn}` over two adjacent user turns, `{later}` with the lead-in two or three turns before. */
  corrections?: readonly string[];
  /** Second corrections (`{old}` the second value, `{first}` alone: back to the first one). */
  recorrections?: readonly string[];
  /** Said again unchanged later (`{v}` the current value, `{decoy}` another value, not adopted). */
  restatements?: readonly string[];
  /** The value is first said by the assistant (`{v}`), at the end of its turn; the user's next turn answers it. */
  offers?: readonly string[];
  /** How the user accepts an offer: never the value itself. */
  confirmations?: readonly string[];
}

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const quarryPeople = ["Wilhelmina", "Oluwaseun", "Radovan", "Philippa", "Tancredi", "Marisol", "Gwendolyn", "Anselm", "Yevgenia", "Leopold", "Chiamaka", "Rosalind", "Ignatius", "Saoirse"];

const fine = ["Fine by me.", "Okay, go ahead.", "That'll do, thanks.", "Yes, book it."];

export const quarryKindSlots = {
  tenancy: [
    { category: "date", subject: "plumber's visit", correctable: true, values: ["Tuesday between 8 and 12", "Thursday afternoon", "Monday 9 March", "the Friday after next", "Wednesday at 7:30"], phrasings: ["The plumber is coming {v}.", "The plumber's booked for {v}."], offers: ["The earliest the plumber can do is {v}; shall I confirm it?", "I can get the plumber to you {v}, would that work?"], confirmations: ["Confirm it, please.", ...fine], recorrections: ["The plumber's office just told me, word for word: \"{v}, not {old}, sorry\".", "The landlord overruled it, so it's {first} again."] },
    { category: "number", subject: "size of the damp patch", correctable: true, values: ["about 40 cm across", "roughly two feet across", "nearly a metre across", "about 30 inches across", "600 mm across"], phrasings: ["The damp patch on the bedroom wall is {v}.", "That patch by the window is {v} now."], corrections: ["I measured it with a proper tape this time: {v}, not {old}.", "My landlord came round and measured it his way: {v}."], restatements: ["The inspector wrote {decoy}, but that was the other wall; this one is {v}."] },
    { category: "number", subject: "rent", correctable: true, values: ["£950 a month", "£225 a week", "£11,400 a year", "£880 every four weeks", "£450 a fortnight"], phrasings: ["The rent is {v}.", "I pay {v} in rent."], corrections: ["The new agreement words it differently: {v}.", "The agency's letter says, quote, \"rent: {v} from the renewal date\"."] },
    { category: "decision", subject: "room with the leak", correctable: true, values: ["the bathroom", "the kitchen", "the back bedroom", "the hallway", "the box room"], phrasings: ["It's not coming from the flat upstairs; the leak is in {v}.", "The water is coming through in {v}."], corrections: ["I was wrong about {old}.{later}Found where it really starts: {v}."] },
    { category: "name", subject: "landlord's agent", correctable: true, values: quarryPeople, phrasings: ["{v} at the agency handles our flat."], offers: ["Your case is with {v} at the agency.", "I've passed this to {v}, who manages your building."], confirmations: ["Okay, noted.", "Right, thanks."], corrections: ["Reception told me, \"{v} has your file now, {old} has left\"."] },
    { category: "number", subject: "flat number", values: ["Flat 4B", "Flat 12", "Flat 7A", "Flat 31"], phrasings: ["We're in {v}.", "It's {v}, second floor."], restatements: ["The letter says {decoy}, that's downstairs; we're {v}."] },
  ],
  support: [
    { category: "decision", subject: "phone system plan", correctable: true, values: ["the Team 10 plan", "Business Pro Unlimited", "the Starter 5-seat bundle", "the Contact Centre add-on plan", "Enterprise Flex"], phrasings: ["We're on {v}.", "The office runs {v}."], offers: ["For twelve desks I'd put you on {v}.", "{v} fits your call volume, shall I switch you?"], confirmations: ["Switch us, please.", ...fine], recorrections: ["Our accountant says, and I quote, \"{v}, not {old}\".", "Finance said no to the change, so {first} after all."] },
    { category: "number", subject: "cable run to the reception desk", correctable: true, values: ["15 metres", "40 feet", "1,200 centimetres", "12 yards", "500 inches"], phrasings: ["The cable run from the cabinet to reception is {v}.", "From the cabinet to the front desk it's {v} of cable."], corrections: ["The electrician measured it properly: {v}.", "Our builder says it's {v}, he measured along the skirting."] },
    { category: "name", subject: "office manager", correctable: true, values: quarryPeople, phrasings: ["{v} is our office manager, she signs off changes."], corrections: ["Our director asked me to say: \"{v} is office manager from Monday\".", "{old} has moved to the Leeds office.{later}The new office manager is {v}."] },
    { category: "date", subject: "install day", correctable: true, values: ["the Saturday before Christmas", "the 19th", "Monday 2 February", "the day after the office move", "the first Tuesday of next month"], phrasings: ["Install day is {v}.", "Your engineer comes {v} to install it."], corrections: ["Hold on, the install day I gave you won't work.{later}We can do {v} instead."], recorrections: ["Your scheduler emailed: \"install {v}, not {old}\".", "The move slipped, so back to {first}."] },
    { category: "constraint", subject: "call rule", correctable: true, values: ["no calls forwarded abroad", "no ringing after 8 pm", "no recording of calls", "no calls put through to the warehouse"], phrasings: ["One rule for the setup: {v}.", "Please make sure of this: {v}."], corrections: ["{old} was the old rule; the new one is {v}."] },
    { category: "number", subject: "account number", values: ["ACC-770215", "ACC-318840", "ACC-652093", "ACC-489176"], phrasings: ["Our account is {v}.", "Account number {v}."], restatements: ["The bill shows {decoy}, but that's our other site; this account is {v}."] },
  ],
  coding: [
    { category: "decision", subject: "message queue", correctable: true, values: ["NATS JetStream", "RabbitMQ", "Amazon SQS", "Redis Streams", "Apache Pulsar"], phrasings: ["Events go through {v}.", "We picked {v} for the events."], offers: ["For that fan-out I'd use {v}.", "{v} handles that load easily, want me to set it up?"], confirmations: ["Yes, set it up.", ...fine], recorrections: ["The platform team wrote in the channel: \"{v}, not {old}, please\".", "Their veto was lifted, so {first} again."] },
    { category: "constraint", subject: "maximum payload size", correctable: true, values: ["256 KB", "1 MiB", "2,000,000 bytes", "half a megabyte", "768 KiB"], phrasings: ["Payloads can't be bigger than {v}.", "The gateway rejects anything over {v}."], corrections: ["The gateway docs put it differently: {v}.", "Our SRE says the real cap is {v}."] },
    { category: "name", subject: "on-call engineer", correctable: true, values: quarryPeople, phrasings: ["{v} is on call for the cutover."], corrections: ["My manager said, \"{v} swapped the rota with {old}\", so it's {v}.", "{old} is off sick.{later}{v} is covering on call."] },
    { category: "date", subject: "cutover", correctable: true, values: ["the Sunday after the freeze", "the 8th", "two days after the load test", "Tuesday 10 March", "the week after the audit"], phrasings: ["Cutover is {v}.", "We cut over {v}."], corrections: ["The cutover date has to move.{later}The new cutover is {v}."], recorrections: ["The CAB minutes say \"{v}, not {old}\".", "The load test passed early, so back to {first}."] },
    { category: "constraint", subject: "thing the migration job must not touch", correctable: true, values: ["no writes to the billing tables", "no reads from the prod replica", "no schema changes in business hours", "no access to the legacy FTP export"], phrasings: ["The migration job has one rule: {v}.", "Whatever it does, {v}."], corrections: ["{old} is fine now; what matters is {v}."] },
    { category: "number", subject: "incident number", values: ["INC-20931", "INC-41177", "INC-38602", "INC-57714"], phrasings: ["This is incident {v}.", "It's logged as {v}."], restatements: ["The postmortem doc says {decoy}; that's last month's, ours is {v}."] },
  ],
  travel: [
    { category: "decision", subject: "campsite", correctable: true, values: ["Camping Les Mimosas", "Lakeside Touring Park", "Camping Playa Tropicana", "Glen Nevis Caravan Park", "Camping Valle Gardena"], phrasings: ["We're staying at {v}.", "We've booked {v}."], offers: ["For a van your size I'd book {v}.", "{v} still has a pitch with hook-up, shall I hold it?"], confirmations: ["Hold it, please.", ...fine], recorrections: ["The site texted us: \"{v}, not {old}, pitch double-booked\".", "They found us a pitch after all, so {first} again."] },
    { category: "number", subject: "length of the van", correctable: true, values: ["6.4 metres", "23 feet", "710 centimetres", "8 yards"], phrasings: ["Our campervan is {v} long.", "The van is {v} nose to tail."], corrections: ["I checked the logbook: {v}.", "The rental company says it's {v}, with the bike rack."] },
    { category: "name", subject: "contact at the ferry company", correctable: true, values: quarryPeople, phrasings: ["{v} at the ferry company is handling our booking."], corrections: ["The ferry office told me, \"{v} will look after you now\"."] },
    { category: "date", subject: "ferry crossing", correctable: true, values: ["the overnight sailing on the 3rd", "Saturday morning", "the 14:30 on Thursday", "the first sailing after Easter", "Wednesday 1 July"], phrasings: ["We're booked on {v}.", "Our crossing is {v}."], corrections: ["The ferry company rang, our crossing's changing.{later}They've put us on {v}."], recorrections: ["Changed again: {v}, not {old}.", "The strike's off, so {first} after all."] },
    { category: "constraint", subject: "driving rule", correctable: true, values: ["no toll roads", "no more than three hours at the wheel a day", "no mountain passes", "no motorway driving at night"], phrasings: ["Our rule for the route: {v}.", "Please plan it with {v}."], corrections: ["{old} doesn't matter now; the rule is {v}."] },
    { category: "number", subject: "booking reference", values: ["FRY-88213", "FRY-40375", "FRY-61928", "FRY-27746"], phrasings: ["The booking reference is {v}.", "Our booking is {v}."], restatements: ["The app shows {decoy}, but that's the return leg; the outbound is {v}."] },
  ],
} as const satisfies Record<string, readonly QuarrySlot[]>;

export type QuarryKind = keyof typeof quarryKindSlots;
