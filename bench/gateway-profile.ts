/**
 * Where a gateway request's CPU goes (issue #18): `node:inspector` CPU profiles of real `gateway.invoke`
 * requests (quiet emulator profile, emulators on a worker thread, so the main thread is the request path)
 * beside the direct ChatOpenAI call and a bare chain of 6 no-op supersteps on the same saver, in one process.
 * Samples are grouped three ways: by what ran (self time: our folders, LangGraph, @langchain/core, zod, GC...),
 * by the innermost frame of our own code on the stack (what our code costs with the libraries it calls), and
 * inclusively per function of ours. First, unprofiled, every thread's CPU per request by thread (V8's
 * compiler and GC helpers, the emulators' worker). A one-off behind docs/gateway.md, not in `npm run bench`:
 *
 *   ROUNDS=200 npx tsx bench/gateway-profile.ts             (WARMUP=600: after the JIT has settled;
 *   PROFILE=0: the per-thread table only; PROFILES=dir: each block's .cpuprofile written there)
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import { HumanMessage } from "@langchain/core/messages";
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { createGateway } from "../graphs/create-gateway.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { prepareModeCall } from "../src/output-modes/index.ts";
import { ticketExtractionSchema, workloadTasks } from "../src/workload/index.ts";
import type { CpuProfile } from "./tracing-profile.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 300);
const TOP = Number(process.env.TOP ?? 25);
const DEPLOYMENT = "openai-gpt-4o-mini";
const ROOT = new URL("..", import.meta.url).href;

/** What a frame's source is: one of our folders, a package, node's internals, or V8's pseudo-frames. */
function categoryOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : `native ${functionName || "(anonymous)"}`;
  if (url.startsWith("node:")) return "node:internals";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith(ROOT)) return `ours ${url.slice(ROOT.length).split("/").slice(0, -1).join("/") || "."}`;
  return "other";
}

/** Our code, but not the two pass-through wrappers every node runs in (they would own every sample below them). */
const ours = (url: string) => url.startsWith(ROOT) && !url.includes("/node_modules/") && !url.includes("/bench/") && !/\/(lean-run-context|yielding-node)\.ts$/.test(url);

/** Busy samples of one path: all, and by source, by function, by innermost frame of ours, inclusively per function of ours. */
interface Tally {
  busy: number;
  self: Map<string, number>;
  selfFn: Map<string, number>;
  innermostOurs: Map<string, number>;
  inclusiveOurs: Map<string, number>;
}

const emptyTally = (): Tally => ({ busy: 0, self: new Map(), selfFn: new Map(), innermostOurs: new Map(), inclusiveOurs: new Map() });
const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);

function tallyProfile(profile: CpuProfile, tally: Tally): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const samples = profile.samples ?? [];
  for (let index = 0; index < samples.length; index++) {
    // Each sample counts once (weighted by its time delta, a thread preempted on a loaded machine would
    // charge the wait to whatever it was running); shares are scaled to the main thread's CPU (schedstat).
    const leaf = byId.get(samples[index]!)!;
    if (leaf.callFrame.functionName === "(idle)") continue;
    tally.busy += 1;
    const { url, functionName } = leaf.callFrame;
    add(tally.self, categoryOf(url, functionName), 1);
    add(tally.selfFn, `${categoryOf(url, functionName)} ${functionName || "(anonymous)"} ${url.split("/").pop() ?? ""}`, 1);
    let innermost: string | undefined;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (!ours(frame.url)) continue;
      const key = `${frame.url.slice(ROOT.length)}:${frame.functionName || "(anonymous)"}`;
      innermost ??= key;
      seen.add(key);
    }
    add(tally.innermostOurs, innermost ?? `(no frame of ours) ${categoryOf(url, functionName)}`, 1);
    for (const key of seen) add(tally.inclusiveOurs, key, 1);
  }
}

/** Every thread's CPU so far (ms) by thread name (V8's GC helpers, libuv's pool, the emulators' worker...). */
function threadsCpuMs(): Map<string, number> {
  const byName = new Map<string, number>();
  for (const task of fs.readdirSync(`/proc/self/task`)) {
    try {
      const name = fs.readFileSync(`/proc/self/task/${task}/comm`, "utf8").trim();
      const schedstat = fs.readFileSync(`/proc/self/task/${task}/schedstat`, "utf8");
      const label = task === String(process.pid) ? "main" : `${name} ${task}`;
      add(byName, label, Number(schedstat.slice(0, schedstat.indexOf(" "))) / 1e6);
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return byName;
}

/** The main thread's CPU so far (ms), from the kernel's schedstat: process.cpuUsage counts the emulators' worker too. */
function mainThreadCpuMs(): number {
  const schedstat = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8");
  return Number(schedstat.slice(0, schedstat.indexOf(" "))) / 1e6;
}

function print(title: string, tally: Tally, requests: number, threadMs: number): void {
  const msPerSample = threadMs / tally.busy / requests;
  const perRequest = (samples: number) => `${(samples * msPerSample).toFixed(3).padStart(7)} ms ${((100 * samples) / tally.busy).toFixed(1).padStart(5)} %`;
  const top = (map: Map<string, number>, count: number) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log(`\n== ${title}: main thread ${(threadMs / requests).toFixed(2)} ms CPU per request, ${tally.busy} busy samples`);
  console.log("-- self time by source");
  for (const [key, us] of top(tally.self, 30)) console.log(`${perRequest(us)}  ${key}`);
  console.log("-- self time by function");
  for (const [key, us] of top(tally.selfFn, TOP)) console.log(`${perRequest(us)}  ${key}`);
  console.log("-- by the innermost frame of ours (our code with the libraries it calls)");
  for (const [key, us] of top(tally.innermostOurs, TOP)) console.log(`${perRequest(us)}  ${key}`);
  console.log("-- inclusive, per function of ours");
  for (const [key, us] of top(tally.inclusiveOurs, TOP)) console.log(`${perRequest(us)}  ${key}`);
}

const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const session = new Session();
session.connect();
try {
  const tasks = workloadTasks();
  const inputOf = (index: number) => tasks[Math.abs(index) % tasks.length]!.input;
  const { runnable } = prepareModeCall({ model: gateway.engine.model(DEPLOYMENT), provider: "openai", mode: "emit", schema: ticketExtractionSchema, schemaName: "ticket_extraction" });
  const state = new StateSchema({ step: z.number().default(0) });
  let chainGraph = new StateGraph(state) as unknown as StateGraph<typeof state, typeof state.State, typeof state.Update, string>;
  for (let index = 0; index < 6; index++) chainGraph = chainGraph.addNode(`n${index}`, (current: typeof state.State) => ({ step: current.step + 1 }));
  chainGraph = chainGraph.addEdge(START, "n0");
  for (let index = 1; index < 6; index++) chainGraph = chainGraph.addEdge(`n${index - 1}`, `n${index}`);
  const chain = chainGraph.addEdge("n5", END).compile({ checkpointer: gateway.persistence.checkpointer });
  const paths = {
    gateway: async (index: number) => {
      const result = await gateway.invoke({ input: inputOf(index), deployment: DEPLOYMENT, mode: "emit" }, { threadId: `gw-${index}` });
      if (result.status !== "succeeded") throw new Error(`gateway request failed: ${result.error?.message ?? result.status}`);
    },
    direct: async (index: number) => {
      let text = "";
      for await (const chunk of await runnable.stream([new HumanMessage(inputOf(index))])) text += typeof chunk.content === "string" ? chunk.content : "";
      ticketExtractionSchema.parse(JSON.parse(text));
    },
    chain: async (index: number) => {
      await chain.invoke({ step: 0 }, { configurable: { thread_id: `chain-${index}` } });
    },
  };
  const names = Object.keys(paths) as (keyof typeof paths)[];
  for (let index = 0; index < Number(process.env.WARMUP ?? 30); index++) for (const name of names) await paths[name](-1 - index);
  // Unprofiled first: every thread's CPU per request, by thread, alternating paths in blocks of 20.
  const perThread = Object.fromEntries(names.map((name) => [name, new Map<string, number>()])) as Record<keyof typeof paths, Map<string, number>>;
  for (let block = 0; block < ROUNDS; block += 20) {
    for (const name of block % 40 === 0 ? names : [...names].reverse()) {
      const before = threadsCpuMs();
      for (let index = block; index < block + 20; index++) await paths[name](100_000 + index);
      for (const [thread, ms] of threadsCpuMs()) add(perThread[name], thread, ms - (before.get(thread) ?? 0));
    }
  }
  const threadNames = [...new Set(names.flatMap((name) => [...perThread[name].keys()]))];
  console.log(`${names.map((name) => name.padStart(8)).join(" ")}  CPU ms per request by thread, profiler off`);
  for (const thread of threadNames) console.log(`${names.map((name) => ((perThread[name].get(thread) ?? 0) / ROUNDS).toFixed(3).padStart(8)).join(" ")}  ${thread}`);
  console.log(`${names.map((name) => ([...perThread[name].values()].reduce((sum, ms) => sum + ms, 0) / ROUNDS).toFixed(3).padStart(8)).join(" ")}  all`);
  if (process.env.PROFILE === "0") process.exit(0);
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  const tallies = Object.fromEntries(names.map((name) => [name, emptyTally()])) as Record<keyof typeof paths, Tally>;
  const cpuMs = Object.fromEntries(names.map((name) => [name, 0])) as Record<keyof typeof paths, number>;
  const threadMs = Object.fromEntries(names.map((name) => [name, 0])) as Record<keyof typeof paths, number>;
  for (let block = 0; block < ROUNDS; block += 20) {
    for (const name of block % 40 === 0 ? names : [...names].reverse()) {
      await session.post("Profiler.start");
      const started = process.cpuUsage();
      const thread = mainThreadCpuMs();
      for (let index = block; index < block + 20; index++) await paths[name](index);
      const used = process.cpuUsage(started);
      threadMs[name] += mainThreadCpuMs() - thread;
      cpuMs[name] += (used.user + used.system) / 1000;
      const { profile } = await session.post("Profiler.stop");
      tallyProfile(profile as CpuProfile, tallies[name]);
      if (process.env.PROFILES !== undefined) fs.writeFileSync(`${process.env.PROFILES}/${name}-${block}.cpuprofile`, JSON.stringify(profile));
    }
  }
  for (const name of names) console.log(`${name}: ${(cpuMs[name] / ROUNDS).toFixed(2)} ms CPU per request, every thread; main thread ${(threadMs[name] / ROUNDS).toFixed(2)} ms (profiler on)`);
  // Side by side, main-thread ms per request by what ran: the gateway's excess over direct and chain.
  const sources = [...new Set(names.flatMap((name) => [...tallies[name].self.keys()]))];
  const msOf = (name: keyof typeof paths, source: string) => ((tallies[name].self.get(source) ?? 0) * threadMs[name]) / tallies[name].busy / ROUNDS;
  console.log(`\n${"gateway".padStart(8)} ${"direct".padStart(8)} ${"chain".padStart(8)}  self time by source, ms per request`);
  for (const source of sources.sort((a, b) => msOf("gateway", b) - msOf("gateway", a)).slice(0, 30)) {
    console.log(`${names.map((name) => msOf(name, source).toFixed(3).padStart(8)).join(" ")}  ${source}`);
  }
  for (const name of names) print(name, tallies[name], ROUNDS, threadMs[name]);
} finally {
  session.disconnect();
  await gateway.close();
}
