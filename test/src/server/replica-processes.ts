import http from "node:http";
import { startListeningChild, type ListeningChild } from "../../support/listening-child.ts";
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
 * a test can SIGKILL it.
 */
export function startReplicaChild(childFile: string, schema: string, modelUrl: string): Promise<ListeningChild> {
  return startListeningChild(childFile, [postgresUrl, schema, modelUrl], "replica child");
}
