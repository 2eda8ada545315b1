/**
 * The `anvil_check` set's per-kind slots (issue #17, tenth round; the set-wide phrasings and the shared slots are
 * in conversation-facts-anvil.ts). Written before the round's change to the ledger and run only for aggregate
 * figures: what it tests is whether a later statement about the same subject replaces the earlier one whatever
 * words introduce it, so most changes here carry no correction word at all, and many name the subject in other
 * words than the first statement did. A harness: nothing in the request path reads this.
 */
import type { RetentionSlot } from "./retention-slot.ts";

export type AnvilSlot = RetentionSlot;

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const anvilPeople = ["Ottoline", "Barnabas", "Clementine", "Dagobert", "Esmeralda", "Florian", "Griselda", "Horatio", "Ingeborg", "Jolyon", "Kunigunde", "Lazarus", "Mehitabel", "Peregrine"];

const agreed = ["Yes please.", "Lovely, do that.", "Works for us.", "Great, thank you."];

export const anvilKindSlots = {
  nursery: [
    { category: "name", subject: "key worker", correctable: true, values: anvilPeople, phrasings: ["{v} is Poppy's key worker.", "Poppy's key person at nursery is {v}."], corrections: ["Poppy moved up to the toddler room, and her key person there is {v}.", "{v} looks after Poppy day to day now."] },
    { category: "date", subject: "settling-in session", correctable: true, values: ["Monday 6 October", "the 14th", "Thursday morning", "the Tuesday after half-term", "Friday 3 October"], phrasings: ["Poppy's settling-in session is {v}.", "We come in for settling in on {v}."], offers: ["The room has a settling-in space {v}, shall I pencil Poppy in?", "We could do her settling-in session {v}."], confirmations: agreed, recorrections: ["Settling in for Poppy: {v}.", "The room leader prefers {first}, so let's keep that."] },
    { category: "number", subject: "days a week", correctable: true, values: ["three days a week", "two days a week", "four days a week", "5 days a week", "two and a half days a week"], phrasings: ["Poppy will come {v}.", "We're booking {v} for her."], corrections: ["With my new contract Poppy needs {v}.", "Poppy's attendance: {v}."] },
    { category: "constraint", subject: "food Poppy can't have", correctable: true, values: ["eggs", "cow's milk", "tree nuts", "sesame", "kiwi fruit"], phrasings: ["Poppy can't have {v}, she comes out in hives.", "No {v} for Poppy, please."], corrections: ["The allergy clinic retested her, and it's {v} she reacts to."] },
    { category: "decision", subject: "pick-up person on Fridays", correctable: true, values: anvilPeople, phrasings: ["{v} collects Poppy on Fridays.", "On Fridays Poppy goes home with {v}."], corrections: ["Friday collections are {v} from this month."] },
    { category: "number", subject: "nursery fee", correctable: true, values: ["£62 a day", "£1,140 a month", "£58 a day", "£310 a week", "£1,275 a month"], phrasings: ["Our fee comes to {v}.", "We're paying {v} for the place."], corrections: ["Once the funded hours kick in it works out at {v}.", "The invoice for Poppy's place shows {v}."] },
    { category: "number", subject: "funding code", values: ["FC-30219847", "FC-44810263", "FC-51937720", "FC-62048815"], phrasings: ["Our funding code is {v}.", "The thirty-hours code is {v}."], restatements: ["Someone wrote {decoy} on the form, that's not ours; the funding code is {v}."] },
    { category: "preference", subject: "nap routine", values: ["one long nap after lunch", "no nap after 3 pm", "a short nap in the buggy", "a nap with her blanket"], phrasings: ["At home she has {v}.", "Please stick to {v} for her."] },
  ],
  coding: [
    { category: "decision", subject: "database", correctable: true, values: ["PostgreSQL 16", "MySQL 8", "CockroachDB", "SQLite", "MariaDB 11"], phrasings: ["The service stores everything in {v}.", "Our data lives in {v}."], offers: ["For that write volume I'd go with {v}.", "{v} would suit the schema; shall I draft the config?"], confirmations: agreed, recorrections: ["Persistence layer decision: {v}.", "Ops reminded us the licence covers {first}, so {first}."] },
    { category: "number", subject: "request timeout", correctable: true, values: ["30 seconds", "1,500 ms", "five seconds", "2 minutes", "750 ms"], phrasings: ["Requests time out after {v}.", "The client gives up after {v}."], corrections: ["Upstream calls get {v} before we abort them.", "The timeout we settled on in review: {v}."] },
    { category: "name", subject: "reviewer", correctable: true, values: anvilPeople, phrasings: ["{v} reviews my pull requests.", "Send the PRs to {v}."], corrections: ["Code review on this repo goes to {v}.", "{v} is approving the merges from Monday."] },
    { category: "date", subject: "release", correctable: true, values: ["Tuesday 18 November", "the 27th", "the Monday after the freeze", "next Thursday", "Wednesday 3 December"], phrasings: ["We ship the release on {v}.", "The release goes out {v}."], corrections: ["Shipping {v}, as agreed in the stand-up.", "Release day is {v}."] },
    { category: "constraint", subject: "Node version", correctable: true, values: ["Node 20", "Node 18", "Node 22", "Node 16"], phrasings: ["It has to run on {v}.", "Production is pinned to {v}."], corrections: ["The platform image we deploy on ships {v}.", "Our runtime target is {v}."] },
    { category: "preference", subject: "test framework", correctable: true, values: ["Vitest", "Jest", "Mocha", "AVA", "node:test"], phrasings: ["I'd like the tests in {v}.", "We write our tests with {v}."], corrections: ["The team voted for {v} for the test suite.", "Unit tests: {v}."] },
    { category: "number", subject: "ticket number", values: ["JIRA-48812", "JIRA-50377", "JIRA-61294", "JIRA-73305"], phrasings: ["This is tracked as {v}.", "The ticket is {v}."], restatements: ["Someone linked {decoy}, which is a different bug; this is {v}."] },
    { category: "decision", subject: "cloud region", values: ["eu-west-2", "us-east-1", "ap-southeast-1", "eu-central-1"], phrasings: ["We deploy to {v}.", "Everything runs in {v}."] },
  ],
  travel: [
    { category: "decision", subject: "hotel in Lisbon", correctable: true, values: ["Hotel Avenida Palace", "Casa do Largo", "Memmo Alfama", "Lumiares Hotel", "Bairro Alto Hotel"], phrasings: ["In Lisbon we're staying at {v}.", "We booked {v} for Lisbon."], offers: ["For Lisbon I'd suggest {v}.", "{v} has a family room left; shall I hold it?"], confirmations: agreed, recorrections: ["Lisbon accommodation: {v}.", "We went back to {first} in the end."] },
    { category: "date", subject: "flight home", correctable: true, values: ["Sunday 12 April", "the 19th", "Easter Monday", "the Saturday after the wedding", "Friday 17 April"], phrasings: ["We fly home {v}.", "Our flight back is {v}."], corrections: ["The return leg is {v}.", "We're heading back {v}."] },
    { category: "number", subject: "travellers", correctable: true, values: ["four of us", "six people", "three adults and a toddler", "5 travellers", "two couples"], phrasings: ["We'll be {v}.", "The group is {v}."], corrections: ["Headcount for the trip: {v}.", "My in-laws are coming, so we're {v}."] },
    { category: "name", subject: "tour guide in Porto", correctable: true, values: anvilPeople, phrasings: ["Our guide in Porto is {v}.", "{v} is showing us round Porto."], corrections: ["The Porto walking tour will be led by {v}.", "In Porto it's {v} who takes us round."] },
    { category: "constraint", subject: "daily spending limit", correctable: true, values: ["€150 a day", "€200 a day", "€120 a day", "€250 a day", "€90 a day"], phrasings: ["We want to stay under {v}.", "Our spending cap is {v}."], corrections: ["We can't go beyond {v}, what with the new car.", "Per day, {v} at most."] },
    { category: "preference", subject: "seat preference", correctable: true, values: ["aisle seats", "seats over the wing", "a row near the front", "window seats"], phrasings: ["We like {v} on planes.", "Please get us {v} when you book."], corrections: ["On the flights we'd rather have {v}.", "The kids want {v}."] },
    { category: "number", subject: "booking reference", values: ["TAP-7QX92M", "TAP-4LK18R", "TAP-9WD33N", "TAP-2HF57P"], phrasings: ["The booking reference is {v}.", "We're booked under {v}."], restatements: ["The email mentions {decoy}, that's my brother's; ours is {v}."] },
    { category: "decision", subject: "car hire company", values: ["Europcar", "Sixt", "Hertz", "Guerin"], phrasings: ["We're renting from {v}.", "The hire car is with {v}."] },
  ],
} as const satisfies Record<string, readonly AnvilSlot[]>;

export type AnvilKind = keyof typeof anvilKindSlots;
