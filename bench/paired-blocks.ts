/** The median of some figures (the middle two averaged for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Per round, one path's block minus another's (`a[i] − b[i]`): blocks measured next to each other share the
 * machine's state at that time, so the pair's difference keeps less of its drift than a difference of totals.
 */
export function paired(a: readonly number[], b: readonly number[]): number[] {
  return a.slice(0, b.length).map((value, index) => value - b[index]!);
}

/**
 * CPU per call (ms) of two variants timed in alternated blocks of `block` calls (`process.cpuUsage`, every
 * thread), the order reversed every other block, after `warmup` calls of each: neighbouring blocks share the
 * machine's state, so `reportPairedBlocks` can pair them.
 */
export async function alternatedCpuBlocks<Name extends string>(names: readonly [Name, Name], one: (name: Name, index: number) => Promise<void>, options: { rounds: number; block: number; warmup: number }): Promise<Record<Name, number[]>> {
  for (let index = 0; index < options.warmup; index++) for (const name of names) await one(name, -1 - index);
  const perBlock = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
  for (let block = 0; block < options.rounds; block += options.block) {
    for (const name of block % (2 * options.block) === 0 ? names : [...names].reverse()) {
      const started = process.cpuUsage();
      for (let index = block; index < block + options.block; index++) await one(name, index);
      const used = process.cpuUsage(started);
      perBlock[name].push((used.user + used.system) / 1000 / options.block);
    }
  }
  return perBlock;
}

/** Prints each variant's CPU per call, `after − before` per block pair (median, quartiles) and `after / before`. */
export function reportPairedBlocks<Name extends string>(perBlock: Record<Name, number[]>, before: Name, after: Name, digits = 3): void {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  for (const name of [before, after]) console.log(`${mean(perBlock[name]).toFixed(2).padStart(7)} ms CPU/request  ${name}  (median block ${median(perBlock[name]).toFixed(2)})`);
  const differences = paired(perBlock[after], perBlock[before]).sort((a, b) => a - b);
  const quartile = (fraction: number) => differences[Math.floor(fraction * (differences.length - 1))]!;
  console.log(`${after} − ${before} per block pair: median ${median(differences).toFixed(digits)} ms, quartiles ${quartile(0.25).toFixed(digits)} .. ${quartile(0.75).toFixed(digits)} ms (${differences.length} pairs)`);
  console.log(`${after} / ${before}: ${(mean(perBlock[after]) / mean(perBlock[before])).toFixed(3)}`);
}
