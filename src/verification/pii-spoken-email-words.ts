/**
 * The words people read aloud for the "@" and the "." of an email address, one row per language. Used by the
 * email recogniser (pii-email.ts: a spoken address still needs a handle and a domain ending in a real top-level
 * domain), the spelled-number reader (a spoken dot inside an IPv4) and the stream checker (held back).
 */

/** Per language: [words for "@", words for "."]. */
const spokenByLanguage: Record<string, [at: string[], dot: string[]]> = {
  // Indian English reads "@" as "at the rate" (of "@ = at the rate of").
  en: [["at", "at the rate", "at the rate of"], ["dot"]],
  de: [["ät", "klammeraffe"], ["punkt"]],
  fr: [["arobase", "chez"], ["point"]],
  es: [["arroba"], ["punto"]],
  ca: [["arrova"], ["punt"]],
  it: [["chiocciola"], ["punto"]],
  pt: [["arroba"], ["ponto"]],
  nl: [["apenstaartje", "apestaartje", "apestaart"], ["punt"]],
  af: [["aapstert"], ["punt"]],
  eu: [["a bildua"], ["puntu"]],
  cy: [["malwen"], ["dot"]],
  pl: [["małpa", "malpa"], ["kropka"]],
  cs: [["zavináč", "zavinac"], ["tečka", "tecka"]],
  sk: [["zavináč"], ["bodka"]],
  hu: [["kukac"], ["pont"]],
  ro: [["arond", "a rond"], ["punct"]],
  hr: [["afna"], ["točka", "tocka", "tačka", "tacka"]],
  sv: [["snabel-a"], ["punkt", "prick"]],
  da: [["snabel-a"], ["punktum"]],
  no: [["krøllalfa", "alfakrøll"], ["punktum"]],
  is: [["hjá"], ["punktur"]],
  et: [["ätt"], ["punkt"]],
  lv: [[], ["punkts"]],
  lt: [["eta"], ["taškas"]],
  sl: [["afna"], ["pika"]],
  sr: [["majmunče"], ["tačka"]],
  bg: [["кльомба"], ["точка"]],
  mk: [["мајмунче"], ["точка"]],
  be: [["сабачка"], ["кропка"]],
  hy: [["շնիկ"], ["կետ"]],
  fi: [["miukumauku"], ["piste"]],
  tr: [["et", "et işareti"], ["nokta"]],
  ru: [["собака"], ["точка"]],
  uk: [["равлик"], ["крапка"]],
  el: [["παπάκι", "παπακι"], ["τελεία", "τελεια"]],
  he: [["שטרודל"], ["נקודה"]],
  ar: [["آت"], ["نقطة", "دوت"]],
  fa: [["اَت"], ["نقطه", "دات"]],
  hi: [["ऐट", "एट"], ["डॉट"]],
  bn: [["অ্যাট"], ["ডট"]],
  ur: [["ایٹ"], ["ڈاٹ"]],
  ja: [["アットマーク", "アット"], ["ドット"]],
  ko: [["골뱅이", "앳"], ["점", "닷"]],
  zh: [["艾特"], ["点", "點"]],
  th: [["แอท"], ["ดอท", "จุด"]],
  id: [[], ["titik"]],
  vi: [["a còng", "a móc"], ["chấm"]],
  ht: [["arobaz"], ["pwen"]],
};

const unique = (lists: string[][]) => [...new Set(lists.flat())];

/** Longest first, so a two-word "@" ("et işareti") is read whole before its first word ("et"). */
const byLength = (words: string[]) => [...words].sort((left, right) => right.split(" ").length - left.split(" ").length);

/** Words read aloud for the "@" of an address. */
export const spokenAts: string[] = byLength(unique(Object.values(spokenByLanguage).map(([at]) => at)));
const longestAt = Math.max(...spokenAts.map((phrase) => phrase.split(" ").length));

/**
 * Every word of the spoken "@" phrases ("còng", "işareti"), for the stream checker, which reads a word at a time.
 * One-letter words ("a" of "a còng") are left out, and "the" and "of" (of "at the rate of"): holding back every one of
 * them would delay every stream; the checker holds a short word after a held one anyway (its `bridge`).
 */
const everywhere = new Set(["the", "of"]);
export const spokenAtWords: string[] = unique(spokenAts.map((phrase) => phrase.split(" ").filter((word) => [...word].length > 1 && !everywhere.has(word))));

/**
 * Where the spoken "@" stands among the words of a candidate address, and how many words it takes: the longest
 * phrase wins ("ayse.demir et işareti hotmail" has its "@" in two words).
 *
 * @example
 * spokenAtIn(["ayse.demir", "et", "işareti", "hotmail"]) // { index: 1, length: 2 }
 */
export function spokenAtIn(words: readonly string[]): { index: number; length: number } {
  for (let index = 0; index < words.length; index += 1) {
    for (let length = longestAt; length >= 1; length -= 1) {
      if (index + length <= words.length && spokenAts.includes(words.slice(index, index + length).join(" ").toLowerCase())) return { index, length };
    }
  }
  return { index: -1, length: 0 };
}

/** Words read aloud for the dot of an address. */
export const spokenDots: string[] = unique(Object.values(spokenByLanguage).map(([, dot]) => dot));

/**
 * "@" words that are common words elsewhere (English "at", French "chez", Turkish "et" is French "and"): they
 * make an address only with a handle shaped like one (a dot, underscore or digit in it) or a label before it.
 */
export const weakSpokenAts = new Set(["at", "chez", "et"]);
