/**
 * The gateway of two or more checkouts in one process (issue #18): each checkout's own `createGateway` (its
 * modules, engine, in-memory SQLite saver and emulators on a worker thread, quiet profile), the same pinned
 * request, fresh threads. `compareCheckouts` runs a block of requests per checkout per pass, the order reversed
 * every other pass, so the spread of a shared machine hits every checkout alike; printed per checkout, median
 * over passes: CPU per request (`process.cpuUsage`, every thread, so each checkout's emulator worker is in its
 * own figure) and wall p50, with the paired difference to the first checkout. A one-off behind docs/gateway.md:
 *
 *   GW_AB_ROOTS=/work/wt-base,$PWD GW_AB_PASSES=12 GW_AB_BLOCK=40 npx tsx bench/gateway-checkout-ab.ts
 */
import path from "node:path";
import type * as CreateGateway from "../graphs/create-gateway.ts";
import type * as Emulators from "../src/emulators/index.ts";
import type * as Guardian from "../src/guardian/index.ts";
import type * as Workload from "../src/workload/index.ts";
import { compareCheckouts } from "./checkout-passes.ts";
import { median } from "./paired-blocks.ts";

const roots = (process.env.GW_AB_ROOTS ?? process.cwd()).split(",").map((root) => path.resolve(root));
const PASSES = Number(process.env.GW_AB_PASSES ?? 12);
const BLOCK = Number(process.env.GW_AB_BLOCK ?? 40);
const WARMUP = Number(process.env.GW_AB_WARMUP ?? 200);
const DEPLOYMENT = "openai-gpt-4o-mini";

interface Checkout {
  root: string;
  request(index: number): Promise<void>;
  close(): Promise<void>;
}

/** One checkout's gateway, every module loaded from its own tree. */
async function open(root: string, label: number): Promise<Checkout> {
  const { createGateway } = (await import(path.join(root, "graphs/create-gateway.ts"))) as typeof CreateGateway;
  const { emulatorLauncher, quietProfile } = (await import(path.join(root, "src/emulators/index.ts"))) as typeof Emulators;
  const { MemoryEventSink } = (await import(path.join(root, "src/guardian/index.ts"))) as typeof Guardian;
  const { workloadTasks } = (await import(path.join(root, "src/workload/index.ts"))) as typeof Workload;
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
  const tasks = workloadTasks();
  let serial = 0;
  return {
    root,
    request: async (index) => {
      const state = await gateway.invoke({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: DEPLOYMENT, mode: "emit" }, { threadId: `ab${label}-${serial++}` });
      if (state.status !== "succeeded") throw new Error(`${root}: request ended ${state.status}: ${state.error?.message ?? ""}`);
    },
    close: () => gateway.close(),
  };
}

const checkouts: Checkout[] = [];
for (const [index, root] of roots.entries()) checkouts.push(await open(root, index));
for (let index = 0; index < WARMUP; index++) for (const checkout of checkouts) await checkout.request(index);

await compareCheckouts(checkouts, ["CPU per request", "wall p50"], { passes: PASSES, block: BLOCK, digits: 3 }, async (checkout) => {
  const walls: number[] = [];
  const started = process.cpuUsage();
  for (let index = 0; index < BLOCK; index++) {
    const at = performance.now();
    await checkout.request(index);
    walls.push(performance.now() - at);
  }
  const used = process.cpuUsage(started);
  return [(used.user + used.system) / 1000 / BLOCK, median(walls)];
});
for (const checkout of checkouts) await checkout.close();
