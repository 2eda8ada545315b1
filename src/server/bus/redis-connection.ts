import type { Redis } from "ioredis";

/**
 * Logs a connection's errors once per outage (ioredis emits one per reconnect attempt, and prints
 * "Unhandled error event" for a client with no listener); the commands themselves fail with their own errors.
 */
export function logConnectionErrors(client: Redis, label: string, log: (line: string) => void): Redis {
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log(`run bus: ${label} connection to Redis failed: ${error.message}; retrying`);
  });
  client.on("ready", () => {
    if (down) log(`run bus: ${label} connection to Redis is back`);
    down = false;
  });
  return client;
}

/** An error's message without its closing period, to end a sentence of ours. */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
}
