/**
 * `SERVE_AB_ROOTS=/work/wt-base,$PWD npx tsx bench/serve-hop-ab.ts`: request-cost's one-client hop (stateless
 * runs/wait through the SDK Client over `gateway.invoke`, quiet emulator profile) of two checkouts in ONE
 * process, interleaved call by call, so a shared machine's drift hits both alike. Each checkout's own
 * `bench/served-gateway.ts` starts its gateway (its own module copies, emulators on its own worker thread) and
 * server; every round calls invoke and runs/wait on each, the order rotated per round. Prints per checkout
 * the wall p50 of each, the median of their paired per-round difference (the hop), and the mean CPU per call of each (whole process,
 * client and server), then the second checkout's hop and CPU over the first's. SERVE_HOP_ROUNDS (default 400)
 * sizes it; SERVE_HOP_WAY=fetch sends the runs/wait by `fetch` instead of the SDK.
 */
import os from "node:os";
import path from "node:path";
import { workloadTasks } from "../src/workload/index.ts";
import { median } from "./paired-blocks.ts";

interface Served {
  gateway: { invoke(request: unknown, options: { threadId: string }): Promise<unknown>; close(): Promise<void> };
  server: { close(): Promise<void> };
  listening: { url: string; close(): Promise<void> };
  client: { runs: { wait(threadId: null, assistantId: string, payload: { input: unknown }): Promise<unknown> } };
}

const roots = (process.env.SERVE_AB_ROOTS ?? process.cwd()).split(",").map((root) => path.resolve(root));
const ROUNDS = Number(process.env.SERVE_HOP_ROUNDS ?? 400);
const viaFetch = process.env.SERVE_HOP_WAY === "fetch";
const tasks = workloadTasks();
const request = (index: number) => ({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" as const });

const served: Served[] = [];
for (const root of roots) {
  const module = (await import(path.join(root, "bench/served-gateway.ts"))) as { servedGateway(): Promise<Served> };
  served.push(await module.servedGateway());
}
const wait = async (one: Served, index: number) => {
  if (!viaFetch) return one.client.runs.wait(null, "gateway", { input: { request: request(index) } });
  const response = await fetch(`${one.listening.url}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "gateway", input: { request: request(index) } }) });
  if (response.status !== 200) throw new Error(`runs/wait answered ${response.status}`);
  return response.text();
};
// Steps: [checkout, invoke | wait]; a round runs all of them, starting one further each round.
const steps = served.flatMap((one, checkout) => [
  { checkout, kind: "invoke" as const, call: (index: number) => one.gateway.invoke(request(index), { threadId: `hop-${checkout}-${index}-${performance.now()}` }) },
  { checkout, kind: "wait" as const, call: (index: number) => wait(one, index) },
]);
const samples = steps.map(() => ({ wall: [] as number[], cpuMs: 0 }));
try {
  for (let round = -30; round < ROUNDS; round++) {
    for (let offset = 0; offset < steps.length; offset++) {
      const at = (Math.abs(round) + offset) % steps.length;
      const cpu = process.cpuUsage();
      const began = performance.now();
      await steps[at]?.call(round);
      const wall = performance.now() - began;
      const used = process.cpuUsage(cpu);
      if (round < 0) continue;
      samples[at]?.wall.push(wall);
      if (samples[at] !== undefined) samples[at].cpuMs += (used.user + used.system) / 1000;
    }
  }
  console.log(`load ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}; ${ROUNDS} rounds; runs/wait by ${viaFetch ? "fetch" : "the SDK Client"}`);
  const hops = roots.map((root, checkout) => {
    const of = (kind: "invoke" | "wait") => samples[steps.findIndex((step) => step.checkout === checkout && step.kind === kind)] ?? { wall: [], cpuMs: 0 };
    const [invoke, waited] = [of("invoke"), of("wait")];
    // The same round asks both the same task (the emulator's answer length, and so its time, is the task's):
    // the median of the paired differences leaves that spread out, where a difference of two p50s keeps it.
    const hop = median(waited.wall.map((wall, round) => wall - (invoke.wall[round] ?? Number.NaN)));
    const cpuOver = (waited.cpuMs - invoke.cpuMs) / ROUNDS;
    console.log(`${root}: invoke p50 ${median(invoke.wall).toFixed(2)} ms, runs/wait p50 ${median(waited.wall).toFixed(2)} ms, paired hop p50 ${hop.toFixed(2)} ms; CPU per invoke ${(invoke.cpuMs / ROUNDS).toFixed(2)} ms, per runs/wait ${(waited.cpuMs / ROUNDS).toFixed(2)} ms (${cpuOver.toFixed(2)} over)`);
    return { hop, cpuOver };
  });
  for (let checkout = 1; checkout < hops.length; checkout++) {
    console.log(`${roots[checkout]} minus ${roots[0]}: hop ${((hops[checkout]?.hop ?? 0) - (hops[0]?.hop ?? 0)).toFixed(2)} ms, runs/wait CPU over invoke's ${((hops[checkout]?.cpuOver ?? 0) - (hops[0]?.cpuOver ?? 0)).toFixed(2)} ms`);
  }
} finally {
  for (const one of served) {
    await one.listening.close();
    await one.server.close();
    await one.gateway.close();
  }
}
