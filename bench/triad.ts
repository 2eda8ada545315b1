import { openTriadGateway } from "../src/cli/commands/bench.ts";
import { loadConfig } from "../src/config/load.ts";
import { runTriadBench } from "../src/output-modes/index.ts";
import type { BenchResult } from "./types.ts";

/**
 * The triad study: 48 configurations (backend x mode x schema constraint x transport compression) through
 * the gateway, then fixed, per-backend-default and adaptive mode policies on the same requests.
 */
export async function run(): Promise<BenchResult> {
  return runTriadBench({ config: loadConfig().config, open: openTriadGateway });
}
