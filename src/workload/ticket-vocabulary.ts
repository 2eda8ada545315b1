import type { TicketExtraction } from "./schema.ts";

type Category = TicketExtraction["category"];
type Priority = TicketExtraction["priority"];
type Sentiment = TicketExtraction["sentiment"];
type Action = TicketExtraction["action"];

/**
 * One kind of ticket: its category, the action support takes, and sentence templates. Placeholders
 * `{product}`, `{order}`, `{location}`, `{amount}`, `{org}` are filled by the generator, which derives the
 * gold entities and amount from what it filled in, so labels are right by construction.
 */
export interface TicketScenario {
  category: Category;
  action: Action;
  /** Set when the scenario itself carries the tone (praise is positive whatever the closing says). */
  sentiment?: Sentiment;
  templates: readonly string[];
}

export const scenarios: readonly TicketScenario[] = [
  { category: "billing", action: "refund", templates: [
    "I was charged twice for order {order}; my card statement shows two payments of {amount}.",
    "Your system billed me {amount} two times for {product}. The order number is {order}.",
    "There's a duplicate charge of {amount} on our company card for {product}.",
  ] },
  { category: "billing", action: "refund", templates: [
    "The invoice for {product} says {amount}, but the price on your website was lower when I ordered.",
    "We were invoiced {amount} for {product} even though {org} is on the discounted plan.",
  ] },
  { category: "billing", action: "reply", templates: [
    "Can you send me a copy of the invoice for order {order}? Our accounts team at {org} needs it.",
    "How do I change the billing address on the {product} subscription for {org}?",
    "Which payment methods do you accept for renewing {product}?",
  ] },
  { category: "billing", action: "refund", templates: [
    "I cancelled my {product} subscription last month but was still billed {amount} this week.",
    "After cancelling {product} I got charged {amount} again. Please reverse it.",
  ] },
  { category: "technical", action: "investigate", templates: [
    "{product} crashes every time I open the settings page.",
    "Since the last update, {product} freezes after a few minutes of use.",
    "The {product} app closes itself whenever I try to upload a file.",
  ] },
  { category: "technical", action: "investigate", templates: [
    "Our office in {location} can't connect to {product} at all since this morning.",
    "Nobody at the {location} site can log in to {product}; other offices seem fine.",
  ] },
  { category: "technical", action: "reply", templates: [
    "How do I export my data from {product} to a spreadsheet?",
    "Is there a way to set up single sign-on for {product} at {org}?",
    "What's the recommended way to back up {product} before upgrading?",
  ] },
  { category: "technical", action: "investigate", templates: [
    "I keep getting error 0x80070005 when {product} tries to sync.",
    "{product} shows 'connection reset' every time we sync from {location}.",
  ] },
  { category: "account", action: "reply", templates: [
    "I'm locked out of my account after resetting my password twice.",
    "The password reset email never arrives, so I can't get into my account.",
  ] },
  { category: "account", action: "reply", templates: [
    "Please change the email address on my account; I've moved to {org}.",
    "How can I add two colleagues from {org} to our team account?",
  ] },
  { category: "account", action: "close", templates: [
    "Please delete my account and all the data attached to it.",
    "I'd like to close my {product} account for good.",
  ] },
  { category: "account", action: "escalate", templates: [
    "I got an alert about a login from {location} that wasn't me.",
    "Someone in {location} signed in to my account and changed my recovery phone number.",
  ] },
  { category: "shipping", action: "investigate", templates: [
    "Order {order} was supposed to arrive in {location} last Tuesday and it still hasn't shown up.",
    "My package for order {order} has been stuck in {location} for a week.",
  ] },
  { category: "shipping", action: "refund", templates: [
    "The {product} in order {order} arrived damaged. I paid {amount} for it.",
    "Order {order} came with a cracked {product}; that's {amount} wasted.",
  ] },
  { category: "shipping", action: "reply", templates: [
    "Can I change the delivery address for order {order} to our office in {location}?",
    "Do you ship {product} to {location}, and how long does it take?",
  ] },
  { category: "shipping", action: "investigate", templates: [
    "Tracking says order {order} was delivered, but nothing arrived at my door.",
    "The courier marked order {order} as delivered in {location}, but we never got it.",
  ] },
  { category: "feedback", action: "close", sentiment: "positive", templates: [
    "Just wanted to say {product} has made our team at {org} so much faster.",
    "Big thanks to whoever designed the new {product} dashboard, it's brilliant.",
  ] },
  { category: "feedback", action: "reply", sentiment: "neutral", templates: [
    "It would be useful if {product} supported a dark mode.",
    "Suggestion: let {product} schedule reports for a specific time zone.",
  ] },
  { category: "feedback", action: "reply", sentiment: "negative", templates: [
    "The new {product} interface is confusing and slower than before.",
    "Since the redesign, {product} takes three clicks for what used to take one.",
  ] },
  { category: "other", action: "reply", templates: [
    "I'm with {org} and we'd like to discuss a reseller partnership in {location}.",
    "Are you hiring support engineers in {location}?",
    "I'm writing an article for {org} and would love a quote about {product}.",
  ] },
  { category: "other", action: "close", templates: [
    "Please remove me from your mailing list.",
    "Sorry, I sent this message to the wrong company.",
  ] },
];

export const openers: readonly string[] = [
  "Hi, this is {person}.",
  "Hello support, {person} here from {org}.",
  "My name is {person} and I work at {org}.",
  "Dear team,",
  "Hi there,",
  "Hey, {person} again.",
  "",
];

export const closings: readonly string[] = ["Thanks.", "Regards.", "Thanks in advance.", "Cheers.", "", ""];

export const prioritySentences: Record<Priority, readonly string[]> = {
  low: ["No rush on this.", "Whenever you get a chance is fine.", "This isn't time-sensitive."],
  medium: ["Could someone take a look in the next few days?", "I'd appreciate a reply this week.", "Please look into it when you can."],
  high: ["I need this sorted today if possible.", "This is blocking my work right now.", "Please prioritise this."],
  urgent: ["This is urgent: our whole team is stuck.", "URGENT, please respond immediately.", "We are losing customers every hour this goes on."],
};

export const toneSentences: Record<Sentiment, readonly string[]> = {
  negative: ["Honestly, I'm really frustrated.", "This is unacceptable.", "I'm very disappointed with the service."],
  neutral: ["Please advise.", "Let me know what you need from me.", "Just letting you know."],
  positive: ["Thanks so much, you folks are great!", "I love the product otherwise.", "Appreciate your help as always!"],
};

export const people: readonly string[] = [
  "Maria Lopez", "James Okafor", "Priya Raman", "Tomasz Nowak", "Aiko Tanaka", "Lena Fischer",
  "Daniel Mensah", "Sofia Rossi", "Omar Haddad", "Grace Kim", "Lucas Moreau", "Ingrid Larsen",
  "Rahul Verma", "Chloe Bennett", "Mateo Garcia", "Nadia Petrova", "Ethan Walsh", "Yara Nasser",
  "Hugo Schmidt", "Amara Diallo", "Kenji Sato", "Elena Costa", "Felix Brandt", "Zoe Turner",
];

export const organizations: readonly string[] = [
  "Northwind Traders", "Globex Corporation", "Bluebird Logistics", "Helios Health", "Vertex Legal",
  "Maple Street Bakery", "Orbit Media", "Copperline Energy", "Brightpath Schools", "Redwood Analytics",
  "Kestrel Architects", "Lumen Retail",
];

export const products: readonly string[] = [
  "CloudSync Pro", "Acme Router X2", "PixelNote", "LedgerLite", "StreamBox 4K", "TaskHive",
  "VoltCharge Dock", "SecureVault", "QuickShip Label Printer", "MetricsBoard", "EchoBuds Mini",
  "FormFlow",
];

export const locations: readonly string[] = [
  "Lisbon", "Toronto", "Nairobi", "Melbourne", "Osaka", "Denver", "Rotterdam", "Santiago",
  "Glasgow", "Bangalore", "Vancouver", "Krakow",
];

/** Currencies the tickets quote; the gold amount is the number in the ticket's own currency. */
export const currencySymbols: readonly string[] = ["$", "€", "£"];
