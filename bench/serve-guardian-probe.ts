/**
 * `npx tsx bench/serve-guardian-probe.ts`: what the guardian of `switchyard serve` (child process, quiet
 * emulator profile, in-memory checkpoints) makes of a queue. 20 warm-up requests and 40 at one client (its
 * baseline), then two phases of 160 stateless runs/wait at 16 concurrent clients; prints each phase's
 * requests/s and p50 with the load average, then every latency detection and quarantine the server logged,
 * with its evidence (a `load_ratio` there means the detector scaled its baseline by the calls in flight).
 */
import os from "node:os";
import path from "node:path";
import { workloadTasks } from "../src/workload/index.ts";
import { measureThroughput, quietConfigFile, startChildServer } from "./serve-throughput.ts";

const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini" });
const root = path.resolve(import.meta.dirname, "..");
const server = await startChildServer("switchyard serve", process.execPath, (port) => ["--import", "tsx", path.join(root, "src/cli/main.ts"), "serve", "--port", String(port), "--host", "127.0.0.1", "--config", quietConfigFile(), "--checkpoints", ":memory:"], {});
try {
  for (let index = 0; index < 20; index += 1) await measureThroughput(server, request, 1, 1);
  const one = await measureThroughput(server, request, 1, 40);
  console.log(`load ${os.loadavg()[0]?.toFixed(1)}, 1 client: ${one.requestsPerSecond.toFixed(1)} requests/s, p50 ${one.p50.toFixed(0)} ms`);
  for (let phase = 0; phase < 2; phase++) {
    const many = await measureThroughput(server, request, 16, 160);
    console.log(`load ${os.loadavg()[0]?.toFixed(1)}, 16 clients: ${many.requestsPerSecond.toFixed(1)} requests/s, p50 ${many.p50.toFixed(0)} ms`);
  }
  for (const line of server.output().split("\n")) if (line.includes('"guardian":true') && (line.includes('"kind":"latency"') || line.includes('"kind":"quarantine"'))) console.log(line.slice(0, 600));
} finally {
  await server.stop();
}
