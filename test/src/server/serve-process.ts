import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

/** `switchyard serve` as a child process on a free port and its own SQLite file: what an operator runs. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  directory: string;
  database: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code (or signal) once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Deletes the scratch directory (after stop). */
  remove(): void;
}

export async function startServe(options: { config?: string } = {}): Promise<ServeProcess> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-serve-"));
  const database = path.join(directory, "state.db");
  const args = ["bin/switchyard.mjs", "serve", "--port", "0", "--checkpoints", database, ...(options.config ? ["--config", options.config] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /on (http:\/\/\S+)/.exec(output);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    void exited.then(({ code }) => reject(new Error(`switchyard serve exited (${code}) before listening:\n${output}`)));
  });
  return {
    url,
    child,
    directory,
    database,
    output: () => output,
    remove() {
      fs.rmSync(directory, { recursive: true, force: true });
    },
    stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
