/**
 * Plain-text signals of what a conversation must not forget: decisions, stated preferences, numbers,
 * technical specifications and pending actions. Priority scoring, fact extraction and the emulator's
 * extractive summariser all read them, so what is kept and what is recalled agree.
 */
export const signalKinds = ["decision", "preference", "number", "specification", "pending_action"] as const;
export type SignalKind = (typeof signalKinds)[number];

const patterns: Record<SignalKind, RegExp> = {
  decision: /\b(decided|decide|decision|agreed|agree to|we will|we'll go|let's go with|go with|chose|chosen|settled on|approved|confirmed)\b/i,
  preference: /\b(i prefer|i'd prefer|i would prefer|prefers?|preference|i like|i love|i hate|i don't like|i do not like|i want|i'd rather|please always|please never|always use|never use|my favou?rite)\b/i,
  number: /\d/,
  specification: /\b(must|requires?|required|spec|specification|version|api|schema|timeout|limit|port|endpoint|format|protocol|latency|budget|deadline)\b|\bv\d/i,
  pending_action: /\b(todo|to-do|pending|follow up|follow-up|next step|remind me|will send|need to|needs to|action item|by (monday|tuesday|wednesday|thursday|friday|tomorrow|next week|eod))\b/i,
};

/** The signal kinds a sentence carries, in `signalKinds` order. */
export function signalsOf(text: string): SignalKind[] {
  return signalKinds.filter((kind) => patterns[kind].test(text));
}

/** Signals beyond a bare number: a number alone ("see page 3") is weak evidence that a sentence matters. */
export function hasStrongSignal(kinds: readonly SignalKind[]): boolean {
  return kinds.some((kind) => kind !== "number");
}

/**
 * Where a typed chat line runs into the next without a full stop: after a closing parenthesis before a capital
 * ("update: Rasmus (was Ottilie) I restarted …"), before a capitalised word that only ever opens a clause
 * ("ok latest: Kwabena Could you explain …", "ok go No — Henrike."; never "I", which follows "and", nor "The",
 * which opens titles; not where a verb of quoting takes it as a value: "should read Thanks for popping in"), and before a chat marker that opens a new remark ("… Teams chat now fyi plan is …", a typo
 * fix "… all in *655 parents, not 297"), and before each item of an inline numbered list ("1) … 2) …").
 */
const RUN_ON = new RegExp(
  [
    String.raw`(?<=\))\s+(?=\p{Lu})`,
    String.raw`(?<=[\p{L}\p{N}])(?<!\b(?:read|reads|say|says|said|saying|called|named|titled|drop|forget|ignore|not|than|of|from|to))\s+(?=(?:Could|Can|Would|Will|Is|Are|Do|Does|Did|Thanks|Thank you|Okay|Hmm|Sorry|Right,|Just to|My|We|We're|We've|It|It's|That|That's|This|There|Please|What|How|Why|Also|Yes|No|So|But|Oh|Ah|Anyway|Any)(?![\p{L}\p{N}'’-]))`,
    // "right, it's Isadora I refactored the type checker …": "I" and a verb after a name start a new clause ("Henry I" has none).
    String.raw`(?<=\p{Lu}[\p{L}'’-]*)\s+(?=I(?:'m|'ve|'d|’m|’ve|’d)?\s+(?:\p{Ll}+ed|think|had|have|am|was|can|will|need|want|just|also|still)\s)`,
    String.raw`(?<=[\p{L}\p{N}])\s+(?=(?:fyi|btw|ugh|ok latest|update:)(?![\p{L}\p{N}'’-])|\*[\p{L}\p{N}])`,
    // An inline numbered list ("Three things: 1) thanks 2) callback number → 07700 900481 3) …"): each item is its own remark
    // (never inside an open bracket: "Pier 4 (was Pier 2)").
    String.raw`(?<=[\p{L}\p{N}:])(?<!\([^()]*)\s+(?=\d{1,2}\)\s)`,
    // An icon after a remark opens another ("emergency contact ➜ Soraya 🔕 no doorbell after 7 pm"); the marks that
    // strike or tick a value inside one remark ("❌ £240 ✅ £150") do not.
    String.raw`(?<=[\p{L}\p{N}.,!?)])\s+(?=(?![❌✅✔✖✗✘☑☒])\p{Extended_Pictographic})`,
  ].join("|"),
  "u",
);

/** A cheap first look: most sentences hold none of RUN_ON's openers, and its lookbehinds cost a pass each. */
const MAY_RUN_ON = /\s\p{Extended_Pictographic}|\)\s|\s(?:Could|Can|Would|Will|Is|Are|Do|Does|Did|Thanks|Thank|Okay|Hmm|Sorry|Right|Just|My|We|It|That|This|There|Please|What|How|Why|Also|Yes|No|So|But|Oh|Ah|Anyway|Any|I|fyi|btw|ugh|ok latest|update:)\b|\s\*|\s\d{1,2}\)\s/u;

/**
 * Splits text into sentences on `.`, `!`, `?` and line breaks, keeping decimals ("1.5") and versions
 * ("v2.3") whole, and where a typed chat line runs on into another remark (RUN_ON).
 *
 * @example
 * splitSentences("We chose Postgres 16.2. I prefer tabs!") // ["We chose Postgres 16.2.", "I prefer tabs!"]
 * splitSentences("update: Rasmus (was Ottilie) I restarted it") // ["update: Rasmus (was Ottilie)", "I restarted it"]
 */
export function splitSentences(text: string): string[] {
  return joinDiffPairs(text
    // "ext. 41", "tel. 0161 …", "no. 7": an abbreviation before a number ends no sentence.
    .split(/(?<=[.!?])(?<!\b(?:[Ee]xt|[Tt]el|[Nn]o)\.)\s+(?=\S)|(?<=\b(?:[Ee]xt|[Tt]el|[Nn]o)\.)\s+(?=\D)|\n+/)
    .flatMap((sentence) => (MAY_RUN_ON.test(sentence) ? sentence.split(RUN_ON) : [sentence]))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== ""));
}

/** A line a diff takes out ("-draught: 1.45 m"), and the line it puts in ("+draught: 1.54 m"). */
const DIFF_OUT = /^[-−]\s?[^\s\-−]/u;
const DIFF_IN = /^\+\s?[^\s+]/u;

/**
 * A diff's removed line and the added line right after it are one change ("-draught: 1.45 m" / "+draught: 1.54 m"):
 * read apart, the removed line states the old value as if current and the added one never names what it replaces.
 */
function joinDiffPairs(sentences: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < sentences.length; index += 1) {
    const sentence = sentences[index]!;
    const next = sentences[index + 1];
    if (next !== undefined && DIFF_OUT.test(sentence) && DIFF_IN.test(next)) {
      joined.push(`${sentence} ${next}`);
      index += 1;
    } else joined.push(sentence);
  }
  return joined;
}
