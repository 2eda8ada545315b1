/**
 * The `lantern` set's per-kind slots (issue #17, eighth round; the set-wide phrasings and the shared slots are in
 * conversation-facts-lantern.ts). Written blind: without reading the memory code, its docs, its tests or any
 * figure, so nothing here is shaped to what the extraction handles. New against the earlier sets: offers the user
 * turns down in the very next turn for a value of their own (`counters`), values dropped with nothing in their
 * place (`retirements`, `none`), and a countered offer later taken after all ("your first suggestion works").
 * A harness: nothing in the request path reads this.
 */
import type { FactCategory } from "./fact-category.ts";

export interface LanternSlot {
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
  /** The value is first said by the assistant (`{v}`), at the end of its turn; the user's next turn answers it. */
  offers?: readonly string[];
  /** How the user accepts an offer: never the value itself. */
  confirmations?: readonly string[];
  /** How the user turns an offer down in the next turn: `{old}` the offer, `{v}` what they want instead. */
  counters?: readonly string[];
  /** What the user says when the value is dropped with nothing in its place: the answer from then on. */
  none?: string;
  /** Dropping the value: `{old}` the value dropped, `{none}` the words above. */
  retirements?: readonly string[];
}

/** One pool for every name slot of a conversation (a value is used once per conversation). */
export const lanternPeople = ["Ottoline", "Caspian", "Thandiwe", "Lorcan", "Valentina", "Ezekiel", "Henrietta", "Florian", "Ingrid", "Matthias", "Seraphina", "Bartholomew", "Nkechi", "Percival"];

const yes = ["Yes, that suits us.", "Lovely, book that.", "Fine, go ahead.", "That works, thank you."];

export const lanternKindSlots = {
  clinic: [
    { category: "date", subject: "first appointment", correctable: true, values: ["Tuesday at 9:40", "Thursday at 14:15", "Monday at 11:05", "Friday at 16:30", "Wednesday at 8:20"], phrasings: ["My first appointment is {v}.", "I'm booked in for {v}."], offers: ["The first slot I have with the hygienist is {v}, shall I book it?", "I can offer you {v}; would that work?"], confirmations: ["Book it, please.", ...yes], counters: ["{old} is no good, I'm at work then. Have you got {v}?", "Could we make it {v} instead? {old} clashes with the school run."], recorrections: ["The practice rang to move me again: {v} now, not {old}.", "Actually your first suggestion works after all, {first}."] },
    { category: "name", subject: "dentist", correctable: true, values: lanternPeople, phrasings: ["I'm seeing {v} for the treatment."], offers: ["You'll be with {v}, who has the most availability.", "I've put you with {v} for the course of treatment."], confirmations: ["Okay, thank you.", "Fine."], counters: ["I'd rather not see {old} again, could I have {v}?"], corrections: ["The one who did my filling last time has left the practice.{turn}So I'll be seeing {v} from now on."] },
    { category: "number", subject: "patient number", values: ["P-204417", "P-318862", "P-559013", "P-427730"], phrasings: ["My patient number is {v}.", "You'll find me under {v}."], restatements: ["The form had {decoy} on it, that's my son; my patient number is {v}.", "Patient number unchanged, {v}."] },
    { category: "constraint", subject: "medication allergy", correctable: true, values: ["penicillin", "latex", "ibuprofen", "codeine", "chlorhexidine"], phrasings: ["I'm allergic to {v}, please put it on my notes.", "No {v}, I react badly to it."], corrections: ["The allergy clinic retested me and it isn't what I told you: it's {v} I react to."], restatements: ["Still allergic to {v}, nothing new on that front."] },
    { category: "decision", subject: "treatment chosen", correctable: true, values: ["a porcelain crown", "a composite filling", "a root canal and crown", "an implant", "an extraction"], phrasings: ["We agreed on {v} for the back tooth.", "I'll go ahead with {v}."], corrections: ["After the second opinion it's {v} for that molar, not {old}."], none: "no treatment for now", retirements: ["I'm not having {old} after all, or anything else for the moment: {none}.", "Cancel the plan for that tooth. {none}, I'll keep an eye on it."] },
    { category: "decision", subject: "payment plan", values: ["six monthly payments", "pay in full on the day", "twelve monthly payments", "the practice membership plan", "half now and half at the fit"], phrasings: ["I'll pay with {v}.", "Payment-wise, {v}."], offers: ["Most patients spread it over {v}; would that suit you?", "We could do {v}, if that helps."], confirmations: ["Yes, that's manageable.", ...yes], counters: ["{old} is too long for me, I'd rather do {v}.", "Could I do {v} rather than {old}?"] },
    { category: "constraint", subject: "interpreter", values: ["a Polish interpreter", "a BSL interpreter", "a Tigrinya interpreter", "a Cantonese interpreter"], phrasings: ["My mother will need {v} at every visit.", "Please book {v} for Mum's appointments."], none: "no interpreter needed", retirements: ["My brother will come with Mum and translate, so cancel {old}; {none}.", "Mum's English is fine for this now. {none}."] },
    { category: "date", subject: "follow-up", correctable: true, values: ["two weeks after the crown goes in", "the day after the extraction", "six weeks after the first visit", "the Monday after half-term", "a month after the scan"], phrasings: ["The follow-up is {v}.", "I'll come back for a check {v}."], corrections: ["The hygienist said that's too soon.{turn}Make the follow-up {v}."], recorrections: ["Moved once more, sorry: the follow-up is {v}, not {old}.", "Scrap that last change, {first} was right."] },
  ],
  support: [
    { category: "decision", subject: "router", correctable: true, values: ["the Orbi RBR750", "the Fritz!Box 7590", "a Ubiquiti Dream Machine", "the TP-Link Deco X60", "a DrayTek Vigor 2865"], phrasings: ["We're putting in {v}.", "The guesthouse gets {v}."], offers: ["For a house that size I'd fit {v}.", "{v} would cover all three floors, shall I order it?"], confirmations: ["Order it, please.", ...yes], counters: ["We had {old} at the last place and hated it; can we have {v}?", "Not {old}, the owner wants {v}."], recorrections: ["Your engineer says the walls are too thick for that one: {v} instead of {old}.", "Fine, we'll go with your first recommendation, {first}."] },
    { category: "number", subject: "number of guest rooms", correctable: true, values: ["eleven rooms", "14 rooms", "nine rooms", "twenty rooms", "16 rooms"], phrasings: ["We let {v}.", "The guesthouse has {v}."], corrections: ["We knocked two of the small ones together over the winter, so it's {v} now.", "The annexe opens in spring: count {v}."] },
    { category: "name", subject: "support engineer", values: lanternPeople, phrasings: ["{v} looks after our install."], offers: ["{v} will be your engineer for the install.", "I've assigned {v} to your site."], confirmations: ["Great, thanks.", "Good to know."] },
    { category: "date", subject: "go-live", correctable: true, values: ["the Monday after the wedding season", "the 3rd", "the day after we close for winter", "Sunday 6 April", "a week after the cabling"], phrasings: ["We go live {v}.", "The new system goes live {v}."], corrections: ["Our electrician can't finish in time.{turn}Can we say {v} for going live?"], recorrections: ["Pushed back once more: {v}, not {old}.", "The electrician found a gap in his diary, so {first} again."] },
    { category: "constraint", subject: "download speed we need", correctable: true, values: ["300 megabits", "500 Mbps", "one gigabit", "150 Mbps", "two hundred megabits"], phrasings: ["We need at least {v} down.", "Anything under {v} and the guests complain."], corrections: ["The guests stream far more than we thought, so it has to be {v}."], restatements: ["The sales rep wrote {decoy}, but that's the package, not what we need; we need {v}.", "Still {v}, nothing changed there."] },
    { category: "decision", subject: "booking channel besides our own website and Booking.com", correctable: true, values: ["Airbnb", "Expedia", "Hostelworld", "Google Hotels", "Vrbo"], phrasings: ["We sell rooms on our own website, Booking.com and {v}.", "Channels: our website, Booking.com, {v}."], corrections: ["Our website and Booking.com stay, but {old} goes and {v} comes in.", "Keep the two big ones; swap {old} for {v}."], none: "no third channel", retirements: ["Drop {old} and don't replace it: just our website and Booking.com, {none}."] },
    { category: "number", subject: "contract reference", values: ["GW-88412", "GW-30957", "GW-61270", "GW-47733"], phrasings: ["Our contract is {v}.", "The contract reference is {v}."], restatements: ["Your invoice quoted {decoy}; that's the café next door, ours is {v}."] },
    { category: "preference", subject: "guest network name", values: ["Gull Cottage Guest", "Seaview-Free", "Rowan House WiFi", "TheNook-Guests"], phrasings: ["Call the guest network {v}.", "The guest Wi-Fi should show up as {v}."], none: "no guest network", retirements: ["We're switching the guest Wi-Fi off entirely, so forget {old}: {none}, they all have 5G anyway."] },
  ],
  coding: [
    { category: "decision", subject: "database for the new service", correctable: true, values: ["PostgreSQL 16", "CockroachDB", "MySQL 8.4", "DynamoDB", "SQLite with Litestream"], phrasings: ["The new service stores its data in {v}.", "We're using {v} for the new service."], offers: ["For that access pattern I'd use {v}.", "{v} would be my pick here."], confirmations: ["Agreed.", "Makes sense, let's do that."], counters: ["Nobody on the team knows {old}; let's use {v}.", "Ops won't run {old}. {v} instead."], recorrections: ["The benchmark killed that idea: {v} now, not {old}.", "Fine, you were right at the start, {first} it is."] },
    { category: "number", subject: "minimum iOS version", correctable: true, values: ["iOS 16.4", "iOS 17", "iOS 15", "iOS 18.1", "iOS 16"], phrasings: ["We support {v} and up.", "The app needs {v} at least."], corrections: ["Product looked at the install base: we can require {v}.", "Apple's new API forces our hand, the floor is {v}."] },
    { category: "date", subject: "release date", correctable: true, values: ["the Thursday after the code freeze", "the 21st", "two days after the store review", "Monday 3 March", "a week after the beta closes"], phrasings: ["We ship {v}.", "Release is {v}."], corrections: ["Store review is taking forever.{turn}Release moves to {v}."], recorrections: ["And again: {v}, not {old}.", "The review came through early, so we're back to {first}."] },
    { category: "name", subject: "reviewer", values: lanternPeople, phrasings: ["{v} reviews the mobile PRs."], offers: ["From CODEOWNERS, {v} reviews this area.", "I'd ask {v} to review, she wrote the sync layer."], confirmations: ["Yes, good call.", "Right, I'll ping them."] },
    { category: "constraint", subject: "p95 latency target", correctable: true, values: ["180 ms", "two hundred milliseconds", "250 ms", "120 ms", "ninety milliseconds"], phrasings: ["Our p95 has to stay under {v}.", "The SLO says {v} at p95."], corrections: ["The new SLO from product is stricter: {v}."], restatements: ["The dashboard shows {decoy}, but that's p50; the target is {v}.", "Target unchanged: {v}."] },
    { category: "decision", subject: "feature flag tool", values: ["LaunchDarkly", "Unleash", "Flagsmith", "GrowthBook", "ConfigCat"], phrasings: ["Flags live in {v}.", "We toggle features with {v}."], none: "no flag tool", retirements: ["We're ripping out {old} and not replacing it; {none}, just environment variables.", "Finance cancelled {old}. So: {none} for now."] },
    { category: "number", subject: "ticket", values: ["MOB-3381", "MOB-4127", "MOB-2905", "MOB-5562"], phrasings: ["The work is tracked in {v}.", "It's ticket {v}."], restatements: ["The standup notes say {decoy}, but that's the bug; the feature is {v}."] },
    { category: "decision", subject: "analytics SDK besides Crashlytics and Sentry", correctable: true, values: ["Amplitude", "Mixpanel", "PostHog", "Segment", "Heap"], phrasings: ["The app ships Crashlytics, Sentry and {v}.", "SDKs: Crashlytics, Sentry, {v}."], corrections: ["Crashlytics and Sentry stay; {old} is out and {v} is in.", "Legal vetoed {old}, so the third SDK is {v}."] },
  ],
  travel: [
    { category: "decision", subject: "ryokan", correctable: true, values: ["Ryokan Kurashiki", "Hoshinoya Kyoto", "Gora Kadan", "Nishimuraya Honkan", "Yoshida Sanso"], phrasings: ["We're staying at {v}.", "I booked {v} for the two nights."], offers: ["For your dates I'd suggest {v}.", "{v} still has a room with a private bath, shall I hold it?"], confirmations: ["Hold it, please.", ...yes], counters: ["My wife read bad reviews of {old}; could you try {v}?", "{old} is too far from the station, what about {v}?"], recorrections: ["They cancelled on us: {v} now, not {old}.", "Let's take the one you suggested at first after all, {first}."] },
    { category: "date", subject: "day we go up to Hakone", correctable: true, values: ["the day after we land", "two days after the Kyoto leg", "Thursday 9 April", "the 14th", "the morning after the tea ceremony"], phrasings: ["We go up to Hakone {v}.", "Hakone is {v}."], corrections: ["The tea ceremony moved.{turn}So Hakone is {v}."] },
    { category: "number", subject: "rail pass", correctable: true, values: ["a 7-day pass", "a fourteen-day pass", "a 21-day pass", "a five-day regional pass"], phrasings: ["We're buying {v}.", "The plan is {v} each."], corrections: ["We worked it out and point-to-point is cheaper for the end, so {v}."] },
    { category: "name", subject: "guide in Kyoto", correctable: true, values: lanternPeople, phrasings: ["Our guide in Kyoto is {v}."], offers: ["Your guide in Kyoto will be {v}.", "I've booked {v} to take you round Kyoto."], confirmations: ["Lovely, thank you.", "Great."], counters: ["We had {old} last time and the kids were bored; can we have {v}?"] },
    { category: "constraint", subject: "daily spending limit", correctable: true, values: ["¥15,000 a day", "twenty thousand yen a day", "¥12,000 a day", "¥25,000 a day"], phrasings: ["We want to keep it to {v}.", "Our limit is {v}, all in."], corrections: ["The yen dropped, so we can do {v}."], restatements: ["The agent quoted {decoy}, but that's per person; our limit is {v}."] },
    { category: "decision", subject: "city besides Tokyo and Kyoto", correctable: true, values: ["Kanazawa", "Hiroshima", "Nara", "Takayama", "Nikko"], phrasings: ["The route is Tokyo, Kyoto and {v}.", "We'll do Tokyo, {v} and Kyoto."], corrections: ["Tokyo and Kyoto stay; {old} is out, {v} is in."], none: "no third city", retirements: ["We're dropping {old} and not adding anything, just Tokyo and Kyoto: {none}."] },
    { category: "number", subject: "seat reservation number", values: ["JR-7712-0458", "JR-3390-1267", "JR-5021-8843", "JR-6648-2019"], phrasings: ["The seat reservation is {v}.", "Our reserved seats are under {v}."], restatements: ["The email says {decoy}, but that's the return; the outbound is {v}."] },
    { category: "preference", subject: "seat on the Shinkansen", values: ["the Mount Fuji side", "the quiet car", "the front of the green car", "aisle seats by the luggage space"], phrasings: ["We'd like {v} on the Shinkansen.", "On the bullet train, {v} please."] },
  ],
} as const satisfies Record<string, readonly LanternSlot[]>;

export type LanternKind = keyof typeof lanternKindSlots;
