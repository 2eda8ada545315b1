/**
 * The `novel` set (issue #17, second round): written and committed before the general slot reading was
 * run on it, so its figures say whether fact extraction and correction detection generalise. Everything
 * differs from the other three tables: new kinds of facts (email addresses, phone numbers, percentages,
 * durations, am/pm times, places, host names, versions, square metres), new phrasings, new correction forms
 * (explicit ones such as "no longer", "make that", "revise", and plain restatements with a new value), and a
 * fourth conversation kind (a home renovation). A harness: nothing in the request path reads this.
 */
import type { FactCategory } from "./fact-category.ts";

export interface NovelSlot {
  category: FactCategory;
  /** How a question or a correction names the subject. */
  subject: string;
  values: readonly string[];
  phrasings: readonly string[];
  correctable?: boolean;
}

/** `{s}` the subject, `{v}` the new value, `{old}` the old one. Half say they correct; half only restate. */
export const novelCorrectionPhrasings: readonly string[] = [
  "We're no longer at {old} for the {s}, it changed to {v}.",
  "Make that {v} for the {s}.",
  "Let me revise the {s}: {v}.",
  "Ignore what I said about the {s}; it's {v}.",
  "The {s} went from {old} to {v}.",
  "Just so you have it right, the {s} is {v}.",
  "{v} is the correct {s}, I misremembered.",
  "Slight amendment: {v} rather than {old}.",
  "So the {s} is {v} after all.",
  "Heads-up: the new {s} is {v}.",
];

const people = ["Ingrid", "Bartholomew", "Nadia", "Kwame", "Rosalind", "Teodor", "Yasmin", "Cormac", "Ludmila", "Sefa"];

const shared: readonly NovelSlot[] = [
  { category: "name", subject: "email address", correctable: true, values: ["dana.roth@quillmail.com", "m.ferreira@brightpost.net", "kofi.asante@lanternbox.org", "s.ivanova@northwire.io"], phrasings: ["Anything in writing goes to {v}.", "Reach me by mail at {v}."] },
  { category: "number", subject: "phone number", values: ["+44 7700 900123", "+351 912 345 678", "+49 151 2345 6789", "+1 415 555 0142"], phrasings: ["If it's urgent, ring {v}.", "My mobile is {v}, day or night."] },
  { category: "preference", subject: "answer format", values: ["bullet points", "numbered steps", "plain paragraphs", "short tables"], phrasings: ["I find {v} easiest to follow.", "Answers in {v} suit me best."] },
  { category: "name", subject: "manager", values: people, phrasings: ["I report to {v}.", "Anything big needs sign-off from {v}, my manager."] },
];

export const novelKindSlots = {
  support: [
    { category: "number", subject: "customer ID", values: ["acct-7Q2XK9", "acct-3M8TR1", "acct-9B4WZ6", "acct-5H1PD3"], phrasings: ["Our customer ID is {v}.", "You'll find us under {v} in your system."] },
    { category: "date", subject: "outage start time", correctable: true, values: ["7:40 am", "11:05 pm", "2:15 pm", "6:50 am"], phrasings: ["The outage began around {v}.", "Things went down at {v} our time."] },
    { category: "number", subject: "discount", correctable: true, values: ["15%", "22%", "35%", "40%"], phrasings: ["Sales promised us a {v} discount.", "We were quoted {v} off the list price."] },
    { category: "name", subject: "billing city", correctable: true, values: ["Tromsø", "Ghent", "Matosinhos", "Zadar"], phrasings: ["Our billing address is in {v}.", "Invoices should show our office in {v}."] },
    { category: "number", subject: "monthly invoice", correctable: true, values: ["$1,180", "$2,460", "$905", "$3,075"], phrasings: ["Last month's bill came to {v}.", "We normally pay {v} a month."] },
    { category: "constraint", subject: "contract length", values: ["18 months", "24 months", "36 months", "30 months"], phrasings: ["We signed for {v}.", "The agreement runs {v}."] },
    { category: "decision", subject: "data region", values: ["eu-west-3", "ap-southeast-2", "us-east-2", "eu-central-1"], phrasings: ["We'll host everything in {v}.", "Our data has to stay in {v}, that's settled."] },
    { category: "constraint", subject: "maximum downtime", values: ["45 minutes", "90 minutes", "20 minutes", "2 hours"], phrasings: ["We can't afford more than {v} of downtime.", "Any outage past {v} breaches our SLA."] },
    { category: "name", subject: "on-site admin", values: people, phrasings: ["Our admin, {v}, has the keys to the server room.", "{v} handles the firewall on our side."] },
    { category: "number", subject: "affected users", values: ["340", "1,275", "86", "2,030"], phrasings: ["About {v} employees can't log in.", "The issue hits {v} people in the company."] },
  ],
  coding: [
    { category: "number", subject: "SDK version", correctable: true, values: ["4.2.1", "3.9.0", "5.0.3", "2.7.14"], phrasings: ["We pin the SDK at {v}.", "The SDK in our lockfile is {v}."] },
    { category: "decision", subject: "primary database", correctable: true, values: ["ScyllaDB", "MariaDB", "Neo4j", "ClickHouse"], phrasings: ["Our main datastore is {v}.", "We migrated the core tables to {v} last quarter."] },
    { category: "name", subject: "staging host", values: ["staging.pinecrest.dev", "stg.orbitkite.io", "preview.tallowbyte.net", "qa.marbleforge.app"], phrasings: ["Staging lives at {v}.", "Test against {v}, not production."] },
    { category: "constraint", subject: "request timeout", correctable: true, values: ["30 seconds", "45 seconds", "90 seconds", "12 seconds"], phrasings: ["The gateway cuts requests off after {v}.", "Our HTTP client gives up at {v}."] },
    { category: "constraint", subject: "error budget", correctable: true, values: ["0.5%", "0.1%", "2%", "0.25%"], phrasings: ["We alert when errors pass {v}.", "Error budget is {v} of requests."] },
    { category: "date", subject: "sprint end", values: ["the 3rd of May", "June 19th", "2027-02-11", "the 28th of October"], phrasings: ["The sprint wraps up on {v}.", "Demo day for this sprint is {v}."] },
    { category: "name", subject: "on-call engineer", values: people, phrasings: ["{v} is on call this week.", "If prod breaks, page {v}."] },
    { category: "constraint", subject: "maximum payload", values: ["2 MB", "8 MB", "16 MB", "512 KB"], phrasings: ["Request bodies are capped at {v}.", "Uploads bigger than {v} get rejected."] },
    { category: "preference", subject: "indentation", values: ["tabs", "two spaces", "four spaces", "three spaces"], phrasings: ["I indent with {v}, please match that.", "Our formatter is set to {v}."] },
    { category: "number", subject: "incident", values: ["INC-20417", "INC-38802", "INC-11596", "INC-47230"], phrasings: ["The postmortem is under {v}.", "Ops logged it as {v}."] },
  ],
  travel: [
    { category: "decision", subject: "hotel", correctable: true, values: ["Casa Albaricoque", "Hotel Vindrose", "Pension Mirabell", "Villa Ostrica"], phrasings: ["We're staying at {v}.", "The place we reserved is {v}."] },
    { category: "date", subject: "check-in time", correctable: true, values: ["3 pm", "4:30 pm", "2 pm", "5:15 pm"], phrasings: ["Check-in opens at {v}.", "They'll let us into the room at {v}."] },
    { category: "date", subject: "return date", correctable: true, values: ["Sunday 17 August", "Saturday 4 October", "Friday 29 May", "Monday 6 July"], phrasings: ["We fly home {v}.", "Our return is booked for {v}."] },
    { category: "number", subject: "car rental cost", correctable: true, values: ["£640", "£1,120", "£815", "£2,390"], phrasings: ["The rental car comes to {v} for the week.", "The agency quoted {v} for the car."] },
    { category: "constraint", subject: "diet", values: ["vegan", "gluten-free", "halal", "kosher"], phrasings: ["Two of us eat {v} only.", "Meals have to be {v} for my husband."] },
    { category: "name", subject: "meeting point", values: ["Praça do Comércio", "Plaza Mayor", "Piazza Navona", "Nyhavn"], phrasings: ["We'll meet the guide at {v}.", "The walking tour starts from {v}."] },
    { category: "number", subject: "children's ages", values: ["4 and 9", "6 and 11", "3 and 7", "8 and 13"], phrasings: ["The children are {v}.", "Our kids are {v} years old."] },
    { category: "date", subject: "ferry departure", values: ["08:45", "19:10", "06:20", "21:35"], phrasings: ["The ferry leaves at {v}.", "We need to be on the {v} ferry."] },
    { category: "number", subject: "booking reference", values: ["QX7T2M", "ZK4P9R", "HB2W6N", "LD8F3C"], phrasings: ["The booking reference is {v}.", "Quote {v} if the airline asks."] },
    { category: "name", subject: "friend we meet", values: people, phrasings: ["{v}, my brother-in-law, flies in a day later.", "We're meeting up with {v} in the second city."] },
  ],
  renovation: [
    { category: "decision", subject: "contractor", correctable: true, values: ["Brightwall Builders", "Oakhurst Renovations", "Kestrel & Sons", "Northgate Joinery"], phrasings: ["We hired {v} for the work.", "The quote we accepted is from {v}."] },
    { category: "constraint", subject: "kitchen budget", correctable: true, values: ["€18,500", "€24,000", "€11,750", "€32,400"], phrasings: ["We've set aside {v} for the kitchen.", "The kitchen can't go over {v}."] },
    { category: "date", subject: "start date", correctable: true, values: ["9 March", "16 September", "27 May", "21 January"], phrasings: ["Work starts on {v}.", "The crew arrives {v}."] },
    { category: "number", subject: "kitchen size", correctable: true, values: ["14 square metres", "22 square metres", "9.5 square metres", "31 square metres"], phrasings: ["The kitchen is {v}.", "Floor area comes to {v}."] },
    { category: "preference", subject: "floor tiles", values: ["terracotta", "slate grey", "hexagonal white", "oak-look"], phrasings: ["For the floor I want {v} tiles.", "We're set on {v} tiles for the floor."] },
    { category: "decision", subject: "wall colour", values: ["Sage Green", "Harbour Blue", "Warm Linen", "Charcoal Mist"], phrasings: ["Walls will be painted {v}.", "We went with {v} for the walls."] },
    { category: "name", subject: "architect", values: people, phrasings: ["{v} drew up the plans.", "Our architect is {v}."] },
    { category: "number", subject: "building permit", values: ["BP-2207-A", "BP-5583-C", "BP-9041-F", "BP-1162-D"], phrasings: ["The building permit is {v}.", "Planning approved us under {v}."] },
    { category: "constraint", subject: "quiet hours", correctable: true, values: ["8 am", "9 am", "7:30 am", "10 am"], phrasings: ["No drilling before {v}, the neighbours complained.", "The crew may not start before {v}."] },
    { category: "constraint", subject: "skip size", values: ["6 cubic yards", "8 cubic yards", "12 cubic yards", "4 cubic yards"], phrasings: ["The council allows a skip of {v} on the street.", "We ordered a {v} skip."] },
  ],
} as const satisfies Record<string, readonly NovelSlot[]>;

export type NovelKind = keyof typeof novelKindSlots;

/** The novel set's slots of one kind: the shared ones first, as in the other tables. */
export function novelSlotsOf(kind: NovelKind): readonly NovelSlot[] {
  return [...shared, ...novelKindSlots[kind]];
}
