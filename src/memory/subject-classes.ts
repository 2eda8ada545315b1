/**
 * The subject classes of a ledger statement's words: a word's root (its stem cut to five letters), folded by
 * a small hand-made synonym table, plus the aliases that let two phrasings of one subject meet without
 * widening either subject ("the caterer" and "food is by …", "call me back" and "the callback").
 */
import { stem } from "./stem.ts";

/**
 * Words that name one subject, folded to one class. The first classes are generic nouns; the rest a few
 * everyday domains (a home and a move, lodging, food, a diary, messaging and data stores), where people name
 * one thing by its role or by what it does. Hand-made and small on purpose: a wrong fold links two facts.
 */
const synonymClasses: Record<string, string> = {
  count: "number count amount total quantity figure",
  people: "seat seats licence licences license licenses user users people person persons member members headcount traveller travellers traveler travelers participant participants guest guests attendee attendees",
  limit: "limit limits cap capped caps ceiling maximum max",
  money: "budget price cost costs fee fees spend spending",
  booking: "book booked booking reservation reserve reserved",
  trip: "trip holiday vacation journey",
  plan: "plan plans package packages tier tiers bundle tariff tariffs",
  // A time set aside for someone to come or be seen: "the appointment", "the visit", "the call-out".
  appointment: "appointment appointments visit visits callout call-out",
  // Where someone lives or will live.
  home: "address home house flat apartment residence place",
  // A move and who carries it out.
  relocation: "move moving mover movers removal removals relocation relocations relocate van",
  // Where a traveller sleeps.
  lodging: "hotel campsite camping glamping accommodation lodging hostel motel villa pitch base",
  // Food served to a group: "the caterer", "food is by …", "catering budget", "food and drink".
  catering: "caterer caterers catering food drink drinks menu",
  // Who keeps someone's appointments.
  diary: "assistant secretary diary calendar agenda schedule",
  // Arriving somewhere.
  arrival: "arrive arrives arriving arrival land landing",
  // How services pass events to each other.
  messaging: "broker queue queues messaging events event-bus stream streams",
  // Where an application keeps its data.
  datastore: "database databases datastore orm",
  // What a traveller checks in: "bags: 32 kg", "the luggage allowance".
  luggage: "luggage baggage bag bags suitcase suitcases",
  // Getting about with a disability: "access: step-free", "the mobility need".
  access: "access accessibility accessible mobility wheelchair step-free",
  // How old data may be: "freshness SLA", "max staleness", "at most 15 minutes stale".
  freshness: "freshness fresh staleness stale",
  // Who answers out of hours: "on-call", "whoever carries the pager".
  oncall: "on-call oncall pager",
  // A sea voyage.
  cruise: "cruise cruises sailing sail sails ship",
  // Units of one dimension, each class named by its commonest unit: "1 MB" and "two megabytes" or "512 KB" are values of one quantity, as are "6 weeks" and "1 month".
  gb: "kb kilobyte kilobytes mb megabyte megabytes gb gigabyte gigabytes tb terabyte terabytes kib kibibyte kibibytes mib mebibyte mebibytes gib gibibyte gibibytes byte bytes",
  metre: "metre metres meter meters m cm centimetre centimetres centimeter centimeters mm millimetre millimetres millimeter millimeters foot feet ft inch inches yard yards",
  km: "km kms kilometre kilometres kilometer kilometers mile miles",
  month: "minute minutes week weeks month months year years",
};

/** Actions and channels any arrangement may take: they say how, not what a fact is about. */
const weakWords = "book booked booking reserve reserved reservation hire hired pay paid buy bought order ordered send sent call called phone email ask asked work works worked".split(" ");

/** A word's root: its stem cut to five letters, so derivations the suffix rules miss meet ("renews", "renewal"). */
export const root = (word: string) => {
  const lower = word.toLowerCase();
  // A noun made with -tion, -ment, -ity or -ness is its own subject: "production" is not "product", "management" not "manager".
  const derived = /^([a-z]{4,}(?:tion|sion|ment|ity|ness))s?$/.exec(lower)?.[1];
  return derived ?? stem(lower).slice(0, 5);
};

const synonyms = new Map<string, string>();
for (const [name, words] of Object.entries(synonymClasses)) for (const word of words.split(" ")) synonyms.set(root(word), name);

/** The subject class of a word: its root, folded by the synonym table. */
export function classOf(word: string): string {
  const stemmed = root(word);
  return synonyms.get(stemmed) ?? stemmed;
}

/**
 * Classes a statement's content words may also stand for, beside their own: the verb of an agent noun
 * ("owner" owns, "leader" leads, "organiser" organises) and two adjacent words written as one ("call me
 * back" is the callback, "set up" the setup). Kept apart from the subject: they count when the other
 * statement has them, and never widen a subject (the share of words two subjects have in common).
 *
 * @example
 * aliasesOf(["owner"]) // Set { "own" }
 * aliasesOf(["call", "back"]) // Set { "callb" }
 */
export function aliasesOf(contentWords: readonly string[]): Set<string> {
  const aliases = new Set<string>();
  contentWords.forEach((word, index) => {
    const agent = /^([a-z]{3,}?)(?:er|or)s?$/.exec(word)?.[1];
    if (agent !== undefined && word.length >= 5) {
      const verb = classOf(agent);
      if (verb !== classOf(word)) aliases.add(verb);
    }
    const next = contentWords[index + 1];
    // A root is five letters: only a short first word leaves room for the second ("callb", "setup").
    if (next !== undefined && word.length >= 3 && word.length <= 4 && next.length >= 2) aliases.add(classOf(`${word}${next}`));
  });
  return aliases;
}

/**
 * A word's roots without the synonym table: its own, and its verb's when it is an agent noun ("movers": "mover",
 * "mov"). A name's words are matched by these, not by class: "Swift Movers" is a mover and "Hotel Aurora" a
 * hotel, but "Halyard Foods" is no caterer.
 */
export function rootsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const agent = /^([a-z]{3,}?)(?:er|or)s?$/.exec(lower)?.[1];
  return agent !== undefined && lower.length >= 5 ? [root(lower), root(agent)] : [root(lower)];
}

const weakClasses = new Set(weakWords.map(classOf));

/** A class that names an action or a channel ("booked", "call", "phone"): shared, it links no two facts. */
export function isWeakClass(wordClass: string): boolean {
  return weakClasses.has(wordClass);
}
