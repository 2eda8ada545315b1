export { BpeCounter, bpeCounter, warmTokenCounters, type BpeCounterOptions, type TokenCount } from "./bpe-counter.ts";
export { mergedParts, MAX_MERGE_BYTES, type MergeMeter } from "./byte-pair-merge.ts";
export { LONGEST_TOKEN_BYTES, LONGEST_TOKEN_LETTER_RUN, tokensLowerBound } from "./tokens-lower-bound.ts";
