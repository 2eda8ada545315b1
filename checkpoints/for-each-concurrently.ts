/**
 * Runs `work` on every item, at most `concurrency` at once, in order of start; rejects with the first failure
 * (the other workers stop taking new items).
 *
 * @example
 * await forEachConcurrently(lines, 4, (line) => copyLine(line));
 */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
