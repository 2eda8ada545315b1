/**
 * Servers as child processes, measured from outside the way a client sees them: requests/s and wall
 * percentiles of stateless `runs/wait` at N concurrent clients (the official SDK Client, undici keep-alive),
 * and the CPU the server's whole process tree spent per request (from /proc, so a server that forks workers
 * is charged for them). Used by bench/server.ts for `switchyard serve` and the official LangGraph dev server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { defaultConfigInput } from "../src/config/default-config.ts";
import { quietProfile } from "../src/emulators/index.ts";
import { percentile } from "../src/telemetry/percentile.ts";

/** A server process this bench started; `stop` ends its process group (only what it spawned). */
export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  /** Lines the server printed, e.g. the guardian's JSON events. */
  output(): string;
  stop(): Promise<void>;
}

/** One load phase against one server. */
export interface ThroughputSample {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** CPU (user + system) of the server's process tree per request, ms. */
  serverCpuMs: number;
  /** Requests whose final state was not `succeeded` (a quarantine or fault would show here). */
  failed: number;
}

/**
 * A config file for both servers: the built-in default on the quiet emulator profile (no latency, no
 * faults), written to a temporary folder so the official dev server reads it through SWITCHYARD_CONFIG.
 */
export function quietConfigFile(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-"));
  const profile = path.join(folder, "quiet-profile.json");
  // `modes: {}` explicitly: a profile file that leaves modes out inherits the default profile's corruption rates.
  fs.writeFileSync(profile, JSON.stringify({ ...quietProfile(), modes: {} }));
  const config = path.join(folder, "switchyard.json");
  fs.writeFileSync(config, JSON.stringify({ ...defaultConfigInput(), emulators: { profile } }));
  return config;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, readyPath: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before answering ${url}${readyPath}`);
    // `/ok` must say ok; any other path only has to answer (an upstream or a gateway without a health route).
    const up = await fetch(`${url}${readyPath}`).then((response) => response.ok || readyPath !== "/ok", () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer ${url}${readyPath} within ${timeoutMs} ms`);
}

/** Spawns a server in a process group of its own and waits until `readyPath` (`/ok` by default) answers. */
export async function startChildServer(name: string, command: string, args: (port: number) => string[], env: Record<string, string>, readyPath = "/ok"): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(command, args(port), { env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // The tail only: a bench's server logs a line per request.
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    const forced = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(-child.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(forced);
  };
  try {
    await waitUntilUp(url, readyPath, child, 120_000);
  } catch (error) {
    await stop();
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}\n${output.slice(-2_000)}`);
  }
  return { name, url, pid: child.pid as number, output: () => output, stop };
}

/** CPU ms (user + system) of a process and every descendant still alive, read from /proc. */
export function treeCpuMs(rootPid: number): number {
  const ticks = 100; // USER_HZ on Linux
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const parent = Number(fields[1]);
    cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  let total = 0;
  const stack = [rootPid];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** `total` stateless runs/wait from `clients` concurrent SDK clients; the server process tree's CPU beside wall time. */
export async function measureThroughput(server: ChildServer, request: (index: number) => Record<string, unknown>, clients: number, total: number): Promise<ThroughputSample> {
  const client = new Client({ apiUrl: server.url, callerOptions: { maxRetries: 0, maxConcurrency: clients } });
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const cpuBefore = treeCpuMs(server.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const index = next++;
        const sent = performance.now();
        const state = (await client.runs.wait(null, "gateway", { input: { request: request(index) } })) as { status?: string };
        latencies.push(performance.now() - sent);
        if (state?.status !== "succeeded") failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverCpuMs = (treeCpuMs(server.pid) - cpuBefore) / total;
  return { requestsPerSecond: total / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), serverCpuMs, failed };
}

/** Guardian quarantines a server printed (its JSON event lines). */
export function quarantinesIn(output: string): number {
  return output.split("\n").filter((line) => line.includes('"guardian":true') && line.includes('"kind":"quarantine"')).length;
}

/** Where a server's CPU went in a window of its `--cpu-prof` profile, ms per request. */
export interface CpuShares {
  serverCode: number;
  http: number;
  rest: number;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const graphFrame = /@langchain\/langgraph\/dist\/pregel|@langchain\/(core|openai)|\/nodes\/|\/graphs\//;
const httpFrame = /hono|node:_http_|node:net|node:internal\/streams|node:internal\/webstreams/;

/**
 * Splits a main-thread V8 profile's samples taken between `fromUs` and `toUs` (the monotonic clock both
 * processes share, as `process.hrtime`) by the frames on their stack: any src/server/ frame and no graph
 * frame (LangGraph's loop, LangChain, nodes, graphs) is the server's own code; Hono, the Node adapter and
 * Node's HTTP stack without either is HTTP; everything else (the graph run, checkpoints, GC) is the rest.
 * Async work loses its callers, so work a server function awaits counts where it resumes.
 */
export function cpuShares(file: string, fromUs: number, toUs: number, requests: number): CpuShares {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const shares = { serverCode: 0, http: 0, rest: 0 };
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    const leaf = byId.get(id)?.callFrame.functionName;
    if (leaf === "(idle)" || leaf === "(program)") return;
    const urls: string[] = [];
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) urls.push(byId.get(current)?.callFrame.url ?? "");
    if (urls.some((url) => graphFrame.test(url))) shares.rest += delta;
    else if (urls.some((url) => url.includes("/src/server/"))) shares.serverCode += delta;
    else if (urls.some((url) => httpFrame.test(url))) shares.http += delta;
    else shares.rest += delta;
  });
  return { serverCode: shares.serverCode / 1000 / requests, http: shares.http / 1000 / requests, rest: shares.rest / 1000 / requests };
}

/** The main thread's profile among those `--cpu-prof` wrote to `folder` (thread 0 in the file name). */
export function mainThreadProfile(folder: string): string | undefined {
  const name = fs.readdirSync(folder).find((file) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(file));
  return name === undefined ? undefined : path.join(folder, name);
}

/** The monotonic clock V8 stamps profile samples with, in µs. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
