/**
 * `npx tsx bench/serve-split.ts`: where a runs/wait's CPU goes beyond the gateway's own, in one process, in
 * alternated blocks (the order reversed every other pass) so the spread of a shared machine hits every step
 * alike. Steps, on the gateway with the quiet emulators on a worker thread (as `switchyard serve` runs them):
 * `gateway.invoke` in process; stateless runs/wait by `app.request` (the server's own work: rows, lease, run
 * stream, answer JSON, no socket); a thread's runs/wait by `app.request`; stateless runs/wait by `fetch` over
 * loopback (adds Node HTTP and the adapter); the same by the official SDK Client. Prints CPU per call per step
 * (median over passes), each step's paired difference to the first, and the load average.
 * SERVE_SPLIT_PASSES (default 6) and SERVE_SPLIT_BLOCK (calls per block, default 40) size it.
 */
import { workloadTasks } from "../src/workload/index.ts";
import { alternatingStepCpu, type Step } from "./alternating-steps.ts";
import { median } from "./paired-blocks.ts";
import { ok, post, servedGateway } from "./served-gateway.ts";

const PASSES = Number(process.env.SERVE_SPLIT_PASSES ?? 6);
const BLOCK = Number(process.env.SERVE_SPLIT_BLOCK ?? 40);

const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[index % tasks.length]!.input, deployment: "openai-gpt-4o-mini" });
const { gateway, server, listening, client } = await servedGateway();

const steps: Step[] = [
  ["gateway.invoke", (index) => gateway.invoke(request(index), { threadId: `direct-${index}-${performance.now()}` })],
  ["stateless wait, app.request", async (index) => ok(await server.app.request("/runs/wait", post({ assistant_id: "gateway", input: { request: request(index) } })))],
  ["thread wait, app.request", async (index) => ok(await server.app.request(`/threads/${crypto.randomUUID()}/runs/wait`, post({ assistant_id: "gateway", input: { request: request(index) }, if_not_exists: "create" })))],
  ["stateless wait, fetch", async (index) => ok(await fetch(`${listening.url}/runs/wait`, post({ assistant_id: "gateway", input: { request: request(index) } })))],
  ["stateless wait, SDK", (index) => client.runs.wait(null, "gateway", { input: { request: request(index) } })],
];

try {
  const { cpu, loads } = await alternatingStepCpu(steps, { passes: PASSES, block: BLOCK, warmup: 20 });
  console.log(`load after each pass: ${loads.join(" ")}`);
  const first = cpu[0] ?? [];
  steps.forEach(([name], index) => {
    const own = cpu[index] ?? [];
    const over = index === 0 ? "" : `; over invoke, paired: ${median(own.map((value, pass) => value - (first[pass] ?? Number.NaN))).toFixed(2)} ms`;
    console.log(`${name.padEnd(28)} CPU per call ${median(own).toFixed(2)} ms (${own.map((value) => value.toFixed(1)).join(" ")})${over}`);
  });
} finally {
  await listening.close();
  await server.close();
  await gateway.close();
}
