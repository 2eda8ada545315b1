import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { UsageError } from "../args.ts";

/** The triad study's own entry: its flags as given, where `npm run bench -- triad` defaults to the shipped scenarios. */
const triadRunner = fileURLToPath(new URL("../../../bench/triad/cli.ts", import.meta.url));

/**
 * `switchyard bench triad [flags]`: the benchmarks that belong to the command line (only `triad` so far). Runs
 * `bench/triad/cli.ts` in a child process with this process's loader flags (tsx): bench code lives above src/,
 * so the CLI runs it instead of importing it. Resolves when it ends; a failing bench sets the exit code.
 *
 * @example
 * await benchCommand(["triad", "--policies-only", "--seeds", "1,2,3"]);
 */
export async function benchCommand(argv: string[]): Promise<void> {
  const [name, ...flags] = argv;
  if (name !== "triad") throw new UsageError(`switchyard bench: unknown benchmark "${name ?? ""}". Fix: run "switchyard bench triad" (the others: npm run bench -- NAME).`);
  const child = spawn(process.execPath, [...process.execArgv, triadRunner, ...flags], { stdio: "inherit" });
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal === null ? 0 : 1)));
  });
  if (code !== 0) process.exitCode = code;
}
