import type { TiktokenBPE } from "js-tiktoken/lite";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import o200k from "js-tiktoken/ranks/o200k_base";
import { mergedParts, type MergeMeter } from "./byte-pair-merge.ts";

/** A vocabulary key: the token's bytes as a latin1 string (one char per byte), so lookups need no byte arrays. */
function keyOf(base64: string): string {
  return Buffer.from(base64, "base64").toString("latin1");
}

/** Anything outside ASCII: a text without it is its own byte key, piece by piece. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A vocabulary given as ranks already decoded: token bytes as latin1 keys (one char per byte) to their rank,
 * and the split pattern's source (JS syntax, Unicode mode). Llama 3's tokenizer comes this way (see
 * llama3-counter.ts): a tiktoken-style byte-level BPE whose merge order is its token ids.
 */
export interface RankedVocabulary {
  ranks: ReadonlyMap<string, number>;
  pattern: string;
}

/** A count, and whether it is exact: false when part of the text was estimated (see BpeCounter). */
export interface TokenCount {
  tokens: number;
  exact: boolean;
}

export interface BpeCounterOptions {
  /**
   * Pieces (the split pattern's matches) of up to this many UTF-16 code units count exactly; longer ones (one
   * unbroken word of 16K letters) are sampled and estimated (see countLongPiece). Also the most text the split
   * pattern ever sees at once: V8's regex stack overflowed on a 4M-char CJK piece.
   */
  exactPieceChars?: number;
  /** Code units merged exactly at the start of a window-filling piece; the rest is estimated from them. */
  sampleChars?: number;
  /**
   * Merge steps (lookups and heap operations) one count may spend; past it, pieces that are not one token are
   * estimated (at the rate measured on the pieces merged so far). 100K steps take about 10 ms and cover
   * about 250 KB of English prose exactly; a body-sized word or text then holds the event loop for about
   * 10–20 ms per count, not seconds.
   */
  mergeBudget?: number;
}

/**
 * Pieces ending this close to a window's end are split again from the next window: the pattern looks at most
 * four code units past a match (a contraction like "'re", or `\s+(?!\S)`), so a piece ending earlier is the
 * piece the whole text would give.
 */
const WINDOW_MARGIN = 16;

/** Texts from this many code units are remembered with their count (comparing two costs a memcmp, not a count). */
const LARGE_TEXT_CHARS = 65_536;
/** How many large texts are remembered per counter: a few MiB at most. */
const RECENT_LARGE_TEXTS = 4;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Counts tokens of a tiktoken encoding without building token arrays: the encoding's own split pattern, then
 * one map lookup per piece (most pieces are one token) and the byte-pair merge only for the rest. It gives
 * js-tiktoken's `encode(text, [], []).length` exactly (special tokens count as ordinary text) for every text
 * whose pieces are under `exactPieceChars` and whose merges fit `mergeBudget` (test/src/memory and
 * test/src/tokens check it); it is several times faster, because js-tiktoken joins every piece's bytes into
 * a comma-separated key.
 *
 * Bounded in time whatever the input: the pattern runs over windows of at most `exactPieceChars`, the merge is
 * O(n log n) (js-tiktoken's is quadratic: 8 KB of "x" took 4.9 s), and a piece that fills a whole window is
 * merged over its first `sampleChars` and estimated beyond, as is every multi-token piece once a call has
 * spent `mergeBudget`: the work is linear in the text's length with a small constant (`meter.steps` counts
 * it). Such a count says `exact: false`; it stays within [ceil(bytes / longestToken), bytes].
 *
 * @example
 * const counter = new BpeCounter(o200k); // from "js-tiktoken/ranks/o200k_base", bundled: no network
 * counter.count("hello world") // 2
 */
export class BpeCounter {
  /** Bytes of the longest token: a text of n UTF-8 bytes has at least ceil(n / longestToken) tokens. */
  readonly longestToken: number;
  /** Merge lookups, heap operations and pattern matches so far: linear in the text counted. */
  readonly meter: MergeMeter = { steps: 0 };
  private readonly ranks = new Map<string, number>();
  private readonly recent: { text: string; count: TokenCount }[] = [];
  private readonly pattern: RegExp;
  private readonly exactPieceChars: number;
  private readonly sampleChars: number;
  private readonly mergeBudget: number;

  constructor(encoding: TiktokenBPE | RankedVocabulary, options: BpeCounterOptions = {}) {
    let longest = 1;
    if ("ranks" in encoding) {
      for (const [key, rank] of encoding.ranks) {
        if (key.length > longest) longest = key.length;
        this.ranks.set(key, rank);
      }
    }
    for (const line of "bpe_ranks" in encoding ? encoding.bpe_ranks.split("\n") : []) {
      if (line === "") continue;
      const [, offsetText, ...tokens] = line.split(" ");
      const offset = Number.parseInt(offsetText ?? "0", 10);
      tokens.forEach((token, index) => {
        const key = keyOf(token);
        if (key.length > longest) longest = key.length;
        this.ranks.set(key, offset + index);
      });
    }
    this.longestToken = longest;
    this.exactPieceChars = options.exactPieceChars ?? 16_384;
    this.sampleChars = options.sampleChars ?? 2_048;
    this.mergeBudget = options.mergeBudget ?? 100_000;
    // The same pattern with its groups made non-capturing: matches are the same, and cheaper.
    this.pattern = new RegExp(("ranks" in encoding ? encoding.pattern : encoding.pat_str).replace(/(?<!\\)\((?!\?)/g, "(?:"), "gu");
  }

  /** The most ASCII letters in a row inside any token: the constant tokens-lower-bound.ts relies on (a test checks it). */
  longestLetterRun(): number {
    let letters = 0;
    for (const key of this.ranks.keys()) for (const run of key.match(/[A-Za-z]+/g) ?? []) if (run.length > letters) letters = run.length;
    return letters;
  }

  /** Tokens of a text (see countDetailed for whether the count is exact). */
  count(text: string): number {
    return this.countDetailed(text).tokens;
  }

  /** Tokens of a text, and whether the count is exact. */
  countDetailed(text: string): TokenCount {
    if (text.length < LARGE_TEXT_CHARS) return this.countUncached(text);
    // One request counts its large prompt several times (memory, routing, each attempt): count it once.
    const cached = this.recent.find((entry) => entry.text === text);
    if (cached !== undefined) return { ...cached.count };
    const count = this.countUncached(text);
    this.recent.unshift({ text, count: { ...count } });
    if (this.recent.length > RECENT_LARGE_TEXTS) this.recent.pop();
    return count;
  }

  private countUncached(text: string): TokenCount {
    const call: CountCall = { tokens: 0, exact: true, budget: this.mergeBudget, mergedTokens: 0, mergedBytes: 0 };
    const ascii = !NON_ASCII.test(text);
    const pattern = this.pattern;
    let from = 0;
    while (from < text.length) {
      let windowEnd = Math.min(text.length, from + this.exactPieceChars);
      // Never end a window inside a surrogate pair.
      if (windowEnd < text.length && isHighSurrogate(text.charCodeAt(windowEnd - 1))) windowEnd -= 1;
      const last = windowEnd === text.length;
      const window = from === 0 && last ? text : text.slice(from, windowEnd);
      const safeEnd = last ? window.length : window.length - WINDOW_MARGIN;
      let consumed = 0;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(window); match !== null; match = pattern.exec(window)) {
        const piece = match[0];
        if (piece === "") {
          pattern.lastIndex += 1;
          continue;
        }
        const end = match.index + piece.length;
        if (end > safeEnd) break;
        this.meter.steps += 1;
        this.countPiece(ascii || !NON_ASCII.test(piece) ? piece : Buffer.from(piece, "utf8").toString("latin1"), call);
        consumed = end;
      }
      if (consumed === 0 && !last) {
        // One piece fills the window: merge a sample of it and estimate the rest, then go on after the window.
        this.countLongPiece(window, from, call);
        consumed = window.length;
      }
      from += consumed;
      if (last) break;
    }
    return { tokens: call.tokens, exact: call.exact };
  }

  /** One piece as a latin1 byte key: one token, merged while the call's budget lasts, else estimated. */
  private countPiece(key: string, call: CountCall): void {
    if (this.ranks.has(key)) {
      call.tokens += 1;
      return;
    }
    if (call.budget <= 0) {
      call.exact = false;
      call.tokens += this.estimate(key.length, call);
      return;
    }
    const before = this.meter.steps;
    const tokens = mergedParts(key, this.ranks, this.longestToken, this.meter);
    call.budget -= this.meter.steps - before;
    call.mergedTokens += tokens;
    call.mergedBytes += key.length;
    call.tokens += tokens;
  }

  /**
   * Tokens of `bytes` bytes not merged, at the tokens per byte of what this call merged (one per four bytes
   * before anything was), kept within the bounds every count has: at least ceil(bytes / longestToken), at
   * most one token per byte.
   */
  private estimate(bytes: number, call: CountCall): number {
    this.meter.steps += 1;
    const perByte = call.mergedBytes === 0 ? 0.25 : call.mergedTokens / call.mergedBytes;
    return Math.min(bytes, Math.max(Math.ceil(bytes / this.longestToken), Math.round(bytes * perByte)));
  }

  /**
   * A window filled by one piece (an unbroken word, a run of spaces): its first `sampleChars` are merged
   * exactly, the rest is estimated from them. Exact chunk merges of the whole piece were linear too, but at
   * 0.6 s per MiB of "x" they held the event loop far past 100 ms.
   */
  private countLongPiece(text: string, from: number, call: CountCall): void {
    call.exact = false;
    const sampled = call.longPiece;
    if (sampled !== undefined && sampled.end === from) {
      // The same piece goes on from the previous window: its sample's rate holds, and a new sample would cost again.
      call.tokens += this.estimate(Buffer.byteLength(text, "utf8"), { ...call, mergedTokens: sampled.tokens, mergedBytes: sampled.bytes });
      sampled.end = from + text.length;
      return;
    }
    let sampleEnd = Math.min(text.length, this.sampleChars);
    // Never split a surrogate pair: half of one would encode as U+FFFD and count differently.
    if (sampleEnd < text.length && isHighSurrogate(text.charCodeAt(sampleEnd - 1))) sampleEnd += 1;
    const sample = Buffer.from(text.slice(0, sampleEnd), "utf8").toString("latin1");
    // The estimate of the rest uses this sample alone: it is the same piece, unlike what came before it.
    const sampleCall: CountCall = { tokens: 0, exact: true, budget: call.budget, mergedTokens: 0, mergedBytes: 0 };
    this.countPiece(sample, sampleCall);
    call.budget = sampleCall.budget;
    call.tokens += sampleCall.tokens;
    const rate = sampleCall.mergedBytes > 0 ? sampleCall : call;
    call.longPiece = { tokens: rate.mergedTokens, bytes: rate.mergedBytes, end: from + text.length };
    if (sampleEnd === text.length) return;
    const restBytes = Buffer.byteLength(text, "utf8") - sample.length;
    call.tokens += this.estimate(restBytes, rate);
  }
}

/** The running state of one count call. */
interface CountCall {
  tokens: number;
  exact: boolean;
  /** Merge steps left before multi-token pieces are estimated instead of merged. */
  budget: number;
  mergedTokens: number;
  mergedBytes: number;
  /** The sampled rate of the window-filling piece that ended at `end`, reused while the same piece goes on. */
  longPiece?: { tokens: number; bytes: number; end: number };
}

const counters = new Map<"o200k_base" | "cl100k_base", BpeCounter>();

/**
 * Builds both counters now: about 0.3 s each, which `serve` pays at start rather than inside the first request
 * that counts (there it held the event loop for 0.7 s).
 */
export function warmTokenCounters(): void {
  bpeCounter("o200k_base");
  bpeCounter("cl100k_base");
}

/** The counter of an encoding, built once per process (about 0.3 s) from js-tiktoken's bundled ranks, never from the network. */
export function bpeCounter(encoding: "o200k_base" | "cl100k_base"): BpeCounter {
  let counter = counters.get(encoding);
  if (counter === undefined) {
    counter = new BpeCounter(encoding === "o200k_base" ? o200k : cl100k);
    counters.set(encoding, counter);
  }
  return counter;
}
