export { BpeCounter, bpeCounter, warmTokenCounters, type BpeCounterOptions, type RankedVocabulary, type TokenCount } from "./bpe-counter.ts";
export { mergedParts, MAX_MERGE_BYTES, type MergeMeter } from "./byte-pair-merge.ts";
export { LONGEST_TOKEN_BYTES, LONGEST_TOKEN_LETTER_RUN, tokensLowerBound } from "./tokens-lower-bound.ts";
export { EXACT_TOKENIZERS, textCounter, warmModelCounters, type ExactTokenizer, type TextCounter } from "./model-counters.ts";
export { chatFraming, type ChatFraming } from "./chat-framing.ts";
export { SentencePieceCounter, type SentencePieceCounterOptions } from "./sentencepiece-counter.ts";
export { buildLlama3Counter } from "./llama3-counter.ts";
export { TokenizerDataError, readTokenizerData, type BundledTokenizer, type HfTokenizerData } from "./hf-tokenizer-data.ts";
