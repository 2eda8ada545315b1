/**
 * `npx tsx bench/serve-hop-timeline.ts`: where one stateless runs/wait of the gateway spends its wall time, one
 * client (the official SDK Client), one process, the emulators on a worker thread. The server's own prototypes
 * are wrapped from here (nothing in src/ knows it is timed) to stamp the moments of each request: the HTTP
 * request reaching the server, the run created (body read and checked), the run started (lease, record),
 * the graph's first and last events, the run's end recorded, its channel finished, its thread deleted, the
 * answer written to the socket, the client holding the answer. Prints the median gap before each moment (over
 * SERVE_TIMELINE_ROUNDS requests, default 300), with invoke's wall p50 in the same rounds for comparison.
 */
import http from "node:http";
import os from "node:os";
import { RunChannel } from "../src/server/run-channel.ts";
import { RunManager } from "../src/server/run-manager.ts";
import { SqliteServerState } from "../src/server/state/sqlite-server-storage.ts";
import { workloadTasks } from "../src/workload/index.ts";
import { median } from "./paired-blocks.ts";
import { servedGateway } from "./served-gateway.ts";

const ROUNDS = Number(process.env.SERVE_TIMELINE_ROUNDS ?? 300);
let marks: Array<[string, number]> = [];
const mark = (label: string) => marks.push([label, performance.now()]);

/** Stamps `before` when a prototype method is called and `after` once it returned (or its promise settled). */
function stamp(prototype: object, method: string, before?: string, after?: string): void {
  const target = prototype as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method] as (...args: unknown[]) => unknown;
  target[method] = function (this: unknown, ...args: unknown[]) {
    if (before !== undefined) mark(before);
    const result = original.apply(this, args);
    if (after === undefined) return result;
    if (result instanceof Promise) return result.finally(() => mark(after));
    mark(after);
    return result;
  };
}

const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event === "request") {
    mark("request reaches the server (client send, Node HTTP)");
    (args[1] as http.ServerResponse).once("finish", () => mark("answer written to the socket (JSON, Hono, adapter)"));
  }
  return emit.call(this, event, ...args);
} as typeof emit;
stamp(RunManager.prototype, "create", "body read and checked (middleware, JSON, zod)", "run created (input check, lease, run record)");
stamp(SqliteServerState.prototype, "startRun", "run starting (queue, lease wait, record read)");
let pushes = 0;
const push = RunChannel.prototype.push;
RunChannel.prototype.push = function (this: RunChannel, event) {
  mark(pushes++ === 0 ? "run's metadata event (signal, graph options)" : "graph's values event");
  return push.call(this, event);
};
stamp(SqliteServerState.prototype, "endRun", "run's end read (stream end, metrics, fencing read)", "run's end recorded (one transaction)");
stamp(RunChannel.prototype, "finish", "lease released", "channel finished");
stamp(SqliteServerState.prototype, "deleteThread", undefined, "stateless thread deleted");

const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" as const });
const { gateway, server, listening, client } = await servedGateway();
const gaps = new Map<string, number[]>();
const invokeWalls: number[] = [];
const waitWalls: number[] = [];
try {
  for (let round = -30; round < ROUNDS; round++) {
    const began = performance.now();
    await gateway.invoke(request(Math.abs(round)), { threadId: `timeline-${round}-${began}` });
    if (round >= 0) invokeWalls.push(performance.now() - began);
    marks = [];
    pushes = 0;
    const sent = performance.now();
    await client.runs.wait(null, "gateway", { input: { request: request(Math.abs(round)) } });
    mark("client holds the answer (response, SDK)");
    if (round < 0) continue;
    waitWalls.push(performance.now() - sent);
    let previous = sent;
    const seen = new Map<string, number>();
    for (const [label, at] of marks) {
      const count = (seen.get(label) ?? 0) + 1;
      seen.set(label, count);
      const key = count === 1 ? label : `${label} ${count}`;
      gaps.set(key, [...(gaps.get(key) ?? []), at - previous]);
      previous = at;
    }
  }
  console.log(`load ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}; ${ROUNDS} rounds; invoke wall p50 ${median(invokeWalls).toFixed(2)} ms, runs/wait ${median(waitWalls).toFixed(2)} ms`);
  for (const [label, values] of gaps) console.log(`  ${median(values).toFixed(3).padStart(7)} ms  ${label}`);
} finally {
  await listening.close();
  await server.close();
  await gateway.close();
}
