/**
 * `switchyard serve` in one run, on the quiet emulator profile, through the official SDK Client (undici
 * fetch, keep-alive):
 *
 * 1. The hop: the same gateway invoked in process and through runs/wait of a server in the same process
 *    (interleaved, so drift hits both alike): p50/p99 of each, their difference, and CPU per request of each
 *    (process.cpuUsage around every call; the runs/wait side includes the SDK client's own work).
 * 2. Throughput: `switchyard serve` and the official LangGraph dev server (`langgraphjs dev`, analytics off,
 *    its own in-memory checkpointer) as child processes on the same graph and config, stateless runs/wait at
 *    1 and 16 concurrent clients, alternated; requests/s, wall p50/p99 and the server process tree's CPU per
 *    request, and how often the guardian quarantined a deployment meanwhile.
 *
 * `SWITCHYARD_BENCH_ROUNDS` sets the hop's rounds (default 200); `SWITCHYARD_BENCH_LOAD` the requests per
 * 16-client phase (default 160, run twice per server). `SWITCHYARD_BENCH_PROFILE=1` runs `switchyard serve`
 * under `--cpu-prof` and splits its CPU per request in the first 16-client phase into src/server, HTTP and
 * the rest (the profiler slows the server: its throughput figures are then not comparable).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { createGateway } from "../graphs/create-gateway.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { createServer } from "../src/server/index.ts";
import { percentile } from "../src/telemetry/percentile.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { cpuShares, mainThreadProfile, measureThroughput, monotonicUs, quarantinesIn, quietConfigFile, startChildServer, type ChildServer, type ThroughputSample } from "./serve-throughput.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ROUNDS ?? 200);
const LOAD = Number(process.env.SWITCHYARD_BENCH_LOAD ?? 160);
const CONCURRENCY = 16;
/** requests/s of `switchyard serve` at 16 clients when issue #18 was filed (load 0.1). */
const FILED_REQUESTS_PER_SECOND = 40;

const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini" });

function cpuMsSince(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function measureHop(): Promise<BenchFigure[]> {
  // Emulators on a worker thread, as `switchyard serve` runs them: a provider's CPU is not the gateway's.
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:" });
  const server = createServer({ gateway });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } });
  try {
    const inProcess: number[] = [];
    const overHttp: number[] = [];
    let inProcessCpu = 0;
    let overHttpCpu = 0;
    for (let index = 0; index < 20; index += 1) {
      await gateway.invoke(request(index), { threadId: `warm-${index}` });
      await client.runs.wait(null, "gateway", { input: { request: request(index) } });
    }
    for (let index = 0; index < ROUNDS; index += 1) {
      let cpu = process.cpuUsage();
      let started = performance.now();
      await gateway.invoke(request(index), { threadId: `direct-${index}` });
      inProcess.push(performance.now() - started);
      inProcessCpu += cpuMsSince(cpu);
      const thread = await client.threads.create();
      cpu = process.cpuUsage();
      started = performance.now();
      await client.runs.wait(thread.thread_id, "gateway", { input: { request: request(index) } });
      overHttp.push(performance.now() - started);
      overHttpCpu += cpuMsSince(cpu);
    }
    const [directP50, directP99, httpP50, httpP99] = [percentile(inProcess, 0.5), percentile(inProcess, 0.99), percentile(overHttp, 0.5), percentile(overHttp, 0.99)];
    const baseline = "gateway.invoke in process, same run";
    return [
      { metric: "gateway.invoke p50", value: directP50, unit: "ms" },
      { metric: "gateway.invoke p99", value: directP99, unit: "ms" },
      { metric: "runs/wait p50 (1 client, thread)", value: httpP50, unit: "ms", baseline, ratio: httpP50 / directP50 },
      { metric: "runs/wait p99 (1 client, thread)", value: httpP99, unit: "ms", baseline, ratio: httpP99 / directP99 },
      { metric: "hop p50 (runs/wait - invoke)", value: httpP50 - directP50, unit: "ms", goal: 1 },
      { metric: "CPU per gateway.invoke", value: inProcessCpu / ROUNDS, unit: "ms" },
      { metric: "CPU per runs/wait (server + SDK client)", value: overHttpCpu / ROUNDS, unit: "ms", baseline, ratio: overHttpCpu / inProcessCpu },
    ];
  } finally {
    await listening.close();
    await server.close();
    await gateway.close();
  }
}

function combine(samples: readonly ThroughputSample[]): ThroughputSample {
  const seconds = samples.reduce((sum, sample) => sum + LOAD / sample.requestsPerSecond, 0);
  return {
    requestsPerSecond: (LOAD * samples.length) / seconds,
    p50: Math.max(...samples.map((sample) => sample.p50)),
    p99: Math.max(...samples.map((sample) => sample.p99)),
    serverCpuMs: samples.reduce((sum, sample) => sum + sample.serverCpuMs, 0) / samples.length,
    failed: samples.reduce((sum, sample) => sum + sample.failed, 0),
  };
}

async function measureServers(): Promise<BenchFigure[]> {
  const config = quietConfigFile();
  const root = path.resolve(import.meta.dirname, "..");
  const servers: ChildServer[] = [];
  const profileFolder = process.env.SWITCHYARD_BENCH_PROFILE === "1" ? fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-serve-profile-")) : undefined;
  const profileFlags = profileFolder === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileFolder}`];
  let profiled: { fromUs: number; toUs: number } | undefined;
  try {
    servers.push(
      await startChildServer("switchyard serve", process.execPath, (port) => [...profileFlags, "--import", "tsx", path.join(root, "src/cli/main.ts"), "serve", "--port", String(port), "--host", "127.0.0.1", "--config", config, "--checkpoints", ":memory:"], {}),
    );
    servers.push(
      await startChildServer("langgraph dev", process.execPath, (port) => [path.join(root, "node_modules/@langchain/langgraph-cli/dist/cli/cli.mjs"), "dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser"], {
        LANGGRAPH_CLI_NO_ANALYTICS: "1",
        SWITCHYARD_CONFIG: config,
      }),
    );
    for (const server of servers) for (let index = 0; index < 20; index += 1) await measureThroughput(server, request, 1, 1);
    const single = new Map<string, ThroughputSample>();
    const loaded = new Map<string, ThroughputSample[]>();
    for (const server of servers) single.set(server.name, await measureThroughput(server, request, 1, Math.max(20, LOAD / 4)));
    // Alternated, twice, so a burst of load from elsewhere on the machine falls on both servers.
    for (let pass = 0; pass < 2; pass += 1) {
      for (const server of servers) {
        const fromUs = monotonicUs();
        loaded.set(server.name, [...(loaded.get(server.name) ?? []), await measureThroughput(server, request, CONCURRENCY, LOAD)]);
        if (pass === 0 && server === servers[0]) profiled = { fromUs, toUs: monotonicUs() };
      }
    }
    const ours = combine(loaded.get("switchyard serve") ?? []);
    const official = combine(loaded.get("langgraph dev") ?? []);
    const figures: BenchFigure[] = [];
    for (const server of servers) {
      const one = single.get(server.name) as ThroughputSample;
      const many = combine(loaded.get(server.name) ?? []);
      figures.push(
        { metric: `${server.name}: requests/s, 1 client`, value: one.requestsPerSecond, unit: "req/s" },
        { metric: `${server.name}: p50, 1 client`, value: one.p50, unit: "ms" },
        { metric: `${server.name}: server CPU per request, 1 client`, value: one.serverCpuMs, unit: "ms" },
        { metric: `${server.name}: requests/s, ${CONCURRENCY} clients`, value: many.requestsPerSecond, unit: "req/s" },
        { metric: `${server.name}: p50 / p99, ${CONCURRENCY} clients`, value: many.p50, unit: `ms (p99 ${many.p99.toFixed(0)})` },
        { metric: `${server.name}: server CPU per request, ${CONCURRENCY} clients`, value: many.serverCpuMs, unit: "ms" },
        { metric: `${server.name}: requests not succeeded`, value: one.failed + many.failed, unit: "runs" },
      );
    }
    const serve = servers[0] as ChildServer;
    figures.push(
      { metric: `serve vs filed: requests/s at ${CONCURRENCY} clients`, value: ours.requestsPerSecond, unit: "req/s", goal: 3 * FILED_REQUESTS_PER_SECOND, baseline: `${FILED_REQUESTS_PER_SECOND} req/s when #18 was filed`, ratio: ours.requestsPerSecond / FILED_REQUESTS_PER_SECOND },
      { metric: `serve vs langgraph dev: requests/s at ${CONCURRENCY} clients`, value: ours.requestsPerSecond, unit: "req/s", baseline: "langgraph dev, same run", ratio: ours.requestsPerSecond / official.requestsPerSecond },
      { metric: "guardian quarantines in switchyard serve", value: quarantinesIn(serve.output()), unit: "events", goal: 0 },
    );
    for (const server of servers) await server.stop();
    const profile = profileFolder === undefined ? undefined : mainThreadProfile(profileFolder);
    if (profile !== undefined && profiled !== undefined) {
      const shares = cpuShares(profile, profiled.fromUs, profiled.toUs, LOAD);
      const note = `CPU per request, ${CONCURRENCY} clients, profiled`;
      figures.push(
        { metric: `switchyard serve: src/server code (${note})`, value: shares.serverCode, unit: "ms" },
        { metric: `switchyard serve: Hono, adapter, Node HTTP (${note})`, value: shares.http, unit: "ms" },
        { metric: `switchyard serve: graph run, checkpoints, GC (${note})`, value: shares.rest, unit: "ms" },
      );
    }
    return figures;
  } finally {
    for (const server of servers) await server.stop();
  }
}

export async function run(): Promise<BenchResult> {
  const only = process.env.SWITCHYARD_BENCH_PART;
  const hop = only === "servers" ? [] : await measureHop();
  const servers = only === "hop" ? [] : await measureServers();
  return { name: "server", figures: [...hop, ...servers] };
}
