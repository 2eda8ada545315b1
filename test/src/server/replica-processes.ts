import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { postgresUrl } from "../../support/services.ts";

/** The steps graph's model (replica-graphs.ts), counting calls per (thread, step); `held` resolves once a call is held open. */
export interface StepsModel {
  url: string;
  calls: Map<string, number>;
  held: Promise<void>;
  close(): void;
}

/**
 * The model the steps graph calls: answers at once with `answer-N` (N the call's count for its thread and
 * step), except a thread's first call of step "two", which it holds open and announces (`held`) so a test can
 * kill the replica in the middle of it. A resumed run that repeated a finished step shows as a second call.
 */
export function startStepsModel(): Promise<StepsModel> {
  const calls = new Map<string, number>();
  let holding: (() => void) | undefined;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://model");
    const key = `${url.searchParams.get("thread")}|${url.searchParams.get("step")}`;
    const count = (calls.get(key) ?? 0) + 1;
    calls.set(key, count);
    if (url.searchParams.get("step") === "two" && count === 1) {
      holding?.();
      return; // never answered: the replica dies waiting
    }
    response.end(`answer-${count}`);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, calls, held, close: () => server.close() && server.closeAllConnections() });
    }),
  );
}

/**
 * A replica in its own process (`childFile` is run with the Postgres URL, the schema and the model's URL), so
 * a test can SIGKILL it; resolves with the URL it prints as `listening on URL`.
 */
export function startReplicaChild(childFile: string, schema: string, modelUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", childFile, postgresUrl, schema, modelUrl], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (\S+)/.exec(output);
      if (found?.[1] !== undefined) resolve({ child, url: found[1] });
    });
    child.once("exit", (code) => reject(new Error(`replica child exited (${code}) before listening:\n${output}`)));
  });
}
