/**
 * 1, 2 and 3 `switchyard serve` replicas (child processes) on one Postgres database and one Redis run bus:
 * requests/s, p50/p99 and the CPU of every replica's process tree per request with 16 clients sending
 * runs/wait round-robin over the replicas; and, with 2 and more, how much later a client following a run from
 * another replica sees its events than one following it on the replica that runs it, and how soon a run queued on
 * one replica behind a run executing on another starts once that run ends.
 *
 * What a 2-core machine can show: the replicas share two cores, so throughput cannot grow with their number;
 * CPU per request shows what a replica costs, and the delay figures show what crossing replicas costs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { percentile } from "../../src/telemetry/percentile.ts";
import { workloadTasks } from "../../src/workload/index.ts";
import { withDatabase } from "../../test/fixtures/server/crash-serve.ts";
import { quietConfigFile, startChildServer, treeCpuMs, type ChildServer } from "../serve-throughput.ts";
import type { BenchFigure } from "../types.ts";

const LOAD = Number(process.env.SWITCHYARD_BENCH_LOAD ?? 160);
const CLIENTS = 16;
const FOLLOW_SAMPLES = Number(process.env.SWITCHYARD_BENCH_FOLLOW ?? 20);
const root = path.resolve(import.meta.dirname, "../..");
const tasks = workloadTasks();
const input = (index: number) => ({ request: { input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini" } });

function replicaConfig(storage: string, redisUrl: string, prefix: string): string {
  const base = JSON.parse(fs.readFileSync(quietConfigFile(), "utf8")) as Record<string, unknown>;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-replicas-")), "switchyard.json");
  const server = { ...((base.server as Record<string, unknown> | undefined) ?? {}), run_bus: { url: redisUrl, key_prefix: prefix } };
  fs.writeFileSync(file, JSON.stringify({ ...base, storage, checkpoints: undefined, server }));
  return file;
}

async function startReplicas(count: number, config: string): Promise<ChildServer[]> {
  const replicas: ChildServer[] = [];
  try {
    // One at a time: the first runs the setup step; the others find the tables made.
    for (let index = 0; index < count; index += 1) {
      replicas.push(await startChildServer(`replica ${index}`, process.execPath, (port) => ["--import", "tsx", path.join(root, "src/cli/main.ts"), "serve", "--port", String(port), "--host", "127.0.0.1", "--config", config], {}));
    }
    return replicas;
  } catch (error) {
    await Promise.allSettled(replicas.map((replica) => replica.stop()));
    throw error;
  }
}

interface Phase {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  failed: number;
}

async function load(replicas: readonly ChildServer[], total: number, offset: number): Promise<Phase> {
  const clients = replicas.map((replica) => new Client({ apiUrl: replica.url, callerOptions: { maxRetries: 0, maxConcurrency: CLIENTS } }));
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const cpuBefore = replicas.map((replica) => treeCpuMs(replica.pid));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < total) {
        const index = next++;
        const client = clients[index % clients.length] as Client;
        const sent = performance.now();
        const state = (await client.runs.wait(null, "gateway", { input: input(offset + index) }).catch(() => undefined)) as { status?: string } | undefined;
        latencies.push(performance.now() - sent);
        if (state?.status !== "succeeded") failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = replicas.reduce((sum, replica, index) => sum + treeCpuMs(replica.pid) - (cpuBefore[index] ?? 0), 0);
  return { requestsPerSecond: total / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), cpuPerRequest: cpu / total, failed };
}

/** ms from a background run's creation on A to its last event at a follower on `follower`. */
async function followDelay(runner: ChildServer, follower: ChildServer, index: number): Promise<number> {
  const a = new Client({ apiUrl: runner.url, callerOptions: { maxRetries: 0 } });
  const b = new Client({ apiUrl: follower.url, callerOptions: { maxRetries: 0 } });
  const thread = await a.threads.create();
  const started = performance.now();
  const run = await a.runs.create(thread.thread_id, "gateway", { input: input(index) });
  let last = started;
  for await (const _part of b.runs.joinStream(thread.thread_id, run.run_id)) last = performance.now();
  return last - started;
}

async function measureFollow(replicas: readonly ChildServer[]): Promise<BenchFigure[]> {
  const count = replicas.length;
  const [a, b] = replicas;
  if (a === undefined || b === undefined) return [];
  const local: number[] = [];
  const remote: number[] = [];
  // Alternated, so the machine's drift hits both alike.
  for (let index = 0; index < FOLLOW_SAMPLES; index += 1) {
    local.push(await followDelay(a, a, 10_000 + index));
    remote.push(await followDelay(a, b, 20_000 + index));
  }
  const extra = (q: number) => percentile(remote, q) - percentile(local, q);
  console.log(`  follow a run to its end: on its replica p50 ${percentile(local, 0.5).toFixed(1)} ms; from another replica p50 ${percentile(remote, 0.5).toFixed(1)} ms (+${extra(0.5).toFixed(1)}), p99 +${extra(0.99).toFixed(1)} ms`);
  return [
    { metric: `replicas: ${count}, following a run from another replica, extra delay p50`, value: extra(0.5), unit: "ms", baseline: "the same run followed on its own replica" },
    { metric: `replicas: ${count}, following a run from another replica, extra delay p99`, value: extra(0.99), unit: "ms", goal: 20, baseline: "the same run followed on its own replica" },
  ];
}

/**
 * Queue pickup across replicas: a run created on B behind the thread's run executing on A (multitask
 * "enqueue") starts once A's run ends and B takes the thread's lease. Client-observed: from A's join returning
 * to B's stream of the queued run giving its first event. A queued run that found the thread already free
 * (A's run ended before it was created) is counted apart.
 */
async function measurePickup(replicas: readonly ChildServer[]): Promise<BenchFigure[]> {
  const [a, b] = replicas;
  if (a === undefined || b === undefined) return [];
  const first = new Client({ apiUrl: a.url, callerOptions: { maxRetries: 0 } });
  const second = new Client({ apiUrl: b.url, callerOptions: { maxRetries: 0 } });
  const pickups: number[] = [];
  let notQueued = 0;
  for (let index = 0; index < FOLLOW_SAMPLES; index += 1) {
    const thread = await first.threads.create();
    const running = await first.runs.create(thread.thread_id, "gateway", { input: input(30_000 + index) });
    const queued = await second.runs.create(thread.thread_id, "gateway", { input: input(40_000 + index), multitaskStrategy: "enqueue" });
    let started = 0;
    const following = (async () => {
      for await (const _part of second.runs.joinStream(thread.thread_id, queued.run_id)) if (started === 0) started = performance.now();
    })();
    await first.runs.join(thread.thread_id, running.run_id);
    const ended = performance.now();
    await following;
    if (started <= ended) notQueued += 1;
    else pickups.push(started - ended);
  }
  const p = (q: number) => (pickups.length === 0 ? Number.NaN : percentile(pickups, q));
  console.log(`  queue pickup on another replica: p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms (${pickups.length} queued, ${notQueued} found the thread free)`);
  return [
    { metric: `replicas: ${replicas.length}, queue pickup on another replica p50`, value: p(0.5), unit: "ms" },
    { metric: `replicas: ${replicas.length}, queue pickup on another replica p99`, value: p(0.99), unit: "ms", goal: 50 },
  ];
}

export async function measureReplicas(postgresUrl: string, redisUrl: string, prefix: string): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  let single: Phase | undefined;
  for (const count of [1, 2, 3]) {
    // A database of its own per phase, so each replica count starts from empty tables.
    await withDatabase(postgresUrl, `${prefix}_${count}`.toLowerCase(), async (storage) => {
      const replicas = await startReplicas(count, replicaConfig(storage, redisUrl, `${prefix}:${count}`));
      try {
        await load(replicas, 10 * count, 0);
        const phase = await load(replicas, LOAD, 1_000);
        single ??= phase;
        console.log(
          `  ${count} replica(s): ${phase.requestsPerSecond.toFixed(1)} req/s (${(phase.requestsPerSecond / single.requestsPerSecond).toFixed(2)}x one), p50 ${phase.p50.toFixed(1)} ms, p99 ${phase.p99.toFixed(1)} ms, CPU ${phase.cpuPerRequest.toFixed(1)} ms/request, ${phase.failed} failed`,
        );
        figures.push(
          { metric: `replicas: ${count}, requests/s at ${CLIENTS} clients`, value: phase.requestsPerSecond, unit: "req/s", baseline: "1 replica", ratio: phase.requestsPerSecond / single.requestsPerSecond },
          { metric: `replicas: ${count}, p50`, value: phase.p50, unit: "ms" },
          { metric: `replicas: ${count}, p99`, value: phase.p99, unit: "ms" },
          { metric: `replicas: ${count}, CPU per request (all replicas)`, value: phase.cpuPerRequest, unit: "ms" },
          { metric: `replicas: ${count}, failed requests`, value: phase.failed, unit: "requests", goal: 0 },
        );
        if (count >= 2) figures.push(...(await measureFollow(replicas)), ...(await measurePickup(replicas)));
      } finally {
        await Promise.allSettled(replicas.map((replica) => replica.stop()));
      }
    });
  }
  return figures;
}
