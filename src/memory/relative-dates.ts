const months = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/** Words that end an event's name rather than continue it ("a week after the cabling again", "… after we land, so"). */
const eventStop = "and|or|but|so|not|now|then|again|instead|too|please|though|anyway|is|was|at|for|if|when|because";

/**
 * A date relative to an event of the speaker's own: "the day after we land", "two weeks after my exams", "the
 * Thursday after the code freeze", "a fortnight after surgery". The unit comes first, so "after that" is none.
 */
const afterEvent = String.raw`(?:the |a |an |one |two |three |four |five |six |ten |\d{1,2} |a couple of )?(?:(?:${weekdays})|day|days|morning|evening|night|week|weeks|weekend|fortnight|month|months) (?:after|before) (?!that\b|this\b|it\b)[\w'-]+(?: (?!(?:${eventStop})\b)[\w'-]+){0,3}`;

/**
 * Dates said relative to a day people share: "next Tuesday", "this Friday", "the day after tomorrow", "in two
 * weeks", "the last weekend of March", "the end of the month", "New Year's Eve". A correction stating one meets
 * the date it replaces as a date. A regex source (case-insensitive use): ledger-slot.ts reads it as a value,
 * salience.ts as a date signal.
 *
 * @example
 * new RegExp(relativeDates, "i").test("Let's move it to next Tuesday.") // true
 */
export const relativeDates = String.raw`\b(?:tomorrow|tonight|(?:the )?day after tomorrow|(?:next|coming|following) (?:${weekdays}|week(?:end)?|month|year|fortnight)|(?:this|last) (?:${weekdays}|weekend)|(?:the )?week after next|in (?:a|one|two|three|four|five|six|\d{1,2}) (?:days?|weeks?|months?)(?: time)?|(?:the )?(?:first|second|third|fourth|last|final) (?:${weekdays}|week(?:end)?|day) (?:of|in) (?:${months}|the month)|(?:the )?(?:start|beginning|middle|end) of (?:${months}|the (?:week|month|year)|next (?:week|month|year))|new year's (?:eve|day)|christmas (?:eve|day)|boxing day|easter (?:sunday|monday)|(?:the )?bank holiday(?: (?:${weekdays}|weekend))?|${afterEvent})\b`;

/** Words that may follow a day of the month ("the 24th now", "the 3rd is gone"); any other ("the 3rd floor") makes it no date. */
export const dayFollowers = String.raw`(?:at|and|or|to|till|until|from|now|then|is|was|isn't|wasn't|fell|falls|doesn't|won't|works|instead|in|for|as|but|so|if|because|which|suits|would|will|stands|please|after|before)\b`;
