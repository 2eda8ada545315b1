import { createGateway } from "../../../graphs/create-gateway.ts";
import { defaultProfile } from "../../emulators/index.ts";
import { loadConfig } from "../../config/load.ts";
import type { TriadGatewayFactory } from "../../output-modes/triad-study.ts";
import { runTriadBench } from "../../output-modes/triad-bench.ts";
import { intFlag, parseCommandArgs, UsageError } from "../args.ts";

/** Every gateway of the study: in-memory checkpoints, fresh emulators on the default (demo) profile. */
export const openTriadGateway: TriadGatewayFactory = (config) => createGateway({ checkpoints: ":memory:", emulatorProfile: defaultProfile(), config });

const usage = `switchyard bench triad [--repetitions N] [--policy-requests N] [--concurrency N] [--out DIR]
  The triad study on the embedded emulators (default profile): 48 configurations (3 backends x 4 modes x
  schema constraint on/off x transport compression on/off), N requests each (default 24), then fixed,
  per-backend-default and adaptive output-mode policies on the same requests (default 300 per backend).
  Prints the tables and goal figures; writes DIR/triad.svg and DIR/triad.json (default .switchyard/bench).`;

/** `switchyard bench NAME`: the benchmarks that belong to the command line (only `triad` so far). */
export async function benchCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs("bench", argv, {
    repetitions: { type: "string" },
    "policy-requests": { type: "string" },
    concurrency: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help) return void console.log(usage);
  const [name] = positionals;
  if (name !== "triad") throw new UsageError(`switchyard bench: unknown benchmark "${name ?? ""}". Fix: run "switchyard bench triad".\n${usage}`);
  await runTriadBench({
    config: loadConfig().config,
    open: openTriadGateway,
    repetitions: intFlag("bench", "repetitions", values.repetitions, 24),
    policyRequests: intFlag("bench", "policy-requests", values["policy-requests"], 300),
    concurrency: intFlag("bench", "concurrency", values.concurrency, 12),
    ...(values.out ? { outDir: values.out } : {}),
  });
}
