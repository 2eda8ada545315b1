/**
 * The Studio entry (langgraph.json -> scripts/studio.ts) under the official LangGraph dev server, driven by the
 * official SDK client: the server passes every run a context of its own, and the gateway must still find the
 * engine the entry bound (a regression here fails every Studio run with EngineMissingError).
 */
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { startChildServer, type ChildServer } from "../../bench/serve-throughput.ts";
import { createGateway } from "../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../src/emulators/index.ts";
import { createServer } from "../../src/server/index.ts";
import { probeSteps, runProbe } from "../support/sdk-probe.ts";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("langgraph dev on scripts/studio.ts", () => {
  let server: ChildServer;
  beforeAll(async () => {
    const cli = path.join(root, "node_modules/@langchain/langgraph-cli/dist/cli/cli.mjs");
    server = await startChildServer("langgraph dev", process.execPath, (port) => [cli, "dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser"], { LANGGRAPH_CLI_NO_ANALYTICS: "1" });
  }, 150_000);
  afterAll(async () => server?.stop());

  it("serves every graph of langgraph.json and answers a gateway run with the entry's engine", async () => {
    const client = new Client({ apiUrl: server.url, callerOptions: { maxRetries: 0 } });
    const graphs = (await client.assistants.search({ limit: 20 })).map((assistant) => assistant.graph_id).sort();
    expect(graphs).toEqual(["gateway", "guardian", "memory", "router", "support-agent", "verification"]);
    const thread = await client.threads.create();
    const state = (await client.runs.wait(thread.thread_id, "gateway", { input: { request: { input: "Order ORD-4411 arrived broken, I want a refund. — Ana" } } })) as { status?: string; output?: { valid?: boolean } };
    expect(state.status).toBe("succeeded");
    expect(state.output?.valid).toBe(true);
  }, 120_000);

  it("passes every SDK probe step the official dev server passes (switchyard serve in process, same steps)", async () => {
    const official = await runProbe({ client: new Client({ apiUrl: server.url, callerOptions: { maxRetries: 0 } }), apiUrl: server.url, ids: {} }, probeSteps);
    // Tokens paced as in the contract test, so multitask steps meet a run in flight.
    const profile = quietProfile();
    for (const backend of Object.values(profile.backends)) backend.latency = { ttftMs: 60, tokensPerSecond: 400, jitterMs: 0 };
    const gateway = await createGateway({ emulators: emulatorLauncher({ profile }), checkpoints: ":memory:", seed: 5 });
    const ours = createServer({ gateway });
    const listening = await ours.serve({ port: 0, host: "127.0.0.1" });
    try {
      const results = await runProbe({ client: new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } }), apiUrl: listening.url, ids: {} }, probeSteps);
      const passedHere = new Set(results.filter((result) => result.ok).map((result) => result.name));
      const officialOnly = official.filter((result) => result.ok && !passedHere.has(result.name)).map((result) => result.name);
      expect(officialOnly).toEqual([]);
      expect(official.filter((result) => result.ok).length).toBeGreaterThan(0);
    } finally {
      await listening.close();
      await ours.close();
      await gateway.close();
    }
  }, 180_000);
});
