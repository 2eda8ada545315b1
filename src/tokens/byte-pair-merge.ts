import { PackedHeap } from "./packed-heap.ts";

/** Counts the work of a merge, so tests can assert it grows linearly without timing anything. */
export interface MergeMeter {
  /** Vocabulary lookups plus heap operations. */
  steps: number;
}

/** Pieces up to this many bytes merge exactly; the packing of heap entries needs start < 2^20. */
export const MAX_MERGE_BYTES = 1 << 20;
const START_SPAN = 1 << 20;

/**
 * Tokens left by byte-pair merging one piece (a latin1 key, one char per byte) that is not a token itself: the
 * same result as tiktoken's reference merge (merge the adjacent pair of lowest rank, leftmost on ties, until no
 * pair is a token), in O(n log n) instead of the reference's O(n²). The reference rescans every pair after each
 * merge, which took 4.9 s for 8 KB of "x" (issue #14); here each merge looks up the two pairs it changed and
 * a heap, with stale entries skipped, yields the next. Pairs longer than the longest token are never looked up.
 *
 * @example
 * mergedParts("xxxxxxxx", ranks, 128, { steps: 0 }) // 1 or 2, as js-tiktoken encodes it
 */
export function mergedParts(key: string, ranks: ReadonlyMap<string, number>, longestToken: number, meter: MergeMeter): number {
  const length = key.length;
  if (length <= 1) return length;
  if (length > MAX_MERGE_BYTES) throw new RangeError(`mergedParts takes pieces of at most ${MAX_MERGE_BYTES} bytes, got ${length}`);
  // Part i starts at byte i while alive; next[i] is where it ends. pairRank[i] is the rank of part i joined
  // with the part after it, or -1 when that is no token.
  const next = new Int32Array(length);
  const previous = new Int32Array(length);
  const pairRank = new Int32Array(length);
  const heap = new PackedHeap();
  let steps = 0;
  const rankOf = (start: number): number => {
    const end = next[start]!;
    if (end >= length) return -1;
    const pairEnd = next[end]!;
    if (pairEnd - start > longestToken) return -1;
    steps += 1;
    return ranks.get(key.slice(start, pairEnd)) ?? -1;
  };
  for (let index = 0; index < length; index += 1) {
    next[index] = index + 1;
    previous[index] = index - 1;
  }
  // next[] of the last part points past the end; rankOf reads next[end] only for end < length.
  for (let index = 0; index < length - 1; index += 1) {
    const rank = rankOf(index);
    pairRank[index] = rank;
    if (rank >= 0) heap.push(rank * START_SPAN + index);
  }
  pairRank[length - 1] = -1;
  let parts = length;
  while (heap.size > 0) {
    const packed = heap.pop();
    steps += 1;
    const start = packed % START_SPAN;
    const rank = (packed - start) / START_SPAN;
    // Stale: the part was merged into its left neighbour, or its pair changed since this entry was pushed.
    if (pairRank[start] !== rank) continue;
    const removed = next[start]!;
    const after = next[removed]!;
    next[start] = after;
    if (after < length) previous[after] = start;
    pairRank[removed] = -2;
    parts -= 1;
    const updated = rankOf(start);
    pairRank[start] = updated;
    if (updated >= 0) heap.push(updated * START_SPAN + start);
    const before = previous[start]!;
    if (before >= 0) {
      const joined = rankOf(before);
      pairRank[before] = joined;
      if (joined >= 0) heap.push(joined * START_SPAN + before);
    }
  }
  meter.steps += steps;
  // Every single byte is a token in these encodings, so no part is dropped (the reference drops non-tokens).
  return parts;
}
