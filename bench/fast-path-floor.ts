/**
 * `npx tsx bench/fast-path-floor.ts`: what moving a chat completion through a proxy costs before any logic,
 * by way of moving the bytes (bench/fast-path-floor-server.ts): node:http server and client, node:http server
 * with the /v1 endpoint's UpstreamPool, a raw net server with the pool, and a TCP relay. Sequential p50
 * overhead over the direct upstream call in interleaved rounds, median of the rounds; prints the load average.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { percentile } from "../src/telemetry/percentile.ts";
import { spawnServer, startUpstream } from "./fast-path-servers.ts";
import type { ChildServer } from "./serve-throughput.ts";

const ROUNDS = Number(process.env.FAST_PATH_ROUNDS ?? 7);
const PER_ROUND = Number(process.env.FAST_PATH_FLOOR_REQUESTS ?? 400);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({ model: "bench-model", messages: [{ role: "user", content: "My order ORD-1 never arrived" }], max_tokens: 64 });

function post(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/v1/chat/completions`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      response.on("data", () => undefined);
      response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
    });
    request.on("error", reject);
    request.end(body);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const upstream = await startUpstream('{"ok":true}');
const servers: ChildServer[] = [upstream];
try {
  const port = Number(new URL(upstream.url).port);
  const script = path.resolve("bench/fast-path-floor-server.ts");
  const modes = ["node-http", "pool", "raw", "relay"];
  const proxies = await Promise.all(modes.map((mode) => spawnServer(mode, (listen) => ["--import", "tsx", script, mode, String(listen), String(port)], "/")));
  servers.push(...proxies);
  const targets = [{ name: "direct", url: upstream.url }, ...proxies.map((proxy) => ({ name: proxy.name, url: proxy.url }))];
  process.stdout.write(`load before: ${fs.readFileSync("/proc/loadavg", "utf8")}`);
  for (const target of targets) for (let index = 0; index < 3_000; index++) await post(target.url);
  const overheads = new Map<string, number[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const p50 = new Map<string, number>();
    for (const target of targets) {
      const latencies: number[] = [];
      for (let index = 0; index < PER_ROUND; index++) {
        const started = performance.now();
        await post(target.url);
        latencies.push(performance.now() - started);
      }
      p50.set(target.name, percentile(latencies, 0.5));
    }
    for (const target of targets) overheads.get(target.name)?.push((p50.get(target.name) ?? 0) - (p50.get("direct") ?? 0));
  }
  for (const target of targets.slice(1)) {
    const rounds = overheads.get(target.name) ?? [];
    process.stdout.write(`${target.name.padEnd(10)} p50 overhead ${(median(rounds) * 1000).toFixed(0).padStart(4)} µs (rounds: ${rounds.map((value) => (value * 1000).toFixed(0)).join(" ")})\n`);
  }
  process.stdout.write(`load after: ${fs.readFileSync("/proc/loadavg", "utf8")}`);
} finally {
  agent.destroy();
  await Promise.all(servers.map((server) => server.stop()));
}
