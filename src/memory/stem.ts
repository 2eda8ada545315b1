/**
 * A light English stemmer for recall's keywords: "moved", "moving" and "move" all become "mov", "called"
 * and "calls" "call", "daughter's" "daughter" (then cut to six letters: "daught"), so a question finds a fact however either is inflected.
 * Suffix stripping only (no dictionary): two words may share a stem they should not, which only adds a
 * candidate that the other keywords then outrank.
 *
 * @example
 * stem("relocated") // "reloca"
 */
export function stem(word: string): string {
  let result = word.replace(/['’]s$/, "");
  if (/^\d/.test(result) || result.length <= 3) return result;
  if (result.endsWith("ies") || result.endsWith("ied")) return `${result.slice(0, -3)}y`;
  if (result.endsWith("ing") && result.length > 5) result = result.slice(0, -3);
  else if (result.endsWith("ed") && result.length > 4) result = result.slice(0, -2);
  else if (/(?:ss|us|is)$/.test(result)) return result;
  else if (/(?:sh|ch|x|z)es$/.test(result)) result = result.slice(0, -2);
  else if (result.endsWith("s") && result.length > 3) result = result.slice(0, -1);
  else if (result.endsWith("ly") && result.length > 5) result = result.slice(0, -2);
  // "stopp" -> "stop", "move" -> "mov": inflections differ in a doubled consonant or a silent e.
  if (/([b-df-hj-np-tv-z])\1$/.test(result) && !/(?:ll|ss|zz)$/.test(result)) result = result.slice(0, -1);
  if (result.endsWith("e") && result.length > 3) result = result.slice(0, -1);
  // Truncation past six letters joins derivations the suffix rules miss: "allergy" and "allergic", "employer" and "employed".
  return result.length > 6 ? result.slice(0, 6) : result;
}
