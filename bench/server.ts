/**
 * `switchyard serve` against the same gateway invoked in process, in the same run, on the quiet emulator
 * profile: p50 of runs/wait through the official SDK Client over loopback HTTP vs `gateway.invoke`, their
 * ratio, and requests/s with 16 concurrent clients.
 */
import { Client } from "@langchain/langgraph-sdk";
import { createGateway } from "../graphs/create-gateway.ts";
import { quietProfile, emulatorLauncher } from "../src/emulators/index.ts";
import { createServer } from "../src/server/index.ts";
import { percentile } from "../src/telemetry/percentile.ts";
import { workloadTasks } from "../src/workload/index.ts";
import type { BenchResult } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ROUNDS ?? 120);
const CONCURRENCY = 16;

export async function run(): Promise<BenchResult> {
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:" });
  const server = createServer({ gateway });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0, maxConcurrency: CONCURRENCY } });
  try {
    const tasks = workloadTasks();
    const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini" });
    const inProcess: number[] = [];
    const overHttp: number[] = [];
    // Warm both paths (model clients, prepared statements, JIT) before measuring.
    for (let index = 0; index < 10; index += 1) {
      await gateway.invoke(request(index), { threadId: `warm-${index}` });
      await client.runs.wait(null, "gateway", { input: { request: request(index) } });
    }
    // Interleaved, so drift on a shared machine hits both sides alike.
    for (let index = 0; index < ROUNDS; index += 1) {
      let started = performance.now();
      await gateway.invoke(request(index), { threadId: `direct-${index}` });
      inProcess.push(performance.now() - started);
      const thread = await client.threads.create();
      started = performance.now();
      await client.runs.wait(thread.thread_id, "gateway", { input: { request: request(index) } });
      overHttp.push(performance.now() - started);
    }
    const total = ROUNDS;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) {
          const index = next++;
          await client.runs.wait(null, "gateway", { input: { request: request(index) } });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const directP50 = percentile(inProcess, 0.5);
    const httpP50 = percentile(overHttp, 0.5);
    return {
      name: "server",
      figures: [
        { metric: "gateway.invoke p50", value: directP50, unit: "ms" },
        { metric: "runs/wait p50 (SDK Client, loopback)", value: httpP50, unit: "ms", baseline: "gateway.invoke p50", ratio: httpP50 / directP50 },
        { metric: "runs/wait p99", value: percentile(overHttp, 0.99), unit: "ms", baseline: "gateway.invoke p99", ratio: percentile(overHttp, 0.99) / percentile(inProcess, 0.99) },
        { metric: "server overhead p50", value: httpP50 - directP50, unit: "ms" },
        { metric: `requests/s at ${CONCURRENCY} concurrent clients (stateless runs/wait)`, value: total / seconds, unit: "req/s" },
      ],
    };
  } finally {
    await listening.close();
    await server.close();
    await gateway.close();
  }
}
