/**
 * A tokenizer-free token estimate for Gemini and Ollama models, whose tokenizers are not bundled (and must
 * never be fetched). One pass over the characters, no allocation: letter runs count by length, digit runs
 * in threes (as BPE vocabularies split numbers), punctuation runs in pairs, CJK characters one each.
 * Its error against cl100k_base (the base vocabulary of Llama 3's tokenizer) is measured by
 * `measureEstimateError` and in test/src/memory/estimate-tokens.test.ts.
 *
 * @example
 * estimateTokens("We chose Postgres 16.2 for the billing service.") // 12 (cl100k_base: 13)
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let letters = 0;
  let digits = 0;
  let punctuation = 0;
  let newline = false;
  const flush = () => {
    if (letters > 0) tokens += letters <= 7 ? 1 : Math.ceil(letters / 4.5);
    if (digits > 0) tokens += Math.ceil(digits / 3);
    if (punctuation > 0) tokens += Math.ceil(punctuation / 2);
    letters = 0;
    digits = 0;
    punctuation = 0;
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const isLetter = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xc0 && code < 0x2000) || code === 39;
    const isDigit = code >= 48 && code <= 57;
    if (isLetter) {
      if (digits > 0 || punctuation > 0) flush();
      letters += 1;
      newline = false;
    } else if (isDigit) {
      if (letters > 0 || punctuation > 0) flush();
      digits += 1;
      newline = false;
    } else if (code === 32 || code === 9) {
      flush();
    } else if (code === 10 || code === 13) {
      flush();
      if (!newline) tokens += 1;
      newline = true;
    } else if (code >= 0x2e80) {
      flush();
      tokens += 1;
      newline = false;
    } else {
      if (letters > 0 || digits > 0) flush();
      punctuation += 1;
      newline = false;
    }
  }
  flush();
  return tokens;
}
