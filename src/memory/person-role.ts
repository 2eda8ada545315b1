import { classOf } from "./subject-classes.ts";
import { months, weekdays } from "./ledger-values.ts";

/**
 * Whether a capitalised word stands for a person, read from its place in the sentence, and the role the
 * sentence gives them: a slot's name value is a person's when it does.
 */

/** Function words, common verbs and adverbs, and correction cues: none of them says what a fact is about. */
export const slotStopwords = new Set(
  "the a an and or but so to of in on at for with from by is are was were be been being am it its it's this that these those i i'm i've i'd i'll my me we we're we've we'll our us you you're your he she they them their his her as if then than there here not no yes do does did done have has had having will would can could should shall may might must just also please actually now that's correction sorry instead meant rather any more anymore changed change mind scratch update updated wrong earlier mistake got get gets made make moved small should said say tell told think know let let's go goes going went come comes coming take takes taking put keep use used using need needs want wants like really right still only very much many some all each every about around roughly currently anything something everything nothing one two way thing things bit lot by-the-way okay ok well sure thanks after before over under into onto within without through until since during most least everything prefer prefers preferred like likes love hate want wants wish new old current latest info information hold wait bad correct corrected correcting myself misspoke misremembered mistaken ignore revise oops fyi fix swap replace scrap cancel forget".split(" "),
);
export const monthOrDay = new RegExp(`^(?:${months}|${weekdays})$`, "i");

const determiners = new Set("my our your the a an his her their us me him them".split(" "));

/**
 * A capital at a sentence's start that acts as a person or a firm does ("Benedikt looks after our account",
 * "Perpetua manages my diary", "Henrietta is my emergency contact", "Gudrun from your team"): a name, not a
 * common noun ("Licence count is 52", "Shore trips cost us", "Parking costs 12 euros" stay subject words).
 * Read from the words after it: a verb in the third person then a determiner (perhaps after a preposition), or
 * "is"/"was" then a possessive.
 */
export function actsAsPerson(words: readonly string[], index: number): boolean {
  // "Leopold, my brother, can …": an appositive.
  if (/[,.!?:;]$/.test(words[index] ?? "")) return /,$/.test(words[index] ?? "") && /^(?:my|our|your)$/i.test(words[index + 1] ?? "");
  const next = (words[index + 1] ?? "").toLowerCase();
  const [after, third] = [(words[index + 2] ?? "").toLowerCase().replace(/[^\p{L}']/gu, ""), (words[index + 3] ?? "").toLowerCase()];
  // "Ferdinand is reviewing the PR": a person doing something to a thing.
  if (/^(?:is|was|will be)$/.test(next)) return /^(?:my|our|your|his|her|their)$/.test(after) || (/^[a-z]{3,}ing$/.test(after) && determiners.has(third));
  if (next === "from") return /^(?:my|our|your)$/.test(after);
  // A verb in the third person ("leads", "manages"; not "trips", a noun before "cost"), perhaps a phrasal verb's particle then its object ("Yolanda signs off anything").
  return /^[a-z]{2,}[^s']s$/.test(next) && !slotStopwords.has(next) && (determiners.has(after) || (/^(?:off|out|up)$/.test(after) && /^(?:anything|everything|all|any|every|the|our|my|your|their)$/.test(third)) || (/^(?:after|for|with|to|on|over|through|into)$/.test(after) && determiners.has(third)));
}

/**
 * The role of a one-word name that stands for a person by its place in the sentence, or undefined: acting as
 * one ("Ottilie runs payroll"), after a possessive role ("my sister Oonagh": ["sister"]), after "is" in "our
 * tech lead is Tamsin" (["tech", "lead"]), before ", my manager", or spoken to ("I spoke to Lysander").
 * "Tests go in Jasmine" is no person. The role's words are subject classes.
 */
export function personRole(words: readonly string[], start: number): string[] | undefined {
  const at = (index: number) => (words[index] ?? "").toLowerCase().replace(/[^\p{L}']/gu, "");
  const possessive = /^(?:my|our|your)$/;
  const roleOf = (from: number, to: number) => words.slice(from, to).map((_, offset) => at(from + offset)).filter((word) => word.length > 2 && !slotStopwords.has(word)).map(classOf);
  if (actsAsPerson(words, start)) return [];
  if (possessive.test(at(start - 2)) && at(start - 1).length > 2 && !slotStopwords.has(at(start - 1))) return roleOf(start - 1, start);
  if (/^(?:is|was)$/.test(at(start - 1))) {
    const back = [2, 3, 4, 5].find((distance) => possessive.test(at(start - distance)));
    if (back !== undefined) return roleOf(start - back + 1, start - 1);
  }
  if (/,$/.test(words[start] ?? "") && possessive.test(at(start + 1))) return roleOf(start + 2, start + 4);
  return /^(?:to|with)$/.test(at(start - 1)) && /^(?:spoke|talked|spoken|speak|talk|up)$/.test(at(start - 2)) ? [] : undefined;
}
