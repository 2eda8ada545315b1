/**
 * The words people read aloud for the "@" and the "." of an email address, one row per language. Used by the
 * email recogniser (pii-email.ts: a spoken address still needs a handle and a domain ending in a real top-level
 * domain), the spelled-number reader (a spoken dot inside an IPv4) and the stream checker (held back).
 */

/** Per language: [words for "@", words for "."]. */
const spokenByLanguage: Record<string, [at: string[], dot: string[]]> = {
  en: [["at"], ["dot"]],
  de: [["ät", "klammeraffe"], ["punkt"]],
  fr: [["arobase", "chez"], ["point"]],
  es: [["arroba"], ["punto"]],
  ca: [["arrova"], []],
  it: [["chiocciola"], ["punto"]],
  pt: [["arroba"], ["ponto"]],
  nl: [["apenstaartje", "apestaart"], ["punt"]],
  pl: [["małpa", "malpa"], ["kropka"]],
  cs: [["zavináč", "zavinac"], ["tečka", "tecka"]],
  sk: [["zavináč"], ["bodka"]],
  hu: [["kukac"], ["pont"]],
  ro: [["arond"], ["punct"]],
  hr: [["afna"], ["točka", "tocka", "tačka", "tacka"]],
  sv: [["snabel-a"], ["punkt", "prick"]],
  da: [["snabel-a"], ["punktum"]],
  fi: [["miukumauku"], ["piste"]],
  tr: [["et"], ["nokta"]],
  ru: [["собака"], ["точка"]],
  uk: [["равлик"], ["крапка"]],
  el: [["παπάκι", "παπακι"], ["τελεία", "τελεια"]],
  he: [["שטרודל"], ["נקודה"]],
  ar: [["آت"], ["نقطة", "دوت"]],
  fa: [["اَت"], ["نقطه", "دات"]],
  hi: [["ऐट", "एट"], ["डॉट"]],
  ja: [["アットマーク", "アット"], ["ドット"]],
  ko: [["골뱅이", "앳"], ["점", "닷"]],
  zh: [["艾特"], ["点", "點"]],
  th: [["แอท"], ["ดอท", "จุด"]],
  id: [[], ["titik"]],
  vi: [[], ["chấm"]],
};

const unique = (lists: string[][]) => [...new Set(lists.flat())];

/** Words read aloud for the "@" of an address. */
export const spokenAts: string[] = unique(Object.values(spokenByLanguage).map(([at]) => at));

/** Words read aloud for the dot of an address. */
export const spokenDots: string[] = unique(Object.values(spokenByLanguage).map(([, dot]) => dot));

/**
 * "@" words that are common words elsewhere (English "at", French "chez", Turkish "et" is French "and"): they
 * make an address only with a handle shaped like one (a dot, underscore or digit in it) or a label before it.
 */
export const weakSpokenAts = new Set(["at", "chez", "et"]);
