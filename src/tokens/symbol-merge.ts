import type { MergeMeter } from "./byte-pair-merge.ts";
import { PackedHeap } from "./packed-heap.ts";

/** Symbol ids below this bound: pairs pack into one number as left * ID_SPAN + right. */
export const ID_SPAN = 1 << 18;
/** Positions below this bound: heap entries pack as rank * POSITION_SPAN + position. */
const POSITION_SPAN = 1 << 20;
/** Most symbols one merge takes: positions must fit POSITION_SPAN. */
export const MAX_MERGE_SYMBOLS = POSITION_SPAN;

/**
 * Merge rules of a Hugging Face BPE model: for each pair of symbol ids, its rank in the merges list and the
 * id it merges into, packed as rank * ID_SPAN + merged.
 */
export type MergeRules = ReadonlyMap<number, number>;

/**
 * Symbols left after applying a BPE model's merges to a word of symbol ids: the merges-list BPE of Hugging
 * Face tokenizers (the adjacent pair of lowest rank first, leftmost on ties, until no pair has a rule), in
 * O(n log n): each merge looks up only the two pairs it changed, and stale heap entries are skipped.
 *
 * @example
 * mergedSymbols(Int32Array.of(idOf("▁"), idOf("a")), rules, { steps: 0 }) // 1 when "▁a" is a merge
 */
export function mergedSymbols(symbols: Int32Array, rules: MergeRules, meter: MergeMeter): number {
  const length = symbols.length;
  if (length <= 1) return length;
  if (length > MAX_MERGE_SYMBOLS) throw new RangeError(`mergedSymbols takes at most ${MAX_MERGE_SYMBOLS} symbols, got ${length}`);
  const ids = Int32Array.from(symbols);
  const next = new Int32Array(length);
  const previous = new Int32Array(length);
  // The packed rule of the pair starting at each live position, or -1.
  const pairRule = new Float64Array(length);
  const heap = new PackedHeap();
  let steps = 0;
  const ruleAt = (position: number): number => {
    const after = next[position]!;
    if (after >= length) return -1;
    steps += 1;
    return rules.get(ids[position]! * ID_SPAN + ids[after]!) ?? -1;
  };
  const schedule = (position: number): void => {
    const rule = ruleAt(position);
    pairRule[position] = rule;
    if (rule >= 0) heap.push(Math.floor(rule / ID_SPAN) * POSITION_SPAN + position);
  };
  for (let index = 0; index < length; index += 1) {
    next[index] = index + 1;
    previous[index] = index - 1;
  }
  for (let index = 0; index < length; index += 1) schedule(index);
  let parts = length;
  while (heap.size > 0) {
    const packed = heap.pop();
    steps += 1;
    const position = packed % POSITION_SPAN;
    const rank = (packed - position) / POSITION_SPAN;
    const rule = pairRule[position]!;
    // Stale: the position was merged away, or its pair changed since this entry was pushed.
    if (rule < 0 || Math.floor(rule / ID_SPAN) !== rank) continue;
    const removed = next[position]!;
    ids[position] = rule % ID_SPAN;
    next[position] = next[removed]!;
    if (next[position]! < length) previous[next[position]!] = position;
    pairRule[removed] = -1;
    parts -= 1;
    schedule(position);
    const before = previous[position]!;
    if (before >= 0) schedule(before);
  }
  meter.steps += steps;
  return parts;
}
