/**
 * Values said in words, written as digits before a statement is read for its slot and its salience:
 * "forty handsets" is 40 handsets, "ninety thousand euros" 90,000 euros, "half past nine" 9:30, "eleven at
 * night" 23:00, "seventy percent" 70%. People say numbers both ways, and a correction in words ("two
 * megabytes") must meet the fact it corrects in digits ("1 MB") as a value of the same type, not as words.
 * Only the reading is rewritten: the ledger keeps the user's own sentence.
 */

const small: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const tens: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const scales: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000 };

const unitWord = `(?:${Object.keys(small).join("|")})`;
const tensWord = `(?:${Object.keys(tens).join("|")})`;
/** One number under a hundred: "seven", "forty", "seventy-two", "twenty one". */
const underHundred = `(?:${tensWord}(?:[- ](?:${unitWord}))?|${unitWord})`;
/** A spoken number: "two hundred and fifty", "seventy-two thousand", "ninety thousand". */
const spokenNumber = new RegExp(`\\b${underHundred}(?: (?:hundred|thousand|million)(?:(?: and)? ${underHundred}(?! (?:hundred|thousand|million)))?)*\\b`, "gi");

function valueOf(phrase: string): number {
  let total = 0;
  let current = 0;
  for (const word of phrase.toLowerCase().split(/[\s-]+/)) {
    if (word === "and") continue;
    if (word in small) current += small[word]!;
    else if (word in tens) current += tens[word]!;
    else if (word in scales) {
      const scale = scales[word]!;
      if (scale === 100) current *= 100;
      else {
        total += current * scale;
        current = 0;
      }
    }
  }
  return total + current;
}

/** "one" is as often a pronoun ("one thing", "the one", "no one") as a number: a number only before a noun it counts. */
function pronounOne(text: string, offset: number, match: string): boolean {
  if (match.toLowerCase() !== "one") return false;
  const before = /(\w+)\W*$/.exec(text.slice(0, offset))?.[1]?.toLowerCase() ?? "";
  const after = /^\W*(\w+)/.exec(text.slice(offset + match.length))?.[1]?.toLowerCase() ?? "";
  return /^(?:the|no|any|every|some|this|that|which|each|a|last|another|quick|big|small|just)$/.test(before) || /^(?:of|thing|more|another|or|and|who|that|which|is|was|i|you|we|it|day)$/.test(after) || /^(?:change|fix|correction|update|note|question|point|last|time)$/.test(after) || after === "";
}

const candidates = /\b(?:single|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|noon|midday|midnight|half|quarter|o'clock|night|morning|evening|afternoon|percent|per cent)\b/i;

const hour = (value: string) => Number.parseInt(value, 10);
const clock = (hours: number, minutes: number) => `${String(hours % 24).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;

/**
 * The text with spoken numbers, times and shares written in digits, as the slot reader parses them.
 *
 * @example
 * writtenValues("They came back higher: ninety thousand euros.") // "They came back higher: 90,000 euros."
 * writtenValues("We can turn up as late as half past nine.") // "We can turn up as late as 9:30."
 */
export function writtenValues(text: string): string {
  // "€7k tops", "$6.2k": an amount in thousands as people type it, the amount it is.
  if (/[€$£]\s?\d[\d.]*\s?[kK]\b/.test(text)) text = text.replace(/([€$£])\s?(\d+(?:\.\d+)?)\s?[kK]\b/g, (_, currency: string, amount: string) => `${currency}${Math.round(Number(amount) * 1000).toLocaleString("en-US")}`);
  // One pass decides most sentences: no number word, clock word or share word, nothing to rewrite.
  if (!candidates.test(text)) return text;
  // "a single shard", "a single driver": one of what follows, as "24 shards" is twenty-four (not "a single-storey house").
  let result = text.replace(/\ba single (?=\p{L}{3,}(?![\p{L}-]))/giu, "1 ").replace(spokenNumber, (match: string, offset: number, whole: string) => {
    if (pronounOne(whole, offset, match)) return match;
    const value = valueOf(match);
    return value >= 10_000 ? value.toLocaleString("en-US") : String(value);
  });
  result = result
    .replace(/\bnoon\b|\bmidday\b/gi, "12:00")
    .replace(/\bmidnight\b/gi, "00:00")
    .replace(/\bhalf past (\d{1,2})\b/gi, (_, hours: string) => clock(hour(hours), 30))
    .replace(/\bquarter past (\d{1,2})\b/gi, (_, hours: string) => clock(hour(hours), 15))
    .replace(/\bquarter to (\d{1,2})\b/gi, (_, hours: string) => clock(hour(hours) + 23, 45))
    .replace(/\b(\d{1,2}) o'clock\b/gi, (_, hours: string) => clock(hour(hours), 0))
    // "eleven at night", "seven in the evening": the afternoon and evening hours of a 24-hour clock.
    .replace(/\b(\d{1,2})(?::(\d{2}))? (?:at night|in the evening|in the afternoon)\b/gi, (_, hours: string, minutes: string | undefined) => clock(hour(hours) < 12 ? hour(hours) + 12 : hour(hours), Number(minutes ?? 0)))
    .replace(/\b(\d{1,2}) in the morning\b/gi, (_, hours: string) => clock(hour(hours), 0))
    .replace(/\b(\d+(?:\.\d+)?) ?(?:percent|per cent)\b/gi, "$1%");
  return result;
}
