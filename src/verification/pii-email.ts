/**
 * The email recogniser: addresses written with "@", with a bracketed or spoken "at" and "dot" in any of the
 * languages of `spokenAts`/`spokenDots`, across separators such as dashes ("ravi — at — outlook — dot — com").
 */
import { labelBefore } from "./pii-context.ts";
import { spokenAtIn, spokenAts, spokenDots } from "./pii-number-words.ts";

const atWord = String.raw`(?:${spokenAts.map((phrase) => phrase.replace(/ /g, String.raw`\s+`)).join("|")})`;
const dotWord = String.raw`(?:${spokenDots.join("|")})`;
/**
 * "(at)", "[dot]", and the symbols themselves in brackets: "[@]", "(.)". Any bracket pair Unicode knows (opening and
 * closing punctuation, quotation marks: "{at}", "«at»", "【at】", "「dot」", "⟨at⟩") and "<at>".
 */
export const openBracket = String.raw`[\p{Ps}\p{Pi}<]`;
export const closeBracket = String.raw`[\p{Pe}\p{Pf}>]`;
const bracketed = (word: string) => String.raw`\s*${openBracket}\s*(?:${word}|[@.])\s*${closeBracket}\s*`;
/** A spoken connector stands between spaces, or between dashes with spaces ("ann - at - example") or touching it ("-at-"). */
const spoken = (word: string) => String.raw`\s+(?:-\s+)?(?:-${word}-|${word})\s+(?:-\s+)?`;
/**
 * Starts only where a handle can start, so a long run of letters is not retried from every position (quadratic).
 * A handle wrapped after one of its dots ("maria.\ngarcia@…") is one handle.
 */
const local = String.raw`(?<![\p{L}\d._%+-]|[\p{L}\d]\.\n)(?:[\p{L}\d._%+-]|\.\n)*[\p{L}\d]`;
const label = String.raw`[\p{L}\d](?:[\p{L}\d-]*[\p{L}\d])?`;
/**
 * A top-level domain that exists: any two letters (country codes), the common generic ones, and the names
 * reserved for documentation. "@app.route", "logo@2x.png" and "ann at the mall dot then" end in words that are
 * no domain's last label, so they are not addresses.
 */
const genericTlds =
  "com|net|org|edu|gov|mil|int|info|biz|name|pro|mobi|aero|coop|jobs|travel|asia|app|dev|xyz|online|site|tech|store|shop|blog|cloud|email|mail|page|live|news|club|agency|digital|media|group|company|world|today|network|systems|software|studio|design|services|consulting|academy|team|global|life|space|website|social|art|fun|work|top|icu|vip|bio|eco|law|health|berlin|london|paris|nyc|tokyo|wien|koeln|hamburg|bayern|swiss|gmbh|ltd|inc|llc|example|test|invalid|local|lan|internal|cat|eus|gal|scot|wales|cymru|bzh|quebec|irish|africa|lat|museum|xyz|ink|guru|ninja|wiki|kiwi|nrw|ruhr|saarland|vlaanderen|brussels|amsterdam|barcelona|madrid|istanbul|moscow|kyiv|tirol|vegas|miami|boston|sydney|melbourne|capetown|joburg|durban|solutions|partners|ventures|finance|bank|insurance|capital|clinic|dental|pizza|cafe|restaurant|wine|beer|yoga";
const tld = String.raw`(?:${genericTlds}|[a-z]{2})(?![\p{L}\d])`;
/**
 * The most common endings in leetspeak ("c0m", "n3t", "0rg"): written with an "@" or a bracketed "at", a digit for a
 * letter in the ending is one more obfuscation of an address ("l4ur3n.k (at) pr0tonmail (dot) c0m"), not a domain.
 */
const leetTlds = "c[o0]m|n[e3]t|[o0]rg|[i1]nf[o0]|[e3]du|g[o0]v|c[o0]\\.uk";
/**
 * Internationalised country domains are written in their script ("рф", "ελ", "中国", "भारत"): after an "@" or a
 * bracketed "at", any two letters of a script other than Latin. Not after a spoken "at": a word of prose in that
 * script would end a spoken "address" ("… собака … точка хаски").
 */
const writtenTld = String.raw`(?:${genericTlds}|[a-z]{2}|${leetTlds}|(?:(?!\p{Script=Latin})[\p{L}\p{M}]){2,})(?![\p{L}\d])`;
/**
 * Written with symbols or brackets: the form itself says it is an address. Spaces stand on both sides of an "@"
 * or on neither ("ann @ example . com"); a space on one side only is a mention or a decorator ("Use @app.route",
 * "ping @ana.lopez"), a line break on one side a wrapped address.
 */
const strongEmail = new RegExp(
  String.raw`${local}(?:@\n?|\n@|\s@\s|${bracketed(atWord)})${label}(?:(?:\s?\.\s?|${bracketed(dotWord)})${label})*(?:\s?\.\s?|${bracketed(dotWord)})${writtenTld}`,
  "giu",
);
/**
 * "ann at example dot com", "claire point dubois arobase laposte point net": needs a spoken "dot", or an email
 * label before it ("mail: ann at example.com"). A handle may itself contain up to three spoken dots (bounded, so a
 * long run of "a dot a dot …" is not rescanned from every word).
 */
const spokenEmail = new RegExp(
  String.raw`${local}(?:${spoken(dotWord)}${label}){0,3}${spoken(atWord)}${label}(?:(?:\.|${spoken(dotWord)})${label})*(?:\.|${spoken(dotWord)})${tld}`,
  "giu",
);
const spokenDot = new RegExp(spoken(dotWord), "iu");
/** A spoken "@" standing alone: without one the spoken-address pattern (tried at every word) cannot match. */
const spokenAtAlone = new RegExp(String.raw`(?:^|[\s-])${atWord}(?:[\s-]|$)`, "iu");
/**
 * A path after the domain ("example dot com slash help", "host.com/login") makes it a web address, and a colon
 * and a path right after it an SSH or SCP remote ("git@github.com:team/app.git"): neither is a mailbox.
 */
const pathAfter = /^(?:\s*(?:\/|(?:slash|barra|schrägstrich|barre|sbarra)\b)|:[\w~.\/-])/iu;
/** The scheme word of an HTTP Basic credential right before an address. */
const basicCredentials = /(?<!\p{L})basic\s+$/iu;
/** A handle as people write it: with a dot, underscore, dash, plus or digit in it. */
const handleLike = /[._+\d-]/;
/** Subject pronouns and determiners: the word after one is a verb or a noun of prose ("She works at …"). */
const proseSubjects = new Set("i you he she it we they this that these those the our their his her its who which il elle on nous vous ils elles je er sie es wir ich man él ella ellos nosotros lui lei noi hij zij wij".split(" "));

/** Words that stand before or after "at" in prose ("look at this dot com"), never an address's handle or domain. */
const proseWords = new Set(
  "look looked looking arrive arrived stay stayed be am is are was were meet meeting see aim laugh stare glance point work live lives me us them him her it its this that these those here there home once all least most best first last the a an our your my their night noon school hand".split(
    " ",
  ),
);

/**
 * Whether the words before a spoken "at" read as a handle. One with a (spoken) dot, underscore or digit in it
 * does; a single plain word does unless it is capitalised ("Prices at shop dot fr") or follows a subject pronoun
 * or a determiner ("She works at acme dot com"): then it is the sentence's own word.
 */
function handleShaped(text: string, start: number, handle: readonly string[]): boolean {
  if (handle.length > 1 || handleLike.test(handle[0] ?? "")) return true;
  const word = handle[0] ?? "";
  if (word !== word.toLowerCase()) return false;
  const before = /(\p{L}+)\s*$/u.exec(text.slice(Math.max(0, start - 24), start))?.[1]?.toLowerCase() ?? "";
  return !proseSubjects.has(before);
}

/**
 * The target of a remote shell or copy command ("ssh git@github.com", "scp -P 2222 deploy@host.example.org:…") is a
 * login on a host, not a mailbox: the command word, then its options, right before it.
 */
const loginBefore = /(?:^|[\s`'"$>(])(?:ssh|scp|sftp|rsync|mosh|telnet|ssh-copy-id)(?:\s+-{1,2}[\w-]+(?:[ =](?!-)[^\s@]+)?)*\s+$/u;
/** The full pattern is tried from every position; most text before an address names no such command. */
const login = (before: string) => /ssh|scp|sftp|rsync|mosh|telnet/.test(before) && loginBefore.test(before);

/**
 * Spans of email addresses in normalised text.
 *
 * @example
 * emailSpans("write to ann at example dot com") // [[9, 31]]
 */
export function emailSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // HTTP Basic credentials ("Basic user@host:password", RFC 7617, as decoded from base64) put a password after the colon, not a path.
  const url = (match: RegExpMatchArray) => pathAfter.test(text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 16)) && !basicCredentials.test(text.slice(Math.max(0, (match.index ?? 0) - 8), match.index));
  for (const match of /[@\p{Ps}\p{Pi}<]/u.test(text) ? text.matchAll(strongEmail) : []) {
    if (url(match) || login(text.slice(Math.max(0, match.index - 60), match.index))) continue;
    // A capitalised word before a dot and a line break ends a sentence ("Thanks.\nanna@…"); a handle is in lower case.
    const sentence = /^\p{Lu}[^\n]*?\.\n/u.exec(match[0]);
    spans.push([match.index + (sentence?.[0].length ?? 0), match.index + match[0].length]);
  }
  for (const match of spokenAtAlone.test(text) ? text.matchAll(spokenEmail) : []) {
    if (url(match)) continue;
    const words = match[0].toLowerCase().split(/[\s-]+/);
    const { index: at, length } = spokenAtIn(words);
    const handle = words[at - 1] ?? "";
    const domain = words[at + length] ?? "";
    const written = match[0].split(/[\s-]+/).slice(0, at);
    // "et" is French for "and": as Turkish "@" it needs a handle that looks like one ("ayse.yilmaz et …").
    const weak = words[at] === "et" && !handleLike.test(handle);
    const prose = weak || proseWords.has(handle) || proseWords.has(domain.split(".")[0] ?? "") || !handleShaped(text, match.index, written);
    const labelled = labelBefore(text, match.index) === "email";
    if (labelled || (spokenDot.test(match[0]) && !prose)) spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}
