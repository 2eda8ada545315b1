/**
 * The `harbor` set's per-kind slots (issue #17, seventh round; the set-wide phrasings and the shared slots are in
 * conversation-facts-harbor.ts). Written blind: without reading the memory code, its docs, its tests or any
 * figure, so nothing here is shaped to what the extraction handles. New against the earlier sets: values the
 * assistant proposes and the user only confirms (`offers`, `confirmations`), one item of a list swapped while the
 * rest stays, dates relative to another event ("the day after the MOT"), and values in words. A harness: nothing
 * in the request path reads this.
 */
import type { FactCategory } from "./fact-category.ts";

export interface HarborSlot {
  category: FactCategory;
  /** How the closing question names the subject (and the set-wide phrasings' `{s}`). */
  subject: string;
  values: readonly string[];
  /** The user's own plain phrasings; for an offered slot, used only by a `{restate}` correction. */
  phrasings: readonly string[];
  correctable?: boolean;
  /** Corrections only this slot can say. `{v}` new, `{old}` old; `{turn}` splits it over two user turns. */
  corrections?: readonly string[];
  /** Second corrections (`{old}` the second value, `{first}` alone: back to the first one). */
  recorrections?: readonly string[];
  /** Said again unchanged later (`{v}` the current value, `{decoy}` another value, not adopted). */
  restatements?: readonly string[];
  /** The value is first said by the assistant (`{v}`), at the end of its turn; the user's next turn confirms it. */
  offers?: readonly string[];
  /** How the user confirms an offer: never the value itself. */
  confirmations?: readonly string[];
}

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const harborPeople = ["Wilhelmina", "Evander", "Saoirse", "Leopold", "Imogen", "Barnaby", "Rosalind", "Cormac", "Philippa", "Ignatius", "Marguerite", "Anselm", "Esperanza", "Quentin"];

const yes = ["Yes, that works for us.", "Perfect, go ahead with that.", "Sounds good, let's do it.", "Fine by me."];

export const harborKindSlots = {
  garage: [
    { category: "date", subject: "drop-off day", correctable: true, values: ["Thursday morning", "the 9th", "Monday 18 January", "next Wednesday", "the day after the MOT"], phrasings: ["I'll drop the car off {v}.", "The car comes in {v}."], offers: ["The workshop has a free bay {v}, shall I put you down for that?", "We could take the car {v}, would that suit?"], confirmations: ["Yes, I'll bring it in then.", ...yes], corrections: ["That drop-off clashes with the school run.{turn}Could we do {v} instead?"], restatements: ["Drop-off is still {v}, nothing moved."] },
    { category: "decision", subject: "part ordered besides the brake pads and the cabin filter", correctable: true, values: ["a new battery", "wiper blades", "a rear fog bulb", "a tyre valve", "an auxiliary belt"], phrasings: ["Please order brake pads, a cabin filter and {v}.", "On the parts list: brake pads, the cabin filter, {v}."], corrections: ["On the parts list, swap {old} for {v}; the pads and the filter stay.", "Keep the pads and the filter, drop {old} and add {v}."], recorrections: ["One more change to that list: the pads and the filter stay, {old} goes, {v} comes in."] },
    { category: "number", subject: "mileage", correctable: true, values: ["eighty-two thousand miles", "61,400 miles", "ninety thousand miles", "74,950 miles", "one hundred and three thousand miles"], phrasings: ["The clock says {v}.", "She's done {v} so far."], corrections: ["I read the dashboard in kilometres by mistake. The odometer is on {v}.", "My son drove it to Leeds and back last weekend, so it's {v} now."] },
    { category: "constraint", subject: "repair budget", correctable: true, values: ["six hundred pounds", "£450", "£1,100", "nine hundred and fifty pounds", "£725"], phrasings: ["We can spend {v} on the repair.", "Anything over {v} and we'd rather sell the car."], corrections: ["My husband has seen the quote.{turn}We can stretch to {v}, not a penny more."], restatements: ["The receptionist wrote {decoy} on the job card, but that was your estimate, not our limit; the limit is {v}."] },
    { category: "name", subject: "mechanic", values: harborPeople, phrasings: ["{v} is doing the work on the car."], offers: ["{v} will be the technician on your car.", "I've put {v} on your job, our most experienced hand."], confirmations: ["Great, thanks.", "Okay, good to know."] },
    { category: "number", subject: "registration", values: ["KX19 RTD", "LM68 PWA", "BN21 YFE", "HG17 OZT"], phrasings: ["The reg is {v}.", "It's the silver one, registration {v}."], restatements: ["The invoice says {decoy}, but that's my wife's car; ours is {v}.", "Registration hasn't changed, {v}."] },
    { category: "decision", subject: "courtesy car", correctable: true, values: ["a courtesy Corsa", "a hire Fiesta", "a loan van", "a courtesy Polo", "an electric Zoe"], phrasings: ["We'll take {v} while ours is in.", "I've reserved {v} for the week."], offers: ["While yours is in, we can give you {v}.", "The only loan vehicle left that week is {v}."], confirmations: yes, corrections: ["The loan car isn't free after all, they want a deposit.{turn}We'll go with {v} then."] },
    { category: "date", subject: "collection time", correctable: true, values: ["the day after the drop-off", "two days after the parts arrive", "Friday after four", "the following Tuesday", "half past five the same day"], phrasings: ["I'll collect it {v}.", "Pick-up is {v}."], corrections: ["Collecting then won't work, I'm away. Say {v}."], recorrections: ["My trip got cancelled, so {first} is fine again for collecting.", "Still not right for the pick-up, sorry: {v}."] },
  ],
  support: [
    { category: "name", subject: "site engineer", values: harborPeople, phrasings: ["{v} is our engineer for the install."], offers: ["I've assigned {v} to your installation.", "{v} from our field team will look after your shop."], confirmations: ["Okay, thanks for sorting that.", "Great."] },
    { category: "number", subject: "number of tills", correctable: true, values: ["three tills", "5 tills", "two tills", "seven tills", "four tills"], phrasings: ["We run {v} in the bakery.", "There are {v} at the counter."], corrections: ["We're opening the counter in the second shop too, so count {v}.", "One of the old ones is going to my cousin's café: {v} then."] },
    { category: "decision", subject: "item ordered besides the two receipt printers", correctable: true, values: ["a cash drawer", "a barcode scanner", "a customer display", "a label printer", "a spare charging dock"], phrasings: ["We need two receipt printers and {v}.", "The order is the two receipt printers plus {v}."], corrections: ["Keep the printers on the order but replace {old} with {v}.", "The printers stay. {old} we can borrow, so order {v} instead."] },
    { category: "date", subject: "install day", correctable: true, values: ["the 14th", "Sunday 7 March", "the day after the shop refit", "two days after the delivery", "the Monday after Easter"], phrasings: ["The install is {v}.", "We want the new system in {v}."], offers: ["Our team can install {v}.", "The earliest install slot is {v}, shall I hold it?"], confirmations: ["Go for it.", ...yes], corrections: ["The refit is running late.{turn}Can the install be {v}?"], recorrections: ["And the builders slipped again: {v} for the install, not {old}.", "The refit finished early after all, so {first} is back on."] },
    { category: "constraint", subject: "opening time", correctable: true, values: ["from 6:30 am", "from seven in the morning", "from 8 am", "from half six", "from a quarter past seven"], phrasings: ["We open {v}, nothing can be down then.", "The shop is open {v}, six days a week."], corrections: ["Winter hours start next week, so we open {v}."], restatements: ["Opening is still {v}, in case the installers ask."] },
    { category: "number", subject: "merchant ID", values: ["MID 4471902", "MID 3308815", "MID 9920137", "MID 6150448"], phrasings: ["Our merchant ID is {v}.", "The card terminal is registered as {v}."], restatements: ["The letter from the bank quoted {decoy}; that's the old shop, ours is {v}.", "Merchant ID unchanged: {v}."] },
    { category: "decision", subject: "card payment provider", correctable: true, values: ["SumUp", "Zettle", "Square", "Dojo", "Worldpay"], phrasings: ["We take cards through {v}.", "Card payments go via {v}."], corrections: ["We moved to the cheaper card people, {v}.", "Our bank offered a better rate, so it's {v} from next month."] },
    { category: "preference", subject: "receipt format", values: ["email receipts only", "paper receipts by default", "no receipt unless asked", "QR code receipts"], phrasings: ["Customers get {v}.", "We'd like {v} at the till."] },
  ],
  coding: [
    { category: "decision", subject: "message queue", correctable: true, values: ["RabbitMQ", "NATS JetStream", "Amazon SQS", "Redis Streams", "Apache Pulsar"], phrasings: ["Events go through {v}.", "We picked {v} for the queue."], offers: ["For your volume I'd go with {v} for the queue.", "{v} fits this well, it handles the fan-out you need."], confirmations: ["Agreed, let's use that.", "Makes sense, we'll go with your suggestion."], corrections: ["The load test went badly for the queue.{turn}{v} now, the team voted."] },
    { category: "number", subject: "replica count", correctable: true, values: ["three replicas", "5 replicas", "eight replicas", "2 replicas", "six replicas"], phrasings: ["The API runs {v}.", "We deploy {v} of the service."], corrections: ["Finance cut the cluster, so the deployment runs {v}.", "Traffic doubled after the launch: {v}."] },
    { category: "decision", subject: "region besides eu-west-1 and us-east-1", correctable: true, values: ["ap-southeast-2", "sa-east-1", "ca-central-1", "eu-north-1", "me-central-1"], phrasings: ["We deploy to eu-west-1, us-east-1 and {v}.", "Three regions: eu-west-1, us-east-1, {v}."], corrections: ["Same three regions, except {old} is replaced by {v}.", "Keep Ireland and Virginia; the third region becomes {v}."], recorrections: ["Compliance vetoed that one too. The third region is {v} now, not {old}."] },
    { category: "date", subject: "cut-over date", correctable: true, values: ["the day after the freeze lifts", "the Tuesday after the audit", "2027-03-02", "the 19th", "a week after go-live"], phrasings: ["We cut over {v}.", "The cut-over is {v}."], corrections: ["The auditors want more time.{turn}So the cut-over moves to {v}."], recorrections: ["Cut-over moved again, sorry: {v}.", "The audit finished early, so we're back on {first}."] },
    { category: "constraint", subject: "error budget", correctable: true, values: ["0.1 % a month", "zero point five percent a month", "0.25 % a month", "one percent a month"], phrasings: ["Our error budget is {v}.", "We may fail {v}, no more."], corrections: ["SRE renegotiated the SLO with product: {v}."] },
    { category: "name", subject: "on-call lead", values: harborPeople, phrasings: ["{v} holds the pager that week."], offers: ["From your rota, {v} is on call that week.", "Your rota shows {v} as the primary on-call for the release week."], confirmations: ["Yes, that's right.", "Correct."] },
    { category: "number", subject: "pull request", values: ["PR #4821", "PR #3907", "PR #5560", "PR #2214"], phrasings: ["The change is in {v}.", "Review {v} when you can."], restatements: ["The bot linked {decoy}, but that's the revert; the real change is {v}.", "Still {v}, I force-pushed to it."] },
    { category: "preference", subject: "branch naming", values: ["feature/ticket-slug", "user/initials/topic", "kebab-case only", "ticket number first"], phrasings: ["Branches follow {v}.", "Please name branches {v}."] },
  ],
  travel: [
    { category: "decision", subject: "ferry", values: ["the 07:30 from Split", "the overnight boat to Ancona", "the 11:15 catamaran", "the evening ferry to Hvar", "the early sailing to Vis"], phrasings: ["We're taking {v}.", "I booked us on {v}."], offers: ["The best connection for you is {v}.", "I'd suggest {v}, it has space for the car."], confirmations: ["Perfect, book that one.", ...yes] },
    { category: "date", subject: "return day", correctable: true, values: ["the day after the wedding", "two days after the conference", "Sunday 22 August", "the 30th", "the Monday after"], phrasings: ["We fly home {v}.", "Return is {v}."], corrections: ["My sister wants us to stay longer.{turn}So we come back {v}."], recorrections: ["Work needs me earlier, so {v} after all.", "The extra days fell through; back to {first}."], restatements: ["Return is still {v}, I checked the booking."] },
    { category: "decision", subject: "city besides Lisbon and Porto", correctable: true, values: ["Coimbra", "Évora", "Braga", "Faro", "Sintra"], phrasings: ["The route is Lisbon, Porto and {v}.", "We'll do Lisbon, {v} and Porto."], corrections: ["Keep Lisbon and Porto, but swap {old} for {v}.", "Lisbon and Porto stay on the route. {v} replaces {old}."] },
    { category: "number", subject: "luggage", correctable: true, values: ["two suitcases", "3 bags", "one big rucksack", "four bags", "5 suitcases"], phrasings: ["We're travelling with {v}.", "Luggage-wise it's {v}."], corrections: ["My mother is coming after all, so add her things: {v}."] },
    { category: "constraint", subject: "nightly room budget", correctable: true, values: ["€140 a night", "a hundred and ten euros a night", "€95 a night", "€180 a night", "€125 a night"], phrasings: ["Rooms can cost up to {v}.", "We don't want to pay more than {v} for a room."], corrections: ["We got a bonus, so up to {v} is fine for the room."], restatements: ["The agent quoted {decoy}, but that was for a suite we didn't take; our limit is {v}."] },
    { category: "name", subject: "tour guide", correctable: true, values: harborPeople, phrasings: ["Our guide in Porto is {v}."], offers: ["Your guide in Porto will be {v}.", "I've booked {v} to show you round Porto."], confirmations: ["Lovely, thank you.", "Great."], corrections: ["The agency wrote: our guide is ill.{turn}{v} will take us round Porto.", "The kids get on better with the other guide we met.{turn}We've asked for {v} instead."] },
    { category: "number", subject: "ferry booking reference", values: ["JAD-55102", "JAD-71940", "JAD-38266", "JAD-60417"], phrasings: ["The ferry booking is {v}.", "Our ferry reference is {v}."], restatements: ["The app shows {decoy}, but that's the cabin number; the booking is {v}."] },
    { category: "preference", subject: "dietary need", values: ["vegetarian meals", "gluten-free food", "no pork", "halal meals"], phrasings: ["We need {v} on the whole trip.", "Please ask the hotels for {v}."] },
  ],
} as const satisfies Record<string, readonly HarborSlot[]>;

export type HarborKind = keyof typeof harborKindSlots;
