import { spawn, type ChildProcess } from "node:child_process";

/** A server child process and the URL it listens on. */
export interface ListeningChild {
  child: ChildProcess;
  url: string;
}

/**
 * Runs `file` under tsx in its own process (so a test can SIGKILL or SIGTERM it) and resolves once it prints
 * `listening on URL`; rejects with everything it wrote if it exits first.
 */
export function startListeningChild(file: string, args: readonly string[], name = "child"): Promise<ListeningChild> {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (\S+)/.exec(output);
      if (found?.[1] !== undefined) resolve({ child, url: found[1] });
    });
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before listening:\n${output}`)));
  });
}
