/** Lower-case word tokens, punctuation and apostrophes dropped, so reformatting does not hide a copy. */
function words(text: string): string[] {
  return (text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map((word) => word.replace(/['’]/g, ""));
}

function shingles(tokens: readonly string[], size: number): string[] {
  const result: string[] = [];
  for (let index = 0; index + size <= tokens.length; index += 1) result.push(tokens.slice(index, index + size).join(" "));
  return result;
}

export interface CopyrightCheckOptions {
  /**
   * Words per shingle (default 4). Short shingles survive light edits: with every 7th word replaced, 4 of
   * every 7 four-word shingles are intact, while an exact 8-word match finds none.
   */
  n?: number;
  /** Share of shingles inside the densest window that must come from one protected document (default 0.3). */
  threshold?: number;
  /** Shingles per window (default 40): a copied passage inside a long original answer is still dense there. */
  window?: number;
  /** Fewest shared shingles for a flag (default 6), so one common phrase in a short answer is not a copy. */
  minShared?: number;
}

export interface CopyrightVerdict {
  flagged: boolean;
  /** Densest window's share of shingles found in the best-matching protected document. */
  overlap: number;
  /** Share of all the output's shingles found in that document. */
  containment?: number;
  /** Index of the corpus document with the most shared shingles. */
  source?: number;
}

/**
 * The `no_copyrighted_content` check: word-shingle containment between an output and a protected corpus
 * (indexed once), measured in the densest window of the output, with a similarity threshold rather than
 * exact matches, so replacing every few words, reflowing or re-casing a passage does not hide it.
 *
 * @example
 * const check = new CopyrightIndex(["It was the best of times, it was the worst of times, ..."]);
 * check.check(output).flagged
 */
export class CopyrightIndex {
  private readonly index = new Map<string, number[]>();
  private readonly n: number;
  private readonly threshold: number;
  private readonly window: number;
  private readonly minShared: number;

  constructor(corpus: readonly string[], options: CopyrightCheckOptions = {}) {
    this.n = options.n ?? 4;
    this.threshold = options.threshold ?? 0.3;
    this.window = options.window ?? 40;
    this.minShared = options.minShared ?? 6;
    corpus.forEach((document, position) => {
      for (const shingle of shingles(words(document), this.n)) {
        const sources = this.index.get(shingle);
        if (sources === undefined) this.index.set(shingle, [position]);
        else if (sources.at(-1) !== position) sources.push(position);
      }
    });
  }

  check(output: string): CopyrightVerdict {
    const grams = shingles(words(output), this.n);
    if (grams.length === 0) return { flagged: false, overlap: 0 };
    const hits = grams.map((gram) => this.index.get(gram) ?? []);
    const perSource = new Map<number, number>();
    for (const sources of hits) for (const source of sources) perSource.set(source, (perSource.get(source) ?? 0) + 1);
    const best = [...perSource].sort((left, right) => right[1] - left[1])[0];
    if (best === undefined) return { flagged: false, overlap: 0, containment: 0 };
    const [source, shared] = best;
    // Slide a window over the output's shingles and keep the densest share of hits from the best source.
    const width = Math.min(this.window, grams.length);
    const hit = hits.map((sources) => (sources.includes(source) ? 1 : 0));
    let inWindow = hit.slice(0, width).reduce<number>((total, value) => total + value, 0);
    let densest = inWindow;
    for (let end = width; end < hit.length; end += 1) {
      inWindow += (hit[end] ?? 0) - (hit[end - width] ?? 0);
      densest = Math.max(densest, inWindow);
    }
    const overlap = densest / width;
    return { flagged: overlap >= this.threshold && shared >= Math.min(this.minShared, grams.length), overlap, containment: shared / grams.length, source };
  }
}
