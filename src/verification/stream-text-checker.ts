import { cardAwaitingCompanion } from "./pii-card-companions.ts";
import { columnReach } from "./pii-columns.ts";
import { detectPii, piiKinds, type PiiFinding } from "./pii-detectors.ts";
import { numberJoiners, numberWord, numberWordPrefix, repeatWords, scandinavianTwo, spokenAtWords, spokenDashes, spokenDots } from "./pii-number-words.ts";
import { numeralToken } from "./pii-separators.ts";
import { spellingAlphabetWords } from "./pii-spelling-alphabet.ts";
import { handleMarks, naming } from "./pii-spoken-handles.ts";
import { isHesitation } from "./pii-spelled-numbers.ts";
import { replacementFor, type PiiScrubOptions } from "./pii-strategies.ts";
import type { TextFinding } from "./verify-text.ts";

export interface StreamTextCheckerOptions {
  pii?: PiiScrubOptions;
  /** Whole-text checks that block (copyright, policy rules on output text), run on everything seen before each release. */
  blockers?: ReadonlyArray<(text: string) => TextFinding[]>;
  /**
   * How much of the text so far the blockers see (characters, default 4096): their verdicts are local
   * (the copyright check's densest window, a rule on a phrase), and earlier text was checked when it came.
   */
  blockerWindow?: number;
  /**
   * The bound on the hold-back (characters, default 512): text that could still be the start of personal
   * data is held, but never more than this; beyond it the checked front is released.
   */
  maxHoldBack?: number;
}

/** What one push or the finish releases: checked text, or the block that ends the stream. */
export interface StreamRelease {
  text: string;
  blocked?: TextFinding[];
}

/** Released text kept as context: the detectors look back this far for labels ("card", "order no."). */
const contextLength = 64;

/** Words that are not numbers but can stand inside personal data: "plus", repeats, secret names. */
const otherWords = new Set(["plus", "más", "mais", ...repeatWords.keys(), ...numberJoiners, ...spokenDashes, "api_key", "apikey", "secret", "token", "password", "passwd", "passwort"]);
/** The spoken "@" and "." of an address, in every language the email recogniser reads. */
const connectorWords = new Set([...spokenAtWords, ...spokenDots, ...handleMarks]);
/**
 * A spelling-alphabet word ("golf bravo": an IBAN's country read out) or a hesitation between spoken groups ("two one
 * two, uh, five five five") can stand inside a number the whole-text check reads as one finding: held back like digits.
 */
const insideSpokenValue = (word: string) => spellingAlphabetWords.has(word) || isHesitation(word);
const digitWordsAndConnectors = { has: (word: string) => numberWord(word) !== undefined || otherWords.has(word) || connectorWords.has(word) || insideSpokenValue(word) };
/** A word of prose: letters, an apostrophe, opening or closing punctuation; nothing a number or address is made of. */
const proseWord = /^[(«"“¿¡]?[\p{L}'’]+[.,!?;:)"”»]*$/u;

const bare = (token: string) => token.normalize("NFKC").toLowerCase().replace(/[^\p{L}_]/gu, "");

/** Could this token be part of personal data (a digit, an "@", a digit word, a connector, an id prefix)? */
function suspicious(token: string): boolean {
  const normal = token.normalize("NFKC");
  // Mixed case inside a word or a very long word: a key, token or base64 line, not prose.
  if (!proseWord.test(normal) || /\p{Ll}\p{Lu}/u.test(normal) || normal.length > 24) return true;
  const letters = bare(normal);
  // Upper-case words may be a bank code ("NWBK") or an id's letters; single letters an id's check letter.
  const upper = normal.replace(/[^\p{L}]/gu, "");
  // "quarante-deux", "four-one-five": a hyphenated word with a number word in it.
  const numberPart = normal.includes("-") && normal.split(/-+/).some((part) => digitWordsAndConnectors.has(bare(part)));
  return digitWordsAndConnectors.has(letters) || numberPart || numeralToken.test(normal) || letters.length <= 1 || (upper.length >= 2 && upper === upper.toUpperCase() && upper !== upper.toLowerCase());
}

/**
 * "at", "[dot]", "@", ".", or a symbol alone ("•", "|", "🔸": the fence of a spoken address, pii-fenced-words.ts): a
 * token that joins the word before it to what follows (an address's handle).
 */
function connector(token: string): boolean {
  const normal = token.normalize("NFKC");
  return normal.includes("@") || /^[^\p{L}\p{N}]+$/u.test(normal) || connectorWords.has(bare(normal));
}

/**
 * Where the live suffix of the buffer begins: the last token (its end or its next token is still unknown)
 * and, walking back, every suspicious token and every word joined to one by a connector. Everything before
 * it cannot become part of a finding that later text completes.
 */
function liveStart(buffer: string): number {
  const tokens = [...buffer.matchAll(/\S+/g)];
  if (tokens.length === 0) return buffer.length;
  let index = tokens.length - 1;
  // An unfinished last token may still become a connector ("pun" + "kt"): it holds the word before it too.
  const open = !/\s$/.test(buffer);
  const joins = (position: number) => {
    const token = tokens[position]?.[0] ?? "";
    if (connector(token)) return true;
    const letters = bare(token);
    return open && position === tokens.length - 1 && (!proseWord.test(token.normalize("NFKC")) || [...connectorWords].some((word) => word.startsWith(letters)));
  };
  // Danish and Norwegian "to" (two) is held only beside those languages' digit words: English "to" is everywhere.
  const two = (position: number) => bare(tokens[position]?.[0] ?? "") === "to" && scandinavianTwo(bare(tokens[position - 1]?.[0] ?? ""), bare(tokens[position + 1]?.[0] ?? ""));
  // "p for papa": a naming word after a single letter is a piece of a handle read out (pii-spoken-handles.ts).
  const names = (position: number) => naming.has(bare(tokens[position]?.[0] ?? "")) && bare(tokens[position - 1]?.[0] ?? "").length === 1;
  // …and the word it names ("Theodor" of "t wie Theodor").
  const named = (position: number) => position >= 2 && names(position - 1);
  // A word before a number word may be the start of a handle read out ("tan eighty-eight at …"): held with it.
  const handleWord = (position: number) => {
    const written = (tokens[position]?.[0] ?? "").normalize("NFKC").replace(/[^\p{L}-]/gu, "");
    // A capital standing alone ("I", "O") is a letter, not a one-letter number word, as the whole-text reader has it.
    if (/^\p{Lu}$/u.test(written)) return false;
    const word = written.toLowerCase();
    if (open && position === tokens.length - 1) return numberWordPrefix(word);
    return word.split(/-+/).every((part) => numberWord(part) !== undefined) && word !== "";
  };
  // A short word after a suspicious token may stand between a handle and its provider ("sam.k on gmail", pii-provider-handles.ts).
  const bridge = (position: number) => /^\p{L}{2,4},?$/u.test(tokens[position]?.[0] ?? "") && position > 0 && suspicious(tokens[position - 1]?.[0] ?? "");
  // A word between a connector and a number is a piece of a handle read out ("tom dot reilly 77 on gmail", pii-provider-handles.ts).
  const handlePiece = (position: number) => position > 0 && connector(tokens[position - 1]?.[0] ?? "") && /^\d+,?$/.test(tokens[position + 1]?.[0] ?? "");
  while (index > 0 && (suspicious(tokens[index - 1]?.[0] ?? "") || bridge(index - 1) || handlePiece(index - 1) || two(index - 1) || names(index - 1) || named(index - 1) || handleWord(index) || joins(index))) index -= 1;
  // A private key block is one finding from BEGIN to END: held whole until its END arrives.
  const begin = buffer.lastIndexOf("-----BEGIN");
  const keyStart = begin >= 0 && !/-----END [A-Z ]*-----/.test(buffer.slice(begin)) ? begin : buffer.length;
  return Math.min(tokens[index]?.index ?? 0, keyStart);
}

/**
 * Checks streamed text incrementally with a bounded hold-back: each `push` releases only text the PII
 * detectors and the blocking checks have seen together with everything that could still change their
 * verdict; personal data is replaced by the strategy even when it arrived split over several chunks.
 *
 * @example
 * const checker = new StreamTextChecker({ pii: { strategy: "redact" } });
 * checker.push("card 4111 1111 ") // { text: "card " }
 * checker.push("1111 1111 thanks"); checker.finish() // { text: "[REDACTED:payment_card] thanks" } overall
 */
export class StreamTextChecker {
  readonly #options: StreamTextCheckerOptions;
  #released = "";
  #buffer = "";
  #blocked: TextFinding[] | undefined;

  constructor(options: StreamTextCheckerOptions) {
    this.#options = options;
  }

  /** Everything released so far, as the model wrote it (before redaction). */
  get seen(): string {
    return this.#released + this.#buffer;
  }

  push(chunk: string): StreamRelease {
    this.#buffer += chunk;
    return this.#release(false);
  }

  finish(): StreamRelease {
    return this.#release(true);
  }

  #release(final: boolean): StreamRelease {
    if (this.#blocked !== undefined) return { text: "", blocked: this.#blocked };
    const buffer = this.#buffer;
    // A card-shaped number is held until its security code or expiry could no longer follow (pii-card-companions.ts).
    let cut = final ? buffer.length : Math.min(liveStart(buffer), cardAwaitingCompanion(buffer));
    const bound = this.#options.maxHoldBack ?? 512;
    if (buffer.length - cut > bound) cut = buffer.length - bound;
    const seen = (this.#released + buffer).slice(-(this.#options.blockerWindow ?? 4096));
    const blocks = (this.#options.blockers ?? []).flatMap((check) => check(seen));
    const findings = this.#findings(buffer);
    if (this.#options.pii?.strategy === "block" && findings.length > 0) blocks.push(...findings.map((finding) => ({ check: `pii:${finding.kind}`, detail: `${finding.kind} in the stream` })));
    if (blocks.length > 0) {
      this.#blocked = blocks;
      return { text: "", blocked: blocks };
    }
    // A finding never straddles the cut: hold it back whole.
    for (const finding of findings) if (finding.start < cut && finding.end > cut) cut = Math.max(0, finding.start);
    if (cut <= 0) return { text: "" };
    let text = "";
    let cursor = 0;
    for (const finding of findings) {
      if (finding.end > cut) continue;
      text += buffer.slice(cursor, Math.max(cursor, finding.start));
      text += this.#options.pii === undefined ? "" : replacementFor({ ...finding, text: buffer.slice(Math.max(0, finding.start), finding.end) }, this.#options.pii);
      cursor = finding.end;
    }
    text += buffer.slice(cursor, cut);
    this.#released += buffer.slice(0, cut);
    this.#buffer = buffer.slice(cut);
    return { text };
  }

  /** PII findings in the buffer (offsets into it), detected with the released tail as context. */
  #findings(buffer: string): PiiFinding[] {
    const pii = this.#options.pii;
    if (pii === undefined) return [];
    // In a table the label of a value is its column's header, lines back: the context reaches as far as the
    // scorer looks for one (pii-columns.ts), so a streamed row gets the verdict the whole text gets.
    const tail = this.#released.slice(-columnReach);
    // So does a SQL INSERT's column list (pii-sql-columns.ts).
    const context = /\n[^\n]*[,;\t|]|values\s*\(/iu.test(tail) ? tail : this.#released.slice(-contextLength);
    return detectPii(context + buffer, new Set(pii.kinds ?? piiKinds))
      .map((finding) => ({ ...finding, start: finding.start - context.length, end: finding.end - context.length }))
      .filter((finding) => finding.end > 0);
  }
}
