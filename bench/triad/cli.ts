/**
 * Entry of `switchyard bench triad ...`: the flags as given (without one, the default profile alone), where
 * `npm run bench -- triad` (bench/triad.ts) runs the shipped scenarios by default.
 */
import { runTriadFromArgs } from "./triad-args.ts";

await runTriadFromArgs(["triad", ...process.argv.slice(2)], "bench");
