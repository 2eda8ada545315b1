/**
 * The LangGraph API contract of `switchyard serve`, driven only by the official SDK Client over loopback:
 * every graph of langgraph.json, assistants, threads, runs in every stream mode, interrupts, multitask, store,
 * the bad-input answers, join streams by mode, batch, bulk cancel, prune, metadata patch and crons
 * (test/support/sdk-probe.ts). bench/sdk-probe.ts runs the same steps against the
 * official dev server too.
 */
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";
import { probeSteps, type ProbeContext } from "../../support/sdk-probe.ts";

/** Tokens arrive one by one at a steady pace, so a run is in flight long enough for multitask requests to meet it. */
function pacedProfile() {
  const profile = quietProfile();
  for (const backend of Object.values(profile.backends)) backend.latency = { ttftMs: 60, tokensPerSecond: 400, jitterMs: 0 };
  return profile;
}

describe("switchyard serve: the SDK contract", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let context: ProbeContext;
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: pacedProfile() }), checkpoints: ":memory:", seed: 5 });
    server = createServer({ gateway });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    context = { client: new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } }), apiUrl: listening.url, ids: {} };
  });
  afterAll(async () => {
    await listening?.close();
    await server?.close();
    await gateway?.close();
  });

  for (const step of probeSteps) it(step.name, async () => step.run(context), 30_000);

  it("each step above ran against every graph's own assistant (six served)", async () => {
    expect((await context.client.assistants.count({ metadata: { created_by: "system" } }))).toBe(6);
  });
});
