import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The bench runner: benchmarks live in bench/, above src/, so the CLI runs them instead of importing them. */
const benchRunner = fileURLToPath(new URL("../../../bench/run.ts", import.meta.url));

/**
 * `switchyard bench NAME [flags]`: runs `bench/run.ts NAME [flags]` in a child process with this process's
 * loader flags (tsx), so `switchyard bench triad --profile FILE` and `npm run bench -- triad --profile FILE`
 * are the same run. Resolves when it ends; a failing bench sets this process's exit code.
 *
 * @example
 * await benchCommand(["triad", "--policies-only", "--seeds", "1,2,3"]);
 */
export async function benchCommand(argv: string[]): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, benchRunner, ...argv], { stdio: "inherit" });
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal === null ? 0 : 1)));
  });
  if (code !== 0) process.exitCode = code;
}
