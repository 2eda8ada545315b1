/**
 * The SDK probe (test/support/sdk-probe.ts: assistants, threads, runs in every stream mode, interrupts,
 * multitask, store, bad input, join streams by mode, batch, bulk cancel, prune, metadata patch, crons) against
 * `switchyard serve` and the official LangGraph dev server, both serving the same graphs (langgraph.json ->
 * scripts/studio.ts) on the same config and emulators, in one run. Prints the steps each passes and every step
 * where they differ. Not a test: the dev server takes ~1 min to start.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { defaultConfigInput } from "../src/config/default-config.ts";
import { quietProfile } from "../src/emulators/index.ts";
import { probeSteps, runProbe, type ProbeResult } from "../test/support/sdk-probe.ts";
import { startChildServer, type ChildServer } from "./serve-throughput.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

/** The quiet emulators with tokens paced (60 ms to the first, 400/s), so a run is in flight long enough for multitask steps. */
function pacedConfigFile(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-probe-"));
  const profile = quietProfile();
  for (const backend of Object.values(profile.backends)) backend.latency = { ttftMs: 60, tokensPerSecond: 400, jitterMs: 0 };
  const profileFile = path.join(folder, "paced-profile.json");
  fs.writeFileSync(profileFile, JSON.stringify({ ...profile, modes: {} }));
  const config = path.join(folder, "switchyard.json");
  fs.writeFileSync(config, JSON.stringify({ ...defaultConfigInput(), emulators: { profile: profileFile } }));
  return config;
}

async function probe(server: ChildServer): Promise<ProbeResult[]> {
  const client = new Client({ apiUrl: server.url, callerOptions: { maxRetries: 0 } });
  return runProbe({ client, apiUrl: server.url, ids: {} }, probeSteps);
}

export async function run(): Promise<BenchResult> {
  const root = path.resolve(import.meta.dirname, "..");
  const config = pacedConfigFile();
  const results = new Map<string, ProbeResult[]>();
  const servers: ChildServer[] = [];
  try {
    servers.push(await startChildServer("switchyard serve", process.execPath, (port) => ["--import", "tsx", path.join(root, "src/cli/main.ts"), "serve", "--port", String(port), "--host", "127.0.0.1", "--config", config, "--checkpoints", ":memory:"], {}));
    servers.push(
      await startChildServer("langgraph dev", process.execPath, (port) => [path.join(root, "node_modules/@langchain/langgraph-cli/dist/cli/cli.mjs"), "dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser"], {
        LANGGRAPH_CLI_NO_ANALYTICS: "1",
        SWITCHYARD_CONFIG: config,
      }),
    );
    for (const server of servers) results.set(server.name, await probe(server));
  } finally {
    for (const server of servers) await server.stop();
  }
  const ours = results.get("switchyard serve") ?? [];
  const theirs = results.get("langgraph dev") ?? [];
  for (const [index, step] of ours.entries()) {
    const other = theirs[index];
    if (other === undefined || other.ok === step.ok) continue;
    console.log(`differs: ${step.name}\n  switchyard serve: ${step.ok ? "pass" : step.error}\n  langgraph dev:    ${other.ok ? "pass" : other.error}`);
  }
  const passed = (list: ProbeResult[]) => list.filter((result) => result.ok).length;
  const officialPasses = new Set(theirs.filter((result) => result.ok).map((result) => result.name));
  const figures: BenchFigure[] = [
    { metric: "probe steps", value: probeSteps.length, unit: "steps" },
    { metric: "passed by switchyard serve", value: passed(ours), unit: "steps", goal: probeSteps.length },
    { metric: "passed by langgraph dev", value: passed(theirs), unit: "steps", baseline: "langgraph dev" },
    { metric: "passed by langgraph dev, failed by switchyard", value: ours.filter((result) => !result.ok && officialPasses.has(result.name)).length, unit: "steps", goal: 0 },
  ];
  return { name: "sdk-probe", figures };
}
