/**
 * `npx tsx bench/serve-wall-split.ts`: where a runs/wait's wall time goes beyond `gateway.invoke`'s, one client,
 * in one process (the emulators on a worker thread, as `switchyard serve` runs them). Each round calls every
 * step once, the order rotated per round, so drift on a shared machine hits each alike. Steps: invoke in
 * process; stateless runs/wait by `app.request` (the server's own work, no socket); by `fetch` over loopback
 * (adds Node HTTP and the adapter); by the official SDK Client (what request-cost's hop row measures).
 * Prints each step's wall p50 and mean CPU per call (client and server, one process), each beside invoke's. SERVE_WALL_ROUNDS
 * (default 300) sizes it.
 */
import os from "node:os";
import { workloadTasks } from "../src/workload/index.ts";
import { median } from "./paired-blocks.ts";
import { ok, post, servedGateway } from "./served-gateway.ts";

const ROUNDS = Number(process.env.SERVE_WALL_ROUNDS ?? 300);
const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" as const });
const { gateway, server, listening, client } = await servedGateway();

const steps: Array<readonly [string, (index: number) => Promise<unknown>]> = [
  ["gateway.invoke", (index) => gateway.invoke(request(index), { threadId: `direct-${index}-${performance.now()}` })],
  ["stateless wait, app.request", async (index) => ok(await server.app.request("/runs/wait", post({ assistant_id: "gateway", input: { request: request(index) } })))],
  ["stateless wait, fetch", async (index) => ok(await fetch(`${listening.url}/runs/wait`, post({ assistant_id: "gateway", input: { request: request(index) } })))],
  ["stateless wait, SDK", (index) => client.runs.wait(null, "gateway", { input: { request: request(index) } })],
];

try {
  for (let index = 0; index < 20; index++) for (const [, step] of steps) await step(index);
  const walls = steps.map((): number[] => []);
  const cpus = steps.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let offset = 0; offset < steps.length; offset++) {
      const index = (round + offset) % steps.length;
      const cpu = process.cpuUsage();
      const began = performance.now();
      await steps[index]?.[1](round);
      walls[index]?.push(performance.now() - began);
      const used = process.cpuUsage(cpu);
      cpus[index]?.push((used.user + used.system) / 1000);
    }
  }
  console.log(`load ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}`);
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  steps.forEach(([name], index) => {
    const own = walls[index] ?? [];
    const over = index === 0 ? "" : `, ${(median(own) - median(walls[0] ?? [])).toFixed(2)} ms over invoke's`;
    const cpuOver = index === 0 ? "" : `, ${(mean(cpus[index] ?? []) - mean(cpus[0] ?? [])).toFixed(2)} ms over invoke's`;
    console.log(`${name.padEnd(28)} wall p50 ${median(own).toFixed(2)} ms${over}; CPU per call ${mean(cpus[index] ?? []).toFixed(2)} ms${cpuOver}`);
  });
} finally {
  await listening.close();
  await server.close();
  await gateway.close();
}
