/** Lower-case word tokens, punctuation dropped, so reformatting does not hide a copy. */
function words(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

function ngrams(tokens: readonly string[], size: number): string[] {
  const grams: string[] = [];
  for (let index = 0; index + size <= tokens.length; index += 1) grams.push(tokens.slice(index, index + size).join(" "));
  return grams;
}

export interface CopyrightCheckOptions {
  /** Words per n-gram (default 8: long enough that common phrases do not match). */
  n?: number;
  /** Share of the output's n-grams found in the corpus above which it is flagged (default 0.2). */
  threshold?: number;
}

export interface CopyrightVerdict {
  flagged: boolean;
  /** Share of the output's n-grams that appear in the protected corpus. */
  overlap: number;
  /** Index of the corpus document with the most shared n-grams. */
  source?: number;
}

/**
 * The `no_copyrighted_content` check: word n-gram overlap between an output and a protected corpus,
 * indexed once.
 *
 * @example
 * const check = new CopyrightIndex(["It was the best of times, it was the worst of times, ..."]);
 * check.check(output).flagged
 */
export class CopyrightIndex {
  private readonly index = new Map<string, number>();
  private readonly n: number;
  private readonly threshold: number;

  constructor(corpus: readonly string[], options: CopyrightCheckOptions = {}) {
    this.n = options.n ?? 8;
    this.threshold = options.threshold ?? 0.2;
    corpus.forEach((document, position) => {
      for (const gram of ngrams(words(document), this.n)) if (!this.index.has(gram)) this.index.set(gram, position);
    });
  }

  check(output: string): CopyrightVerdict {
    const grams = ngrams(words(output), this.n);
    if (grams.length === 0) return { flagged: false, overlap: 0 };
    const sources = new Map<number, number>();
    let shared = 0;
    for (const gram of grams) {
      const source = this.index.get(gram);
      if (source === undefined) continue;
      shared += 1;
      sources.set(source, (sources.get(source) ?? 0) + 1);
    }
    const overlap = shared / grams.length;
    const source = [...sources].sort((left, right) => right[1] - left[1])[0]?.[0];
    return { flagged: overlap > this.threshold, overlap, ...(source === undefined ? {} : { source }) };
  }
}
