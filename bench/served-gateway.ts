import { Client } from "@langchain/langgraph-sdk";
import { createGateway } from "../graphs/create-gateway.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { createServer } from "../src/server/index.ts";

/**
 * The gateway on the quiet emulator profile (emulators on a worker thread), served by `switchyard serve` on a
 * free loopback port, with an SDK client that never retries: what the serve benches split a request over.
 */
export async function servedGateway() {
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:" });
  const server = createServer({ gateway });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } });
  return { gateway, server, listening, client };
}

/** A JSON POST's fetch options. */
export const post = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Reads a runs/wait answer whole; anything but 200 throws with the start of its body. */
export async function ok(response: Response): Promise<void> {
  const text = await response.text();
  if (response.status !== 200) throw new Error(`runs/wait answered ${response.status}: ${text.slice(0, 200)}`);
}
