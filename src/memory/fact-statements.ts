/**
 * Which sentences of a user are facts about them, and which fact a sentence updates. Plain-text rules, no
 * model: a statement (not a question, request or pleasantry) that speaks of the user in the first person,
 * or carries a strong signal (see signals.ts), and says something (a content word beyond the pronouns).
 */

const FIRST_PERSON = /\b(?:i|i'm|i’m|im|i've|i’ve|i'd|i’d|i'll|i’ll|my|mine|me|myself|we|we're|we've|our|ours|us)\b/i;
const QUESTION = /\?["')\]]*$|^(?:can|could|would|will|should|shall|do|does|did|is|are|was|were|am|what|what's|when|where|which|who|whom|whose|why|how|any idea|is there)\b/i;
const REQUEST = /^(?:please|pls|kindly|help|tell|show|explain|give|list|describe|summari[sz]e|write|draft|let me know|can you|could you|would you)\b/i;
const PLEASANTRY = /^(?:hi|hello|hey|thanks|thank you|thx|ok|okay|sure|great|cool|nice|perfect|got it|i see|i understand|i think so|i guess|i agree|yes|no|yep|nope|sounds good|no problem|bye|good morning|good evening|that helps|that's helpful|makes sense)\b[\s\w,]{0,24}[.!]*$/i;
/** About the conversation, not the user: "I have a question", "I'd like to ask". */
const META = /\b(?:i have (?:a|another|one more) question|i need (?:some )?help|i(?:'m| am) (?:wondering|curious|asking)|i(?:'d| would) like to (?:ask|know)|i was wondering|let me (?:ask|check|think)|i don't know|i(?:'m| am) not sure)\b/i;

/**
 * Whether a sentence of the user's states something about them worth keeping across threads. A request
 * that carries a strong signal ("Please always answer in French.") is a standing instruction, and kept.
 */
export function isUserStatement(sentence: string, strongSignal: boolean): boolean {
  const text = sentence.trim();
  if (text.length < 8 || text.length > 400) return false;
  if (QUESTION.test(text) || (!strongSignal && REQUEST.test(text)) || PLEASANTRY.test(text) || META.test(text)) return false;
  if (text.split(/\s+/).length < 3) return false;
  return FIRST_PERSON.test(text) || strongSignal;
}

const FILLER = new Set(["new", "current", "old", "actual", "updated", "present", "latest", "usual", "main", "only", "own"]);

/** Single-valued things a user states about themselves: a later statement replaces an earlier one. */
const VERB_SLOTS: Array<[string, RegExp]> = [
  ["name", /\b(?:my name is|call me|i(?:'m| am) called)\b/i],
  ["home", /\bi(?:'ve| have)? ?(?:just |recently |now |also |finally )?(?:live|living|moved|relocated|reside)\b|\bi(?:'m| am) (?:now |currently )?(?:based|living|located) in\b/i],
  ["employer", /\bi (?:now |currently |also )?work (?:at|for)\b|\bi(?:'m| am) (?:now |currently )?(?:working|employed) (?:at|for)\b|\bi (?:just |recently )?joined\b/i],
  ["age", /\bi(?:'m| am) \d{1,3}(?: years old|\b)/i],
];

/**
 * Words a question about a slot uses though the statement may not ("Where do I live?" of "I moved to
 * Porto"): indexed with the fact, so recall finds it by either.
 */
const SLOT_TERMS: Record<string, string> = {
  name: "name called",
  home: "home live living lives moved based city town address",
  employer: "employer work works job company",
  age: "age old years",
};

/** The extra words a slot's fact is found by (see SLOT_TERMS); none for "my …" slots, whose words are in the text. */
export function slotTerms(slot: string | undefined): string {
  return slot === undefined ? "" : (SLOT_TERMS[slot] ?? "");
}

/**
 * The single-valued thing a statement sets, when it sets one: "my <noun phrase> is …" gives the noun phrase
 * ("My daughter is called Ilse." → "my daughter"), and living, working, name and age statements a fixed
 * slot. A later statement of the same slot supersedes the earlier (see fact-history.ts). Statements of
 * preference have no slot: "I prefer tea" and "I prefer dark mode" are both true.
 *
 * @example
 * slotOf("I moved to Porto last spring") // "home"
 * slotOf("My new monthly budget is €3,500.") // "my budget"
 */
export function slotOf(sentence: string): string | undefined {
  for (const [slot, pattern] of VERB_SLOTS) if (pattern.test(sentence)) return slot;
  const match = /\bmy ((?:[\p{L}'’-]+ ){0,2}?[\p{L}'’-]+?)(?:['’]s)? (?:is|are|was|were|will be|has been|have been|became|changed to|moved to|now is|is now|is called|is named)\b|\bmy ([\p{L}-]+(?: [\p{L}-]+)?) ?[:=]/iu.exec(sentence);
  const phrase = match?.[1] ?? match?.[2];
  if (phrase === undefined) return undefined;
  // A possessive chain names the thing ("my daughter's name"); otherwise the head noun, the phrase's last
  // word, does ("my monthly budget" and "my budget" are one slot).
  const possessive = /['’]s\b/.test(phrase);
  const words = phrase.toLowerCase().replace(/['’]s\b/g, "").split(/\s+/).filter((word) => word !== "" && !FILLER.has(word));
  if (words.length === 0) return undefined;
  return `my ${possessive ? words.join(" ") : words.at(-1)}`;
}
