/**
 * `npx tsx bench/serve-http-floor.ts`: what the HTTP hop costs with no server behind it. A bare Node `http` server
 * answers every POST with a fixed JSON body; the same runs/wait request is sent to it by `fetch` and by the
 * official SDK Client (`client.runs.wait`), alternated call by call, in one process. Prints wall p50 and CPU per
 * call (client and server) of each: the floor under "serve runs/wait p50 over gateway.invoke p50" that no cut in
 * switchyard's server can go below. SERVE_FLOOR_CALLS (default 3000) sizes it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { Client } from "@langchain/langgraph-sdk";
import { median } from "./paired-blocks.ts";

const CALLS = Number(process.env.SERVE_FLOOR_CALLS ?? 3000);
const server = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.setHeader("content-type", "application/json");
    response.end('{"answer":"ok"}');
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = new Client({ apiUrl: url, callerOptions: { maxRetries: 0 } });
const input = { request: { input: "x".repeat(400), deployment: "openai-gpt-4o-mini" } };
const body = JSON.stringify({ assistant_id: "gateway", input });
const steps = [
  ["fetch", async () => (await fetch(`${url}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body })).json()],
  ["SDK runs.wait", () => client.runs.wait(null, "gateway", { input })],
] as const;
const walls: number[][] = steps.map(() => []);
const cpu = steps.map(() => 0);
for (let call = 0; call < 200; call++) for (const [, step] of steps) await step();
for (let call = 0; call < CALLS; call++) {
  for (let offset = 0; offset < steps.length; offset++) {
    const index = (call + offset) % steps.length;
    const started = process.cpuUsage();
    const at = performance.now();
    await steps[index]?.[1]();
    walls[index]?.push(performance.now() - at);
    const used = process.cpuUsage(started);
    cpu[index] = (cpu[index] ?? 0) + (used.user + used.system) / 1000;
  }
}
console.log(`load ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}; ${CALLS} calls each`);
steps.forEach(([name], index) => console.log(`${name.padEnd(14)} wall p50 ${median(walls[index] ?? []).toFixed(3)} ms; CPU per call ${((cpu[index] ?? 0) / CALLS).toFixed(3)} ms (client and server)`));
server.close();
