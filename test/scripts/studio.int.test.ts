/**
 * The Studio entry (langgraph.json -> scripts/studio.ts) under the official LangGraph dev server, driven by the
 * official SDK client: the server passes every run a context of its own, and the gateway must still find the
 * engine the entry bound (a regression here fails every Studio run with EngineMissingError).
 */
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { startChildServer, type ChildServer } from "../../bench/serve-throughput.ts";

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
});
