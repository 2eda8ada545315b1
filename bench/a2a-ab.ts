/**
 * `A2A_AB_ROOTS=/work/wt-base,$PWD npx tsx bench/a2a-ab.ts`: SendMessage and a thread's runs/wait of two or more
 * checkouts in one process, in alternated blocks (the order reversed every other pass), so the spread of a shared
 * machine hits every checkout alike. Each checkout serves the same one-node graph (its own server, saver and
 * modules, loaded from its root) and is called as `bench/a2a.ts` calls it: `graph.invoke` in process,
 * SendMessage by `RemoteAgent` over loopback (a fresh ES256 token with the body's digest per call), and runs/wait
 * on a new thread by `fetch` with the options the A2A executor uses. Prints per checkout, median over passes: CPU
 * per call of each path, and wall p50 of SendMessage and runs/wait minus invoke's p50 in the same block
 * (SendMessage's is the A2A goal's figure), with each checkout's paired difference to the first, and the load.
 * A2A_AB_PASSES (default 8) and A2A_AB_BLOCK (calls per block, default 60) size it.
 */
import path from "node:path";
import type * as LangGraph from "@langchain/langgraph";
import type * as Checkpoints from "../checkpoints/index.ts";
import type * as A2a from "../src/a2a/index.ts";
import type * as Server from "../src/server/index.ts";
import { startEchoAgent } from "./a2a-echo-agent.ts";
import { compareCheckouts } from "./checkout-passes.ts";
import { median } from "./paired-blocks.ts";

const roots = (process.env.A2A_AB_ROOTS ?? process.cwd()).split(",").map((root) => path.resolve(root));
const PASSES = Number(process.env.A2A_AB_PASSES ?? 8);
const BLOCK = Number(process.env.A2A_AB_BLOCK ?? 60);

interface Checkout {
  root: string;
  invoke(index: number): Promise<unknown>;
  send(index: number): Promise<unknown>;
  wait(index: number): Promise<unknown>;
  close(): Promise<void>;
}

/** One checkout's server and clients, every module loaded from its own tree. */
async function open(root: string): Promise<Checkout> {
  // Typed as this checkout's modules: every root serves the same API.
  const { graph, server, listening, agent } = await startEchoAgent({
    langgraph: (await import(path.join(root, "node_modules/@langchain/langgraph/dist/index.js"))) as typeof LangGraph,
    checkpoints: (await import(path.join(root, "checkpoints/index.ts"))) as typeof Checkpoints,
    a2a: (await import(path.join(root, "src/a2a/index.ts"))) as typeof A2a,
    server: (await import(path.join(root, "src/server/index.ts"))) as typeof Server,
  });
  const body = (index: number) => JSON.stringify({ assistant_id: "echo", input: { question: `q ${index}` }, if_not_exists: "create", stream_mode: ["values", "updates"], multitask_strategy: "reject", metadata: { a2a_task_id: "t", a2a_context_id: "c" } });
  return {
    root,
    invoke: (index) => graph.invoke({ question: `q ${index}` }, { configurable: { thread_id: `direct-${index}-${performance.now()}` } }),
    send: async (index) => {
      const answer = (await agent.send({ data: { question: `q ${index}` } })) as { status?: { state?: unknown } };
      if (answer.status?.state === undefined) throw new Error(`${root}: SendMessage answered no task`);
    },
    wait: async (index) => {
      const response = await fetch(`${listening.url}/threads/${crypto.randomUUID()}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: body(index) });
      if (response.status !== 200) throw new Error(`${root}: runs/wait answered ${response.status}`);
      await response.json();
    },
    close: async () => {
      await listening.close();
      await server.close();
    },
  };
}

const paths = ["invoke", "send", "wait"] as const;
/** One block of `BLOCK` calls of each path, interleaved call by call: CPU per call and wall p50 per path. */
async function block(checkout: Checkout): Promise<Record<(typeof paths)[number], { cpu: number; p50: number }>> {
  const cpu = { invoke: 0, send: 0, wait: 0 };
  const walls: Record<(typeof paths)[number], number[]> = { invoke: [], send: [], wait: [] };
  for (let index = 0; index < BLOCK; index++) {
    for (const name of paths) {
      const started = process.cpuUsage();
      const at = performance.now();
      await checkout[name](index);
      walls[name].push(performance.now() - at);
      const used = process.cpuUsage(started);
      cpu[name] += (used.user + used.system) / 1000;
    }
  }
  const result = {} as Record<(typeof paths)[number], { cpu: number; p50: number }>;
  for (const name of paths) result[name] = { cpu: cpu[name] / BLOCK, p50: median(walls[name]) };
  return result;
}

const checkouts: Checkout[] = [];
for (const root of roots) checkouts.push(await open(root));
for (const checkout of checkouts) for (let index = 0; index < 60; index++) for (const name of paths) await checkout[name](index);

const rows = ["CPU per invoke", "CPU per SendMessage", "CPU per runs/wait (thread)", "CPU SendMessage - invoke", "CPU runs/wait - invoke", "SendMessage p50 - invoke p50", "runs/wait p50 - invoke p50"] as const;
await compareCheckouts(checkouts, rows, { passes: PASSES, block: BLOCK, digits: 2 }, async (checkout) => {
  const result = await block(checkout);
  return [result.invoke.cpu, result.send.cpu, result.wait.cpu, result.send.cpu - result.invoke.cpu, result.wait.cpu - result.invoke.cpu, result.send.p50 - result.invoke.p50, result.wait.p50 - result.invoke.p50];
});
for (const checkout of checkouts) await checkout.close();
