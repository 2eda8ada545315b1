/**
 * `npx tsx bench/serve-profile.ts`: `switchyard serve` as a child process under `--cpu-prof`, stateless
 * runs/wait of the gateway at 16 clients (the server bench's load phase), then the server process's CPU per
 * request from /proc and the main-thread profile's file, for reading where the server's own time goes
 * (e.g. with a self/inclusive tally). `SERVE_PROFILE_LOAD` sets the requests (default 320); `SERVE_PROFILE_ROOT`
 * the checkout whose server runs (default this one), so two commits can be profiled alike.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { workloadTasks } from "../src/workload/index.ts";
import { mainThreadProfile, measureThroughput, monotonicUs, quietConfigFile, startChildServer } from "./serve-throughput.ts";

const LOAD = Number(process.env.SERVE_PROFILE_LOAD ?? 320);
const root = path.resolve(process.env.SERVE_PROFILE_ROOT ?? path.join(import.meta.dirname, ".."));
const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini" });

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-serve-profile-"));
const server = await startChildServer("switchyard serve", process.execPath, (port) => ["--cpu-prof", `--cpu-prof-dir=${folder}`, "--import", "tsx", path.join(root, "src/cli/main.ts"), "serve", "--port", String(port), "--host", "127.0.0.1", "--config", quietConfigFile(), "--checkpoints", ":memory:"], {});
try {
  for (let index = 0; index < 20; index += 1) await measureThroughput(server, request, 1, 1);
  const fromUs = monotonicUs();
  const sample = await measureThroughput(server, request, 16, LOAD);
  // The profile's timestamps are on the same monotonic clock: only samples in this window are the load's.
  console.log(`window: ${fromUs} ${monotonicUs()}`);
  console.log(`load ${os.loadavg()[0]?.toFixed(1)}: ${sample.requestsPerSecond.toFixed(1)} req/s, p50 ${sample.p50.toFixed(1)} ms, server CPU per request ${sample.serverCpuMs.toFixed(2)} ms, failed ${sample.failed}`);
} finally {
  await server.stop();
}
console.log(`profile: ${mainThreadProfile(folder) ?? "(none written)"}`);
