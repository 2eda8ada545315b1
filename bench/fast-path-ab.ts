/**
 * `npx tsx bench/fast-path-ab.ts`: two or more checkouts' `switchyard serve` side by side on one loopback upstream,
 * in interleaved rounds of sequential /v1 requests (the order reversed every other round), printing each
 * server's CPU per request (its process tree, from /proc) and p50 latency per round. For A/B of a change to the
 * /v1 path when the fast-path bench's run-to-run spread (mostly Portkey's) hides it. Checkouts are directories
 * with src/ and node_modules (e.g. `git archive HEAD~1 src graphs nodes … | tar -x -C /tmp/base`):
 * FAST_PATH_AB_ROOTS=/tmp/base,$PWD FAST_PATH_AB_ROUNDS=10 FAST_PATH_AB_REQUESTS=1000 npx tsx bench/fast-path-ab.ts
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startUpstream } from "./fast-path-servers.ts";
import { startChildServer, treeCpuMs, type ChildServer } from "./serve-throughput.ts";

const roots = (process.env.FAST_PATH_AB_ROOTS ?? process.cwd()).split(",");
const ROUNDS = Number(process.env.FAST_PATH_AB_ROUNDS ?? 10);
const REQUESTS = Number(process.env.FAST_PATH_AB_REQUESTS ?? 1_000);
const WARM_UP = Number(process.env.FAST_PATH_AB_WARM_UP ?? 3_000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({ model: "chat", messages: [{ role: "system", content: "You are terse." }, { role: "user", content: "My order ORD-1 never arrived and I want a refund of $40" }], max_tokens: 64 });

function post(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`))));
    });
    request.on("error", reject);
    request.end(body);
  });
}

function startServe(root: string, upstreamUrl: string): Promise<ChildServer> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-fast-path-ab-"));
  const config = path.join(folder, "switchyard.json");
  const deployment = { id: "upstream", provider: "openai", model: "bench-model", base_url: `${upstreamUrl}/v1`, api_key_env: "FAST_PATH_BENCH_KEY", price: { input_per_1m: 0.15, output_per_1m: 0.6 }, limits: { max_concurrent: 64 } };
  fs.writeFileSync(config, JSON.stringify({ version: 1, deployments: [deployment], model_groups: [{ name: "chat", deployments: ["upstream"] }], requests: { model_group: "chat" }, output_modes: { policy: "fixed", defaults: { openai: "emit", "google-genai": "emit", ollama: "emit" } } }));
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  return startChildServer(root, process.execPath, (port) => [tsx, path.join(root, "src/cli/main.ts"), "serve", "--port", String(port), "--config", config, "--checkpoints", path.join(folder, "state.db")], { FAST_PATH_BENCH_KEY: "sk-bench" });
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const upstream = await startUpstream("hello there");
const servers: ChildServer[] = [];
try {
  servers.push(...(await Promise.all(roots.map((root) => startServe(root, upstream.url)))));
  for (const server of servers) for (let index = 0; index < WARM_UP; index++) await post(`${server.url}/v1/chat/completions`);
  const cpu = servers.map((): number[] => []);
  const p50 = servers.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = servers.map((_, index) => (round % 2 === 0 ? index : servers.length - 1 - index));
    for (const index of order) {
      const server = servers[index] as ChildServer;
      const before = treeCpuMs(server.pid);
      const latencies: number[] = [];
      for (let count = 0; count < REQUESTS; count++) {
        const started = performance.now();
        await post(`${server.url}/v1/chat/completions`);
        latencies.push(performance.now() - started);
      }
      cpu[index]?.push((treeCpuMs(server.pid) - before) / REQUESTS);
      p50[index]?.push(median(latencies));
    }
  }
  roots.forEach((root, index) => {
    const list = (values: number[] | undefined) => (values ?? []).map((value) => value.toFixed(3)).join(" ");
    console.log(`${root}\n  CPU per request (ms): ${list(cpu[index])}; median ${median(cpu[index] ?? []).toFixed(3)}\n  p50 (ms): ${list(p50[index])}; median ${median(p50[index] ?? []).toFixed(3)}`);
  });
} finally {
  for (const server of servers) await server.stop();
  await upstream.stop();
}
