/**
 * `npm run bench -- serve-floor` (or `npx tsx bench/serve-http-floor.ts`): how much of request-cost's serve hop
 * goal ("serve runs/wait p50 over gateway.invoke p50 (1 client)" ≤ 1 ms) the machine's own socket and client
 * take before switchyard's server does anything. One process, one client, five calls a round, their order
 * rotated per round so drift hits each alike:
 *   (a) `gateway.invoke` in process (the quiet emulators on a worker thread, as `switchyard serve` runs them);
 *   (b) a bare `node:http` server that reads the body and answers the bytes switchyard's runs/wait last answered, called
 *       with the official SDK's `client.runs.wait` (what request-cost's hop row calls);
 *   (c) the same bare server called with plain `fetch`;
 *   (d) `switchyard serve` (createServer on the same gateway) with the SDK, and (e) with `fetch`.
 * Prints wall p50 and mean CPU per call (client and server: one process) of each, the serve hop (the median
 * of the per-round differences d − a, same task both), the floor hop (b: an empty server's whole wall), the
 * floor's share of the 1 ms goal and what is left of the hop for switchyard's own path (serve hop − floor
 * hop). SERVE_FLOOR_ROUNDS (default 300) sizes it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Client } from "@langchain/langgraph-sdk";
import { workloadTasks } from "../src/workload/index.ts";
import { median } from "./paired-blocks.ts";
import { ok, post, servedGateway } from "./served-gateway.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

/** The hop goal of issue #18, in ms. */
const HOP_GOAL_MS = 1;

/** A bare Node server answering every request, once its body is read, with `reply` as JSON. */
async function bareServer(reply: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.on("data", () => undefined);
    request.on("end", () => {
      const body = reply();
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

type StepName = "invoke" | "bareSdk" | "bareFetch" | "serveSdk" | "serveFetch";
const labels: Record<StepName, string> = {
  invoke: "(a) gateway.invoke, in process",
  bareSdk: "(b) bare node:http, SDK runs.wait",
  bareFetch: "(c) bare node:http, fetch",
  serveSdk: "(d) switchyard serve, SDK runs.wait",
  serveFetch: "(e) switchyard serve, fetch",
};

export async function run(): Promise<BenchResult> {
  const rounds = Number(process.env.SERVE_FLOOR_ROUNDS ?? 300);
  const tasks = workloadTasks();
  const request = (index: number) => ({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" as const });
  const { gateway, server, listening, client } = await servedGateway();
  // The bare server answers the bytes switchyard's runs/wait answered last (a real reply, so the same parse).
  let lastReply = "{}";
  const bare = await bareServer(() => lastReply);
  const bareClient = new Client({ apiUrl: bare.url, callerOptions: { maxRetries: 0 } });
  const body = (index: number) => ({ assistant_id: "gateway", input: { request: request(index) } });
  const steps: Record<StepName, (index: number) => Promise<unknown>> = {
    invoke: (index) => gateway.invoke(request(index), { threadId: `floor-${index}-${performance.now()}` }),
    bareSdk: (index) => bareClient.runs.wait(null, "gateway", { input: body(index).input }),
    bareFetch: async (index) => ok(await fetch(`${bare.url}/runs/wait`, post(body(index)))),
    serveSdk: (index) => client.runs.wait(null, "gateway", { input: body(index).input }),
    serveFetch: async (index) => {
      const response = await fetch(`${listening.url}/runs/wait`, post(body(index)));
      const text = await response.text();
      if (response.status !== 200) throw new Error(`runs/wait answered ${response.status}: ${text.slice(0, 200)}`);
      lastReply = text;
    },
  };
  const names = Object.keys(steps) as StepName[];
  const walls = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<StepName, number[]>;
  const cpuMs = Object.fromEntries(names.map((name) => [name, 0])) as Record<StepName, number>;
  try {
    // Warm-up; (e) first, so the bare server has a real reply before it is first asked.
    for (let index = 0; index < 30; index++) for (const name of ["serveFetch", ...names] as StepName[]) await steps[name](index);
    for (let round = 0; round < rounds; round++) {
      for (let offset = 0; offset < names.length; offset++) {
        const name = names[(round + offset) % names.length] as StepName;
        const cpu = process.cpuUsage();
        const began = performance.now();
        await steps[name](round);
        walls[name].push(performance.now() - began);
        const used = process.cpuUsage(cpu);
        cpuMs[name] += (used.user + used.system) / 1000;
      }
    }
  } finally {
    await bare.close();
    await listening.close();
    await server.close();
    await gateway.close();
  }
  const p50 = (name: StepName) => median(walls[name]);
  const perRound = (pick: (round: number) => number) => median(Array.from({ length: rounds }, (_, round) => pick(round)));
  const at = (name: StepName, round: number) => walls[name][round] ?? Number.NaN;
  const serveHop = perRound((round) => at("serveSdk", round) - at("invoke", round));
  const serveHopFetch = perRound((round) => at("serveFetch", round) - at("invoke", round));
  const floorHop = p50("bareSdk");
  // Hop minus floor, not a median of per-round (d − a − b): at load the per-round hop can be bimodal (a guardian
  // quarantine sends one side elsewhere), and a median in the gap between modes jumps when every value shifts.
  const ownPath = serveHop - floorHop;
  const ownPathFetch = serveHopFetch - p50("bareFetch");
  const load = os.loadavg().map((value) => value.toFixed(1)).join(" ");
  const figures: BenchFigure[] = [
    ...names.map((name) => ({ metric: `${labels[name]}: wall p50`, value: p50(name), unit: "ms" })),
    ...names.map((name) => ({ metric: `${labels[name]}: CPU per call (client and server)`, value: cpuMs[name] / rounds, unit: "ms" })),
    { metric: "serve hop, SDK: median of (d − a) per round", value: serveHop, unit: "ms", goal: HOP_GOAL_MS },
    { metric: "floor hop, SDK: (b) wall p50", value: floorHop, unit: "ms", baseline: "1 ms hop goal", ratio: floorHop / HOP_GOAL_MS },
    { metric: "goal left for switchyard once the floor is paid: 1 ms − (b), at least 0", value: Math.max(0, HOP_GOAL_MS - floorHop), unit: "ms" },
    { metric: "switchyard's own path, SDK: serve hop − floor hop", value: ownPath, unit: "ms" },
    { metric: "serve hop, fetch: median of (e − a) per round", value: serveHopFetch, unit: "ms" },
    { metric: "floor hop, fetch: (c) wall p50", value: p50("bareFetch"), unit: "ms" },
    { metric: "switchyard's own path, fetch: serve hop − floor hop", value: ownPathFetch, unit: "ms" },
    { metric: `load average at the end (${load})`, value: os.loadavg()[0] ?? Number.NaN, unit: "" },
  ];
  console.log(
    `${rounds} rounds, load ${load}: serve hop ${serveHop.toFixed(2)} ms (goal ${HOP_GOAL_MS}); the socket + SDK floor alone takes ${floorHop.toFixed(2)} ms of it ` +
      `(${((floorHop / HOP_GOAL_MS) * 100).toFixed(0)} % of the goal), switchyard's own path ${ownPath.toFixed(2)} ms`,
  );
  return { name: "serve-floor", figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run();
  for (const figure of result.figures) console.log(`${figure.value.toFixed(3).padStart(9)} ${figure.unit.padEnd(3)} ${figure.metric}${figure.goal === undefined ? "" : ` (goal ${figure.goal})`}`);
}
