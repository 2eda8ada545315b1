import OpenAI from "openai";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import type { SwitchyardConfig } from "../../../src/config/schema.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";

/** A gateway on the quiet emulators behind `switchyard serve` on a free port, and the official openai client on its /v1. */
export interface ServedOpenAI {
  gateway: Gateway;
  server: SwitchyardServer;
  listening: ListeningServer;
  client: OpenAI;
  close(): Promise<void>;
}

export async function servedOpenAI(options: { seed: number; config?: SwitchyardConfig }): Promise<ServedOpenAI> {
  const gateway = await createGateway({ ...(options.config ? { config: options.config } : {}), emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: options.seed });
  const server = createServer({ gateway });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const client = new OpenAI({ baseURL: `${listening.url}/v1`, apiKey: "unused", maxRetries: 0 });
  return {
    gateway,
    server,
    listening,
    client,
    async close() {
      await listening.close();
      await server.close();
      await gateway.close();
    },
  };
}
