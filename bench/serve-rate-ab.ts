/**
 * `SERVE_AB_ROOTS=/tmp/base,$PWD npx tsx bench/serve-rate-ab.ts`: `switchyard serve` of two or more checkouts
 * as child processes (quiet emulator profile, in-memory checkpoints), alternated (the order reversed every
 * other pass), each pass a fresh server per checkout: 20 warm-up requests, then stateless runs/wait of the
 * gateway at 16 concurrent SDK clients. Prints per checkout and pass: requests/s, p50, the server process
 * tree's CPU per request (from /proc) and the guardian's quarantines, with the load average after each pass.
 * Checkouts are directories with src/ and node_modules (e.g. `git archive HEAD~1 | tar -x -C /tmp/base`).
 * SERVE_AB_PASSES (default 3) and SERVE_AB_LOAD (requests per phase, default 160) size it.
 */
import os from "node:os";
import path from "node:path";
import { workloadTasks } from "../src/workload/index.ts";
import { measureThroughput, quarantinesIn, quietConfigFile, startChildServer, type ThroughputSample } from "./serve-throughput.ts";

const roots = (process.env.SERVE_AB_ROOTS ?? process.cwd()).split(",").map((root) => path.resolve(root));
const PASSES = Number(process.env.SERVE_AB_PASSES ?? 3);
const LOAD = Number(process.env.SERVE_AB_LOAD ?? 160);
const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini" });
const config = quietConfigFile();

async function onePhase(root: string): Promise<ThroughputSample & { quarantines: number }> {
  const server = await startChildServer("switchyard serve", process.execPath, (port) => ["--import", "tsx", path.join(root, "src/cli/main.ts"), "serve", "--port", String(port), "--host", "127.0.0.1", "--config", config, "--checkpoints", ":memory:"], {});
  try {
    for (let index = 0; index < 20; index += 1) await measureThroughput(server, request, 1, 1);
    const sample = await measureThroughput(server, request, 16, LOAD);
    return { ...sample, quarantines: quarantinesIn(server.output()) };
  } finally {
    await server.stop();
  }
}

const samples = roots.map((): Array<ThroughputSample & { quarantines: number }> => []);
const loads: string[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  const order = roots.map((_, index) => (pass % 2 === 0 ? index : roots.length - 1 - index));
  for (const index of order) samples[index]?.push(await onePhase(roots[index] as string));
  loads.push(os.loadavg()[0]?.toFixed(1) ?? "?");
  console.log(`pass ${pass + 1} of ${PASSES} done, load ${loads[loads.length - 1]}`);
}
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(`load after each pass: ${loads.join(" ")}`);
roots.forEach((root, index) => {
  const own = samples[index] ?? [];
  const row = (label: string, read: (sample: ThroughputSample & { quarantines: number }) => number, digits = 1) => console.log(`  ${label}: ${own.map((sample) => read(sample).toFixed(digits)).join(" ")}; median ${median(own.map(read)).toFixed(digits)}`);
  console.log(root);
  row("requests/s, 16 clients", (sample) => sample.requestsPerSecond);
  row("p50 (ms)", (sample) => sample.p50, 0);
  row("server CPU per request (ms)", (sample) => sample.serverCpuMs, 2);
  row("quarantines", (sample) => sample.quarantines, 0);
  row("requests not succeeded", (sample) => sample.failed, 0);
});
