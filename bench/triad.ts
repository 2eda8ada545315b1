import { runTriadFromArgs } from "./triad/triad-args.ts";
import type { BenchResult } from "./types.ts";

/**
 * The triad study. `npm run bench -- triad` runs the shipped scenarios (default profile with the 48-cell
 * factorial, two more profiles, a mid-run drift); flags after the name pass through, e.g.
 * `npm run bench -- triad --profile profiles/triad-inverted.yaml` (see `switchyard bench triad --help`).
 */
export async function run(): Promise<BenchResult> {
  const flags = process.argv.slice(process.argv.indexOf("triad") + 1);
  const argv = ["triad", ...(flags.some((flag) => flag === "--profile" || flag === "--drift" || flag === "--shipped" || flag === "--held-out" || flag === "--random-profile") ? flags : ["--shipped", ...flags])];
  const result = await runTriadFromArgs(argv, "bench");
  if (result === undefined) process.exit(0);
  return result;
}
