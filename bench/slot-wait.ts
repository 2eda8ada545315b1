/**
 * Requests queued behind a deployment's max_concurrent: how long a freed slot stays idle while requests wait for
 * it. 24 requests, 8 at a time, on one Ollama deployment limited to 2 calls at once, through the real gateway
 * graph and the emulator; once pinned to the deployment (`deployment` in the request), once routed to a group of
 * that one deployment. The floor is 24 / 2 calls in sequence at the run's own median call time; what the wall adds
 * over it is slot time left idle while requests waited. Baseline in the same run: the same fleet with this process's
 * release notices silenced, as when the lease is released by another replica sharing the state: the waiter finds
 * the slot at its next poll (`slotPollMs`).
 * Run by `npm run bench -- slot-wait`.
 */
import { createGateway } from "../graphs/index.ts";
import { defaultConfigInput, parseConfigValue } from "../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { slotPollMs } from "../src/routing/index.ts";
import { workloadTasks } from "../src/workload/index.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const requests = 24;
const clients = 8;
const limit = 2;

interface Fleet {
  wallMs: number;
  callMs: number[];
  failed: number;
}

async function fleet(maxConcurrent: number, pinned: boolean, notices: boolean, count = requests): Promise<Fleet> {
  const base = defaultConfigInput();
  const deployments = base.deployments.map((deployment) => (deployment.id === "ollama-llama3.1" ? { ...deployment, limits: { max_concurrent: maxConcurrent } } : deployment));
  const config = parseConfigValue({ ...base, deployments, model_groups: [{ name: "local", deployments: ["ollama-llama3.1"] }], requests: { model_group: "local", deadline_ms: 30_000 } }, "bench");
  const profile = quietProfile();
  profile.backends.ollama.latency = { ttftMs: 30, tokensPerSecond: 2_000, jitterMs: 5 };
  const gateway = await createGateway({ config, emulators: emulatorLauncher({ profile }), checkpoints: ":memory:", seed: 9 });
  // The other replica's case: nothing here wakes a waiter, only its poll finds the slot.
  if (!notices) gateway.engine.routing.router.releases.notify = () => undefined;
  const tasks = workloadTasks();
  const callMs: number[] = [];
  let failed = 0;
  let next = 0;
  const startedAt = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) {
          const index = next++;
          const task = tasks[index % tasks.length]!;
          const state = await gateway.invoke({ input: task.input, ...(pinned ? { deployment: "ollama-llama3.1" } : {}) }, { threadId: `slot-${maxConcurrent}-${pinned}-${notices}-${index}` });
          if (state.status !== "succeeded") failed += 1;
          for (const attempt of state.attempts) callMs.push(attempt.latency_ms);
        }
      }),
    );
  } finally {
    await gateway.close();
  }
  return { wallMs: performance.now() - startedAt, callMs, failed };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function run(): Promise<BenchResult> {
  await fleet(clients, true, true, 8); // clients and tokenizers start once per process: not part of a figure
  const figures: BenchFigure[] = [];
  for (const pinned of [true, false]) {
    const label = pinned ? "pinned" : "group";
    const idle = (run: Fleet) => Math.max(0, run.wallMs - (requests / limit) * median(run.callMs)) / (requests / limit);
    const polled = await fleet(limit, pinned, false);
    const woken = await fleet(limit, pinned, true);
    for (const [name, run] of [["poll only", polled], ["woken", woken]] as const) {
      console.log(`${label}, ${name}: wall ${run.wallMs.toFixed(0)} ms, median call ${median(run.callMs)} ms, idle slot ${idle(run).toFixed(1)} ms per call, failed ${run.failed}`);
    }
    figures.push(
      { metric: `${label}: idle slot time per call, woken by the release`, value: idle(woken), unit: "ms", baseline: `poll only (${slotPollMs} ms): ${idle(polled).toFixed(1)} ms`, ratio: idle(woken) / Math.max(idle(polled), 1e-9) },
      { metric: `${label}: wall, woken over poll only`, value: woken.wallMs, unit: "ms", baseline: `poll only: ${polled.wallMs.toFixed(0)} ms`, ratio: woken.wallMs / polled.wallMs },
      { metric: `${label}: requests not succeeded`, value: woken.failed + polled.failed, unit: "requests", goal: 0 },
    );
  }
  return { name: "slot-wait", figures };
}
