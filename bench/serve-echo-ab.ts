/**
 * `SERVE_ECHO_AB_ROOTS=/work/wt-base,$PWD npx tsx bench/serve-echo-ab.ts`: the runs/wait hop of two or more
 * checkouts in one process, in alternated blocks (the order reversed every other pass), so the spread of a shared
 * machine hits every checkout alike. Each checkout serves the same one-node graph (its own server, saver and
 * modules, loaded from its root; the clients are this checkout's): `graph.invoke` in process, then stateless
 * runs/wait by the official SDK Client (as `npm run bench -- request-cost` calls it) and by `fetch`, and a
 * runs/wait on a new thread by `fetch`, interleaved call by call. Prints per checkout, median over passes: CPU
 * per call of each path (client and server, one process), each path's CPU and wall p50 minus invoke's in the
 * same block, and each checkout's paired difference to the first, with the load. On a one-node graph the
 * server's own work is most of what a run costs, so a cut in the serving path shows here first.
 * SERVE_ECHO_AB_PASSES (default 8) and SERVE_ECHO_AB_BLOCK (calls per block, default 100) size it.
 */
import path from "node:path";
import type * as LangGraph from "@langchain/langgraph";
import { Client } from "@langchain/langgraph-sdk";
import type * as Checkpoints from "../checkpoints/index.ts";
import type * as Server from "../src/server/index.ts";
import type { ServableGraph } from "../src/server/index.ts";
import { compareCheckouts } from "./checkout-passes.ts";
import { median } from "./paired-blocks.ts";

const roots = (process.env.SERVE_ECHO_AB_ROOTS ?? process.cwd()).split(",").map((root) => path.resolve(root));
const PASSES = Number(process.env.SERVE_ECHO_AB_PASSES ?? 8);
const BLOCK = Number(process.env.SERVE_ECHO_AB_BLOCK ?? 100);
const paths = ["invoke", "sdk", "fetch", "thread"] as const;
type PathName = (typeof paths)[number];

interface Checkout {
  root: string;
  call: Record<PathName, (index: number) => Promise<unknown>>;
  close(): Promise<void>;
}

async function answered(response: Response, root: string): Promise<void> {
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${root}: runs/wait answered ${response.status}: ${text.slice(0, 200)}`);
}

/** One checkout's graph and server, every module loaded from its own tree. */
async function open(root: string): Promise<Checkout> {
  const { Annotation, END, START, StateGraph } = (await import(path.join(root, "node_modules/@langchain/langgraph/dist/index.js"))) as typeof LangGraph;
  const { openSqliteSaver } = (await import(path.join(root, "checkpoints/index.ts"))) as typeof Checkpoints;
  const { createServer } = (await import(path.join(root, "src/server/index.ts"))) as typeof Server;
  const saver = openSqliteSaver(":memory:");
  const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
  const graph = new StateGraph(State)
    .addNode("respond", (state) => ({ answer: `echo: ${state.question}` }))
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile({ checkpointer: saver, name: "echo" });
  const server = createServer({ graphs: { echo: { graph: graph as unknown as ServableGraph } }, persistence: { checkpointer: saver } });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } });
  const post = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return {
    root,
    call: {
      invoke: (index) => graph.invoke({ question: `q ${index}` }, { configurable: { thread_id: `direct-${index}-${performance.now()}` } }),
      sdk: (index) => client.runs.wait(null, "echo", { input: { question: `q ${index}` } }),
      fetch: async (index) => answered(await fetch(`${listening.url}/runs/wait`, post({ assistant_id: "echo", input: { question: `q ${index}` } })), root),
      thread: async (index) => answered(await fetch(`${listening.url}/threads/${crypto.randomUUID()}/runs/wait`, post({ assistant_id: "echo", input: { question: `q ${index}` }, if_not_exists: "create" })), root),
    },
    close: async () => {
      await listening.close();
      await server.close();
    },
  };
}

/** One block of `BLOCK` calls of each path, interleaved call by call: CPU per call and wall p50 per path. */
async function block(checkout: Checkout): Promise<Record<PathName, { cpu: number; p50: number }>> {
  const cpu: Record<PathName, number> = { invoke: 0, sdk: 0, fetch: 0, thread: 0 };
  const walls: Record<PathName, number[]> = { invoke: [], sdk: [], fetch: [], thread: [] };
  for (let index = 0; index < BLOCK; index++) {
    for (const name of paths) {
      const started = process.cpuUsage();
      const at = performance.now();
      await checkout.call[name](index);
      walls[name].push(performance.now() - at);
      const used = process.cpuUsage(started);
      cpu[name] += (used.user + used.system) / 1000;
    }
  }
  const result = {} as Record<PathName, { cpu: number; p50: number }>;
  for (const name of paths) result[name] = { cpu: cpu[name] / BLOCK, p50: median(walls[name]) };
  return result;
}

const checkouts: Checkout[] = [];
for (const root of roots) checkouts.push(await open(root));
for (const checkout of checkouts) for (let index = 0; index < 100; index++) for (const name of paths) await checkout.call[name](index);

const rows = ["CPU per invoke", "CPU per runs/wait (SDK)", "CPU SDK wait - invoke", "CPU fetch wait - invoke", "CPU thread wait - invoke", "SDK wait p50 - invoke p50", "fetch wait p50 - invoke p50", "thread wait p50 - invoke p50"] as const;
await compareCheckouts(checkouts, rows, { passes: PASSES, block: BLOCK, digits: 3 }, async (checkout) => {
  const { invoke, sdk, fetch: viaFetch, thread } = await block(checkout);
  return [invoke.cpu, sdk.cpu, sdk.cpu - invoke.cpu, viaFetch.cpu - invoke.cpu, thread.cpu - invoke.cpu, sdk.p50 - invoke.p50, viaFetch.p50 - invoke.p50, thread.p50 - invoke.p50];
});
for (const checkout of checkouts) await checkout.close();
