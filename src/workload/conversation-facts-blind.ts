/**
 * The `blind` set (issue #17, fourth round): written and committed after the unseen set had been measured
 * and two more changes were made looking at its failures (same-frame restatements, the "Update:" cue), and
 * before those changes ran on it, so its figure says whether they generalise. New slots, values and
 * correction forms, implicit restatements (`{restate}`: the slot's own phrasing with the new value) and a
 * sixth conversation kind: planning an event. A harness: nothing in the request path reads this.
 */
import type { FactCategory } from "./fact-category.ts";

export interface BlindSlot {
  category: FactCategory;
  /** How a question or a correction names the subject. */
  subject: string;
  values: readonly string[];
  phrasings: readonly string[];
  correctable?: boolean;
}

/** `{s}` the subject, `{v}` the new value, `{old}` the old one; `{restate}` the slot's own phrasing with the new value. */
export const blindCorrectionPhrasings: readonly string[] = [
  "Oops, {v} is right for the {s}, not {old}.",
  "Let me correct myself: the {s} is {v}.",
  "Hmm, no, the {s} is {v}.",
  "One change: the {s} is {v} now.",
  "It's {v} for the {s} now, they moved it.",
  "We switched the {s} to {v}.",
  "Wrong {s} earlier, it's {v}.",
  "FYI the {s} changed to {v}.",
  "{restate}",
  "{restate}",
  "{restate}",
];

const people = ["Gudrun", "Anselm", "Perpetua", "Lysander", "Ottilie", "Barnaby", "Esperanza", "Thaddeus", "Wilfreda", "Cosimo"];

const shared: readonly BlindSlot[] = [
  { category: "name", subject: "assistant", correctable: true, values: people, phrasings: ["My assistant {v} handles my calendar.", "{v} manages my diary, so copy her in."] },
  { category: "number", subject: "direct line", values: ["0161 496 0732", "0117 496 0415", "0131 496 0288", "0207 946 0591"], phrasings: ["My direct line is {v}.", "You can reach my desk on {v}."] },
  { category: "preference", subject: "reply length", values: ["one paragraph", "three bullet points", "a single sentence", "a short checklist"], phrasings: ["Keep replies to {v}, I read on my phone.", "I like answers that fit in {v}."] },
  { category: "name", subject: "company", values: ["Larkspur Analytics", "Fennwick Labs", "Corvid Systems", "Halyard Foods"], phrasings: ["I work for {v}.", "This is on behalf of {v}."] },
];

export const blindKindSlots = {
  support: [
    { category: "number", subject: "case number", values: ["CASE-30917", "CASE-77402", "CASE-12585", "CASE-64139"], phrasings: ["This is about {v}.", "Your colleague opened {v} for me."] },
    { category: "number", subject: "upload speed", correctable: true, values: ["40 Mbps", "100 Mbps", "20 Mbps", "250 Mbps"], phrasings: ["Upload sits at {v} on a good day.", "We measured {v} upstream."] },
    { category: "date", subject: "engineer visit", correctable: true, values: ["Tuesday 14 October", "Friday 7 November", "Monday 2 June", "Thursday 18 September"], phrasings: ["An engineer is coming {v}.", "The site visit is booked for {v}."] },
    { category: "name", subject: "support agent", correctable: true, values: people, phrasings: ["{v} from your team was helping me.", "I spoke to {v} on the phone last time."] },
    { category: "constraint", subject: "maintenance window", correctable: true, values: ["2 am to 4 am", "midnight to 3 am", "1 am to 5 am", "11 pm to 1 am"], phrasings: ["Any maintenance must happen between {v}.", "Our maintenance window is {v}."] },
    { category: "decision", subject: "replacement device", values: ["Omada ER605", "UniFi Dream Router", "Vigor 2865", "MikroTik hAP ax3"], phrasings: ["Send us a {v} as the replacement.", "We'd like the {v} instead of the old box."] },
    { category: "number", subject: "monthly fee", correctable: true, values: ["€89", "€129", "€64", "€210"], phrasings: ["We pay {v} per month for the line.", "The monthly fee is {v}."] },
    { category: "preference", subject: "invoice delivery", values: ["by post", "as a PDF", "through the portal", "by fax"], phrasings: ["Send invoices {v}, please.", "Our accounts team wants invoices {v}."] },
    { category: "number", subject: "static IP", correctable: true, values: ["203.0.113.24", "198.51.100.7", "192.0.2.145", "203.0.113.201"], phrasings: ["Our static IP is {v}.", "The firewall whitelists {v}."] },
    { category: "constraint", subject: "response time", values: ["4 hours", "8 hours", "2 hours", "24 hours"], phrasings: ["The SLA promises a response within {v}.", "You have to answer tickets in {v}."] },
  ],
  coding: [
    { category: "number", subject: "Java version", correctable: true, values: ["17", "21", "11", "23"], phrasings: ["The backend compiles against Java {v}.", "We run Java {v} in production."] },
    { category: "decision", subject: "ORM", correctable: true, values: ["Prisma", "Drizzle", "TypeORM", "Sequelize"], phrasings: ["We query the database through {v}.", "The data layer uses {v}."] },
    { category: "constraint", subject: "bundle size limit", correctable: true, values: ["250 KB", "180 KB", "400 KB", "320 KB"], phrasings: ["The frontend bundle must stay under {v}.", "CI rejects bundles over {v}."] },
    { category: "name", subject: "product owner", correctable: true, values: people, phrasings: ["The product owner is {v}.", "{v} prioritises our backlog."] },
    { category: "number", subject: "worker count", correctable: true, values: ["8 workers", "16 workers", "4 workers", "12 workers"], phrasings: ["The job queue runs {v}.", "We process jobs with {v}."] },
    { category: "date", subject: "release date", correctable: true, values: ["3 March", "17 April", "29 May", "12 June"], phrasings: ["Version two ships on {v}.", "The release is planned for {v}."] },
    { category: "name", subject: "feature flag service", values: ["Unleash", "LaunchDarkly", "Flagsmith", "GrowthBook"], phrasings: ["Flags are managed in {v}.", "We toggle features through {v}."] },
    { category: "constraint", subject: "log retention", values: ["14 days", "30 days", "90 days", "7 days"], phrasings: ["Logs are kept for {v}.", "We delete logs after {v}."] },
    { category: "preference", subject: "naming style", values: ["camelCase", "snake_case", "PascalCase", "kebab-case"], phrasings: ["Please name variables in {v}.", "The codebase uses {v} throughout."] },
    { category: "number", subject: "database port", values: ["6543", "5544", "3307", "27018"], phrasings: ["The database listens on {v}.", "Connect to the replica on port {v}."] },
  ],
  travel: [
    { category: "decision", subject: "cruise line", correctable: true, values: ["Hurtigruten", "Viking Ocean", "Celestyal", "Ponant"], phrasings: ["We're sailing with {v}.", "The cruise is with {v}."] },
    { category: "date", subject: "embarkation date", correctable: true, values: ["Saturday 6 September", "Wednesday 21 May", "Sunday 12 October", "Monday 16 June"], phrasings: ["We embark {v}.", "Boarding day is {v}."] },
    { category: "number", subject: "cabin", correctable: true, values: ["cabin 7142", "cabin 5310", "cabin 9027", "cabin 6655"], phrasings: ["We're in {v}.", "They put us in {v}, on the port side."] },
    { category: "constraint", subject: "mobility need", values: ["a wheelchair", "a walking frame", "a mobility scooter", "crutches"], phrasings: ["Dad travels with {v}.", "My mother needs {v} on shore excursions."] },
    { category: "name", subject: "excursion guide", values: people, phrasings: ["Our excursion guide is {v}.", "{v} leads the shore trips."] },
    { category: "number", subject: "excursion cost", correctable: true, values: ["$180", "$245", "$310", "$95"], phrasings: ["The excursion package is {v} per person.", "Shore trips cost us {v} each."] },
    { category: "date", subject: "dinner seating", correctable: true, values: ["6:30 pm", "8:45 pm", "7:15 pm", "9 pm"], phrasings: ["Our dinner seating is at {v}.", "We eat at the {v} sitting."] },
    { category: "preference", subject: "deck preference", values: ["a high deck", "midship", "near the lifts", "aft"], phrasings: ["We'd prefer a cabin {v}.", "A cabin {v} would suit us best."] },
    { category: "number", subject: "passport number", values: ["X4419920", "K7730154", "P2208376", "M9914025"], phrasings: ["My passport number is {v}.", "The booking has passport {v} on it."] },
    { category: "constraint", subject: "baggage allowance", correctable: true, values: ["two suitcases", "three bags", "one trunk", "four holdalls"], phrasings: ["Each of us may bring {v}.", "The line allows {v} per guest."] },
  ],
  event: [
    { category: "decision", subject: "venue", correctable: true, values: ["The Granary", "Ashcombe Hall", "Riverside Pavilion", "Old Mill Barn"], phrasings: ["The party will be at {v}.", "We've reserved {v} for the evening."] },
    { category: "date", subject: "event date", correctable: true, values: ["Saturday 20 September", "Friday 5 December", "Saturday 14 June", "Sunday 31 August"], phrasings: ["The celebration is on {v}.", "Save the date: {v}."] },
    { category: "number", subject: "guest count", correctable: true, values: ["85 guests", "120 guests", "60 guests", "140 guests"], phrasings: ["We're expecting {v}.", "The invitation list has {v}."] },
    { category: "name", subject: "caterer", correctable: true, values: ["Saffron & Sage", "Mellow Kitchen", "Bramble Catering", "The Copper Pot"], phrasings: ["Food is by {v}.", "We booked {v} to cater."] },
    { category: "number", subject: "catering budget", correctable: true, values: ["£4,200", "£6,750", "£3,100", "£8,900"], phrasings: ["Catering can cost up to {v}.", "We budgeted {v} for food and drink."] },
    { category: "name", subject: "DJ", values: people, phrasings: ["Our DJ is {v}.", "{v} is doing the music."] },
    { category: "date", subject: "setup time", correctable: true, values: ["2 pm", "3:30 pm", "11 am", "1:15 pm"], phrasings: ["We can set up from {v}.", "The venue opens for setup at {v}."] },
    { category: "constraint", subject: "noise curfew", values: ["11 pm", "midnight", "10:30 pm", "1 am"], phrasings: ["Music has to stop by {v}.", "The venue's curfew is {v}."] },
    { category: "preference", subject: "cake flavour", values: ["lemon and elderflower", "dark chocolate", "carrot", "raspberry and pistachio"], phrasings: ["The cake should be {v}.", "Everyone voted for {v} cake."] },
    { category: "number", subject: "table count", values: ["12 tables", "15 tables", "9 tables", "18 tables"], phrasings: ["The floor plan has {v}.", "We need {v} set out."] },
  ],
} as const satisfies Record<string, readonly BlindSlot[]>;

export type BlindKind = keyof typeof blindKindSlots;

/** The blind set's slots of one kind: the shared ones first, as in the other tables. */
export function blindSlotsOf(kind: BlindKind): readonly BlindSlot[] {
  return [...shared, ...blindKindSlots[kind]];
}
