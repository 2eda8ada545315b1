/**
 * The `sealed` set's per-kind slots (issue #17, fifth round; the corrections and the shared slots are in
 * conversation-facts-sealed.ts). Written blind: without reading the memory code or its docs, so nothing
 * here is shaped to what the extraction handles. Values mix digits and words ("seventy-two thousand
 * euros" beside "€68,000"), dates come in the forms people type (ISO, "the 19th of August", "12/04"), and
 * many slots carry corrections of their own that name the subject in other words or by a pronoun only.
 * A harness: nothing in the request path reads this.
 */
import type { FactCategory } from "./fact-category.ts";

export interface SealedSlot {
  category: FactCategory;
  /** How a question names the subject (and the generic corrections' `{s}`). */
  subject: string;
  values: readonly string[];
  phrasings: readonly string[];
  correctable?: boolean;
  /**
   * Corrections only this slot can say: the subject in other words, a pronoun, a name first. `{v}` new,
   * `{old}` old; `{turn}` splits the correction over two consecutive user turns (the value in the second).
   */
  corrections?: readonly string[];
}

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const sealedPeople = ["Rosalind", "Ignatius", "Saoirse", "Bartholomew", "Leontyne", "Evander", "Clementine", "Ambrose", "Wendeline", "Mordecai", "Hyacinth", "Solveig"];

export const sealedKindSlots = {
  support: [
    { category: "number", subject: "number of handsets", correctable: true, values: ["twenty-two handsets", "31 handsets", "forty handsets", "17 handsets"], phrasings: ["We've got {v} on the business plan.", "Across the company that's {v} in total."], corrections: ["Two people left and one joined this month.{turn}So we're at {v} now.", "Headcount changed, it's {v} on the plan as of this week."] },
    { category: "date", subject: "number porting date", correctable: true, values: ["the 3rd of March", "2027-02-15", "Tuesday the 9th", "12/04"], phrasings: ["The numbers get ported across on {v}.", "Porting is scheduled for {v}, according to the letter."], corrections: ["The switchover from the old carrier got pushed: {v}.", "Your porting team rang. They want to do it {v} instead."] },
    { category: "name", subject: "billing contact", correctable: true, values: sealedPeople, phrasings: ["Invoices should go to {v} in accounts.", "{v} deals with our bills, send questions her way."], corrections: ["{v} handles our invoices from now on; {old} moved to the Leeds office.", "Whoever sends the bills: address them to {v}, not {old}."] },
    { category: "constraint", subject: "spending cap per line", correctable: true, values: ["£150 a month", "£95 a month", "£220 a month", "£60 a month"], phrasings: ["No line may go over {v}, finance is strict on that.", "Each SIM has a hard cap of {v}."], corrections: ["Finance relaxed the per-SIM limit: {v} from the next cycle."] },
    { category: "decision", subject: "handset model", correctable: true, values: ["Pixel 9", "Galaxy S24", "iPhone 15", "Fairphone 5"], phrasings: ["We're standardising on the {v} for everyone.", "The {v} is the phone we picked for the team."], corrections: ["The board didn't like the price of the phones.{turn}We're going with the {v} after all.", "{v} for everyone, the {old} had a supply problem."] },
    { category: "number", subject: "purchase order", values: ["PO-55102", "PO-80367", "PO-19244", "PO-66831"], phrasings: ["Quote {v} on the invoice or it bounces.", "Our purchase order for this is {v}."] },
    { category: "preference", subject: "statement layout", values: ["itemised per user", "one line per department", "grouped by cost centre", "a one-page summary"], phrasings: ["We'd like the statement {v}.", "Accounts asked for {v} on the monthly statement."] },
    { category: "constraint", subject: "roaming rule", values: ["no roaming outside the EU", "data roaming switched off", "voice-only roaming", "roaming capped at 2 GB"], phrasings: ["Company policy is {v}.", "Please configure {v} on every line."] },
    { category: "date", subject: "contract end", values: ["end of November", "30 April 2028", "mid-January", "the last day of Q3"], phrasings: ["Our current deal runs until {v}.", "We're tied in until {v}."] },
    { category: "name", subject: "IT admin", values: sealedPeople, phrasings: ["{v} is our IT admin and can approve changes.", "Changes need a yes from {v}, who runs IT."] },
  ],
  coding: [
    { category: "number", subject: "Python version", correctable: true, values: ["3.11", "3.12", "3.9", "3.13"], phrasings: ["The data jobs run on Python {v}.", "Our interpreter is pinned to Python {v}."], corrections: ["The interpreter got upgraded over the weekend, {v} now.", "We can't use {old} yet, it turns out.{turn}The scheduler only supports {v}."] },
    { category: "decision", subject: "message broker", correctable: true, values: ["RabbitMQ", "NATS", "Kafka", "Pulsar"], phrasings: ["Events go through {v}.", "We picked {v} for the event bus."], corrections: ["Ops vetoed {old}. It's {v} for the events.", "{v} won the architecture review, so the queue will be that."] },
    { category: "constraint", subject: "maximum payload size", correctable: true, values: ["two megabytes", "512 KB", "five megabytes", "1 MB"], phrasings: ["Request bodies are capped at {v}.", "The gateway rejects anything over {v}."], corrections: ["The gateway limit is lower than I thought: {v}.", "They raised the body limit to {v} after the upload complaints."] },
    { category: "name", subject: "tech lead", correctable: true, values: sealedPeople, phrasings: ["{v} is our tech lead.", "Design questions go to {v}, the lead on this."], corrections: ["{v} is tech lead from Monday; {old} is going on parental leave.", "There was a leadership shuffle today.{turn}{v} leads the team now."] },
    { category: "date", subject: "penetration test", correctable: true, values: ["the week of 9 June", "early September", "2 October", "the 14th"], phrasings: ["The external pentest is booked for {v}.", "Security testers come in {v}."], corrections: ["The auditors moved it to {v}.", "The pentest slipped, the testers are overbooked.{turn}They can only do {v}."] },
    { category: "number", subject: "replica count", correctable: true, values: ["three replicas", "5 replicas", "seven replicas", "2 replicas"], phrasings: ["The API deployment has {v}.", "We scale the service to {v} in production."], corrections: ["After the incident we went to {v}."] },
    { category: "preference", subject: "commit message style", values: ["Conventional Commits", "gitmoji", "imperative one-liners", "ticket-prefixed messages"], phrasings: ["We write commits as {v}.", "Please stick to {v} in this repo."] },
    { category: "name", subject: "cloud region", values: ["eu-central-1", "us-east-2", "ap-southeast-1", "eu-west-3"], phrasings: ["Everything is deployed in {v}.", "Our primary region is {v}."] },
    { category: "constraint", subject: "licence rule", values: ["no GPL dependencies", "MIT or Apache only", "no AGPL code", "nothing without a licence file"], phrasings: ["Legal says {v}.", "Dependency policy: {v}."] },
    { category: "number", subject: "error budget", values: ["0.1%", "0.5%", "0.25%", "0.05%"], phrasings: ["The monthly error budget is {v}.", "We're allowed {v} failed requests per month."] },
  ],
  travel: [
    { category: "date", subject: "check-in date", correctable: true, values: ["Friday the 4th", "the 19th of August", "2027-07-02", "Sunday 28 June"], phrasings: ["We check in {v}.", "The apartment is ours from {v}."], corrections: ["The host wrote: arrival is {v} now, they had a double booking.", "Bad news, the airline changed our flights.{turn}So we arrive {v}, not {old}."] },
    { category: "number", subject: "number of rooms", correctable: true, values: ["two rooms", "three rooms", "four rooms", "a family suite"], phrasings: ["We need {v} at the hotel.", "Please book {v} for us."], corrections: ["My brother's family is joining after all, so {v}."] },
    { category: "name", subject: "ferry operator", correctable: true, values: ["Brittany Ferries", "Stena Line", "Moby Lines", "Tallink"], phrasings: ["The crossing is with {v}.", "We booked the ferry through {v}."], corrections: ["{v} had the cheaper cabin, so that's who we're sailing with.", "The boat company cancelled our sailing.{turn}{v} instead, same day."] },
    { category: "constraint", subject: "latest arrival time", correctable: true, values: ["half past nine", "22:40", "eleven at night", "21:15"], phrasings: ["Reception closes, so we must be there by {v}.", "We can't arrive later than {v}."], corrections: ["The key box means we can turn up as late as {v}."] },
    { category: "decision", subject: "rental car", correctable: true, values: ["a Škoda Octavia estate", "a Fiat 500", "a VW Touran", "a Toyota RAV4"], phrasings: ["We reserved {v} at the airport.", "The car is {v}."], corrections: ["With all the luggage we upgraded to {v}.", "We swapped the car for {v}, {old} was too small."] },
    { category: "preference", subject: "dietary preference", values: ["vegetarian", "halal", "pescatarian", "kosher"], phrasings: ["We eat {v}, so restaurant tips should fit that.", "All four of us are {v}."] },
    { category: "number", subject: "booking reference", values: ["QX7-LMB", "ZR4PT9", "HK-22-09-B", "W8N3YD"], phrasings: ["The booking reference is {v}.", "They gave us reference {v}."] },
    { category: "name", subject: "tour guide", values: sealedPeople, phrasings: ["Our guide for the walking tour is {v}.", "{v} is the guide the agency assigned."] },
    { category: "constraint", subject: "visa situation", values: ["visa on arrival", "an e-visa in advance", "no visa at all", "a transit visa"], phrasings: ["For us it's {v}, I checked the embassy site.", "The rules say {v} for our passports."] },
    { category: "number", subject: "frequent flyer number", values: ["FF 8812 4470", "MM-339 201 7", "BA 6650 2219", "KF 77 40 128"], phrasings: ["Add my frequent flyer number, {v}.", "Miles should go to {v}."] },
  ],
  jobsearch: [
    { category: "name", subject: "recruiter", correctable: true, values: sealedPeople, phrasings: ["My recruiter at the agency is {v}.", "{v} is the recruiter who found me this role."], corrections: ["{v} is handling my application now, {old} left the agency.", "The agency switched who looks after me.{turn}It's {v} from now on."] },
    { category: "number", subject: "salary offer", correctable: true, values: ["€68,000", "seventy-two thousand euros", "€81,500", "ninety thousand euros"], phrasings: ["The written offer says {v} a year.", "They offered {v} base."], corrections: ["They came back higher: {v}.", "Negotiation went well on the money!{turn}It's {v} now, not {old}.", "HR sent the revised letter. {v}, plus the bonus."] },
    { category: "date", subject: "final interview", correctable: true, values: ["Thursday 6 March", "the 11th at 2pm", "next Monday at noon", "2027-03-19"], phrasings: ["The final round is {v}.", "I meet the panel {v}."], corrections: ["They moved it to {v}.", "The panel had to reschedule, someone's off sick.{turn}It's {v} now."] },
    { category: "constraint", subject: "notice period", correctable: true, values: ["one month", "six weeks", "three months", "eight weeks"], phrasings: ["I have to give {v} notice at my current job.", "My contract says {v} notice."], corrections: ["HR checked my contract: {v}, not {old}.", "Turns out I owe them {v}."] },
    { category: "decision", subject: "preferred employer", correctable: true, values: ["Quillstone", "Norrvik Energy", "Bellweather Health", "Tidewell"], phrasings: ["If both offers come through, I'd take {v}.", "{v} is my first choice."], corrections: ["{v} is the one now. {old} went quiet on me.", "I've changed my mind about where I want to go.{turn}{v}. Their team felt right."] },
    { category: "preference", subject: "work arrangement", values: ["fully remote", "two office days a week", "hybrid with Tuesdays in", "on-site"], phrasings: ["I want something {v}.", "Ideally the job is {v}."] },
    { category: "number", subject: "application ID", values: ["REQ-40917", "JR-2231-B", "APP-77814", "R0098123"], phrasings: ["My application ID is {v}.", "The portal shows my application as {v}."] },
    { category: "name", subject: "hiring manager", values: sealedPeople, phrasings: ["The hiring manager is {v}.", "I'd report to {v} directly."] },
    { category: "constraint", subject: "relocation limit", values: ["no relocation", "relocation within Bavaria only", "a move to Lisbon at most", "relocation only if they pay"], phrasings: ["For me it's {v}.", "Tell recruiters {v}, please."] },
    { category: "date", subject: "earliest start", values: ["1 September", "the first week of May", "after Easter", "mid-October"], phrasings: ["I could start {v} at the earliest.", "My earliest start would be {v}."] },
  ],
} as const satisfies Record<string, readonly SealedSlot[]>;

export type SealedKind = keyof typeof sealedKindSlots;
