/**
 * A binary min-heap of plain numbers. The merges pack (rank, position) into one number, rank first, so the
 * heap's order is the reference merge's order: lowest rank first, leftmost on ties; numbers, not objects, keep
 * a merge over a long word free of allocation.
 *
 * @example
 * const heap = new PackedHeap();
 * heap.push(3 * 2 ** 20 + 7);
 * heap.pop(); // 3 * 2 ** 20 + 7
 */
export class PackedHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    let index = items.length;
    items.push(value);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = items[parent]!;
      if (above <= value) break;
      items[index] = above;
      index = parent;
    }
    items[index] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    const size = items.length;
    if (size === 0) return top;
    let index = 0;
    for (;;) {
      let child = index * 2 + 1;
      if (child >= size) break;
      if (child + 1 < size && items[child + 1]! < items[child]!) child += 1;
      if (items[child]! >= last) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }
}
