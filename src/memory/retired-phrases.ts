/**
 * Words a sentence says are no longer current, whatever their type: "It's lunchtimes now, not early mornings.",
 * "Forget the week after Easter.", "Take Lorcan off my file", "We're ripping out Flagsmith", "I'd rather not see
 * Florian again". Many values a person changes have no type a reader can check ("early mornings", "a text the
 * day before", "the quiet car"), so the typed slot (ledger-slot.ts) cannot say which line they replace. The
 * words themselves can: a line of the ledger that says exactly the retired words is the line they replace.
 */

/** Words that cannot be a retired value by themselves ("forget it", "not that", "not the"). */
const EMPTY = new Set("it that this them those these him her me us you one so sure really quite yet now then again the a an my our your his their what which because as at to on in for of and or but just only even much more all any some too".split(" "));

/** What ends a retired phrase: punctuation, or a word that starts another clause or says where it goes ("off my file"). */
const PHRASE = String.raw`((?:[^.,;:!?()]|[.,:](?=\d)){1,60}?)(?=\s*(?:[.,;:!?()](?!\d)|\s[—–]\s|$|\s(?:off|from|and|so|but|because|again|after all|any more|anymore|last time|in the|for (?:me|us|him|her|now|the)|is (?:too|no good|out|off|gone)|won't|will not|doesn't|does not|never|drives|refused)\b))`;

/** Words after a value that say it is no longer current: "is no good", "was the old one", "is dropped", "no longer applies". */
const RETIRED_AFTER = String.raw`is (?:no good|too \w+|out|off|gone)|(?:is|was|are|were) (?:the old (?:one|value|number|name|date|time|plan|rule|address)|(?:now )?dropped|outdated|out of date|superseded|no longer (?:valid|current|right|true|needed|happening|the case))|no longer applies|won't work|will not work|doesn't work|does not work|drives me mad|never reaches me|refused|clashes with`;

/** A sentence retiring words after a verb or phrase that retires them; the retired words are the capture. */
const RETIRING = [
  // "…, not early mornings." "Ryokan Kurashiki, not Nishimuraya Honkan." "Not keen on Tuesday at 9:40, …"
  new RegExp(String.raw`(?:^|[,;—–]\s*|\bnow\s+)not\s+(?:keen on\s+|a fan of\s+)?${PHRASE}`, "giu"),
  new RegExp(String.raw`\b(?:rather than|instead of|in place of)\s+${PHRASE}`, "giu"),
  new RegExp(String.raw`\b(?:forget(?: about)?|never mind|ignore|scrap|drop|dropping|cancel|cancelled|canceled|remove|removing|skip|ripping out|rip out|cutting|holding off on|hold off on|let go of|not having|no longer (?:want|need)|rather not (?:see|have|use|do)|never see|never get)\s+${PHRASE}`, "giu"),
  // "Take Lorcan off my file", "Cross Anselm off", "Strike the side entrance from my notes" (not "I'll take the 11:15 ferry").
  /\b(?:take|taking|cross|crossing|strike|striking|get|getting)\s+((?:[^.,;:!?()]|[.,:](?=\d)){1,60}?)\s+(?:off|from)\b/giu,
  // "We've let Uber Eats go", "We had Nkechi last time and …", "Biscuit hated Anselm last time".
  /\b(?:let|had|hated|disliked)\s+((?:[^.,;:!?()]|[.,:](?=\d)){1,60}?)\s+(?:go|last time)\b/giu,
  // "Keep Deliveroo; swap Just Eat for Gopuff."
  /\b(?:swap|swapping|replace|replacing|trade|trading)\s+((?:[^.,;:!?()]|[.,:](?=\d)){1,60}?)\s+(?:for|with)\b/giu,
  // "Tuesday at 9:40 is no good", "six monthly payments is too long", "a text the day before drives me mad", "Petplan refused …",
  // "a call to my mobile was the old one", "no messages after 7 pm is dropped", "the 06:30 pickup is out of date".
  new RegExp(String.raw`(?:^|[,;.]\s*)((?:[^.,;:!?()]|[.,:](?=\d)){1,60}?)\s+(?:${RETIRED_AFTER})(?![\p{L}\p{N}])`, "giu"),
];
// "update: Rasmus (was Ottilie)", "Dock 7 (previously Gate B)", "v3 of the lender: Skipton (v2 was Santander)": the old value in brackets after the new.
// "the way to reach me isn't Signal any more; it's …", "the rule is no longer no raw emails now": the old value between the denial and "any more".
RETIRING.push(/\b(?:isn['’]t|is not|aren['’]t|are not|is no longer|are no longer)\s+((?:[^.,;:!?()]|[.,:](?=\d)|\.(?=\s\d)){1,60}?)\s+(?:any ?more|now)\b/giu);
const BRACKETED = /\((?:(?:v|version\s*)\d+\s+)?(?:was|were|previously|formerly|used to be|not|old:?)\s+([^()]{1,80}?)\s*\)/giu;
RETIRING.push(BRACKETED);
/**
 * Chat's own ways to strike a value out, the replacement beside it: markdown strikethrough ("~~Saoirse~~ Philippa"),
 * a sed-style substitution ("s/Saturday mornings/lunchtimes/"), and amending the assistant's recap ("In your recap
 * you've got Tuesday mornings for the call — make that lunchtimes").
 */
const STRUCK = [/~~([^~\n]{1,80}?)~~/gu, /(?<![\p{L}\p{N}/])s\/([^/\n]{1,80})\/[^/\n]{0,80}\//gu];
/** A diff's removed line joined to the added one (signals.ts): "-draught: 1.45 m +draught: 1.54 m" retires "1.45 m". */
const DIFF_PAIR = /^[-−]\s?(?:[^\s:+][^:+\n]{0,40}:\s*)?([^+\n]{1,80}?)[.,;]?\s+\+\s?\S/gu;
const SAID_REPLACED = /(?<![\p{L}\p{N}/])(?:~~[^~\n]{1,80}?~~\s*[\p{L}\p{N}£$€]|s\/[^/\n]{1,80}\/[^/\n]{1,80}\/)|^[-−]\s?\S[^\n]*?\s\+\s?\S/u;
STRUCK.push(DIFF_PAIR);
RETIRING.push(...STRUCK, /\byou(?:['’]ve| have)\s+(?:got|put|written|noted|listed|put down)\s+((?:[^.,;:!?()]|[.,:](?=\d)){1,60}?)\s+(?:for|as|under|down for)\s/giu);

/** Words of a phrase that are not function words: a retired phrase needs one ("not the", "forget it" retire nothing). */
function meaningful(phrase: string): boolean {
  return phrase.split(/\s+/).some((word) => word.length > 1 && !EMPTY.has(word.toLowerCase()));
}

/** At most this many characters of a sentence are read: a hostile megabyte-long sentence costs what a short one does. */
const MAX_READ = 600;

/**
 * The phrases a sentence retires, as written (trimmed, a leading "the"/"a" kept: lines say them the same way).
 *
 * @example
 * retiredPhrases("It's lunchtimes now, not early mornings.") // ["early mornings"]
 * retiredPhrases("Take Lorcan off my file, nobody speaks for me any more.") // ["Lorcan"]
 */
export function retiredPhrases(sentence: string): string[] {
  const cached = phraseCache.get(sentence);
  if (cached !== undefined) return cached;
  const phrases = readPhrases(sentence.slice(0, MAX_READ));
  // Bounded: a long thread's statements are read again at every compaction, a hostile caller's new ones are not kept for ever.
  if (phraseCache.size >= MAX_CACHED) phraseCache.clear();
  phraseCache.set(sentence, phrases);
  return phrases;
}

/** Phrases by sentence: every compaction reads the ledger's lines and the kept statements again. */
const phraseCache = new Map<string, string[]>();
const MAX_CACHED = 4096;

function readPhrases(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of RETIRING) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const phrase = (match[1] ?? "").trim().replace(/^(?:with|to|on|about|for)\s+/i, "");
      // "Drop me a note", "cancel on us": a pronoun or particle first is no value.
      // A bracketed old value is set apart by its writer, so a longer one is still one value ("(was no direct writes to the live alias)").
      if (phrase.split(/\s+/).length <= (pattern === BRACKETED || STRUCK.includes(pattern) ? 10 : 6) && meaningful(phrase) && !/^(?:me|us|him|her|them|you|it|off|by|in|out|back|down|up)\b/i.test(phrase)) found.add(phrase);
    }
  }
  return [...found];
}

/** "Rasmus (was Ottilie)": the replacement is said before the old value, in the same breath. */
const BRACKETED_OLD = /\S\s*\((?:was|were|previously|formerly|used to be|not|old:?)\s/i;

/** Words calling a value the old one ("was the old one", "is dropped", "no longer applies"): they point back to its replacement, said just before. */
const CALLED_OLD = new RegExp(String.raw`\s(?:(?:is|was|are|were) (?:the old (?:one|value|number|name|date|time|plan|rule|address)|(?:now )?dropped|outdated|out of date|superseded|no longer (?:valid|current|right|true|needed|happening|the case))|no longer applies)(?![\p{L}\p{N}])`, "iu");

/**
 * A sentence that only calls a value the old one, after its replacement ("No — Teams chat. a call to my mobile was
 * the old one.", "DSL updated the policy: no texts to pupils. no messages after 7 pm is dropped."): it joins the sentence before.
 *
 * @example
 * callsOld("a call to my mobile was the old one.") // true
 * callsOld("Forget ¥12,000 a day.") // false: what replaces it follows
 */
export function callsOld(sentence: string): boolean {
  return CALLED_OLD.test(sentence) && onlyRetires(sentence);
}

/** A sentence that only retires ("Forget ¥12,000 a day.", "Finance cancelled Flagsmith."): what replaces it follows. */
export function onlyRetires(sentence: string): boolean {
  const phrases = retiredPhrases(sentence);
  // "PostgreSQL 14, not PostgreSQL 17.": what comes before ", not" is the replacement, said in the same breath.
  // "~~Saoirse~~ Philippa", "s/old/new/": the replacement is written beside the struck value.
  if (phrases.length === 0 || /\?\s*$/.test(sentence) || /\S\s*[,;—–]\s*not\s/i.test(sentence) || BRACKETED_OLD.test(sentence) || SAID_REPLACED.test(sentence)) return false;
  // The words saying the value is old ("was the old one", "is dropped") are the retiring verb's, not a subject.
  let rest = sentence.replace(new RegExp(String.raw`\s(?:${RETIRED_AFTER})(?![\p{L}\p{N}])`, "giu"), " ");
  for (const phrase of phrases) rest = rest.replace(phrase, " ");
  // What is left besides the retiring verb and a subject: a few words at most ("Forget", "Finance cancelled").
  return rest.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length <= 3;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether a line says the retired phrase as a whole (case aside: "Saturday mornings" and "saturday mornings"). */
export function saysPhrase(line: string, phrase: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])`, "iu").test(line);
}
