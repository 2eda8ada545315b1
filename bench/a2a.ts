/**
 * A2A v1.0 with zero trust, in one run:
 *
 * 1. SendMessage overhead: a one-node graph invoked in process vs the same graph served over A2A and called
 *    with SendMessage by RemoteAgent (the SDK's JSON-RPC client over loopback: a fresh ES256 token per call,
 *    the server's token check, the SDK handler, our run and task store), interleaved; p50 of each, their
 *    difference (goal 5 ms) and CPU per call of each side; the LangGraph API's runs/wait on the same server
 *    beside them, so the part A2A adds over our existing HTTP hop shows.
 * 2. Card signature verification (JWS over the JCS card, key cached): p50 per card (goal 1 ms).
 * 3. Token validation (signature, claims, jti claim): p50 per token (goal 1 ms).
 * 4. Parsing a 64 KB SendMessage body (JSON.parse + our zod request schema) against JSON.parse alone (goal 0.5 ms).
 *
 * Beside them, where the hop goes (same run, same server): runs/wait and SendMessage through `server.app.request`
 * (the server's own work, no socket and no SDK client), and `fetch` of `GET /ok` (the loopback HTTP round trip
 * with fetch: the floor under any hop measured with the SDK clients), and runs/wait in process on a chat thread
 * whose history grows from 140 to 260 messages (what a run on a thread with state costs beyond a fresh one).
 *
 * `SWITCHYARD_BENCH_ROUNDS` sets the SendMessage rounds (default 200). `SWITCHYARD_BENCH_PROFILE=1` then runs the
 * same number of SendMessage calls and of runs/wait calls under the V8 profiler (after the measured rounds, so
 * the figures are not skewed) and writes `.switchyard/bench/a2a-send.cpuprofile` and `a2a-runs-wait.cpuprofile`.
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { AgentCard } from "@a2a-js/sdk";
import { Client } from "@langchain/langgraph-sdk";
import { AIMessage } from "@langchain/core/messages";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { openSqliteSaver } from "../checkpoints/index.ts";
import { AgentKeyRing, RemoteAgent, ReplayCache, TrustedKeys, bodyDigest, issueAgentToken, parseA2aRequest, signAgentCard, verifyAgentCard, verifyAgentToken } from "../src/a2a/index.ts";
import { createServer, type ServableGraph } from "../src/server/index.ts";
import { percentile } from "../src/telemetry/percentile.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ROUNDS ?? 200);
const MICRO = 2_000;
/** Measured runs on one chat thread after 20 turns and the 50 warm-up runs: it holds 140 to 260 messages. */
const HISTORY_ROUNDS = 60;

function cpuMs(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Wall p50 per call of `operation` over `rounds` calls, after a warm-up. */
async function p50Of(rounds: number, operation: (index: number) => unknown): Promise<number> {
  for (let index = 0; index < 50; index++) await operation(index);
  const times: number[] = [];
  for (let index = 0; index < rounds; index++) {
    const started = performance.now();
    await operation(index);
    times.push(performance.now() - started);
  }
  return percentile(times, 0.5);
}

function echoGraph(saver: ReturnType<typeof openSqliteSaver>) {
  const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
  return new StateGraph(State)
    .addNode("respond", (state) => ({ answer: `echo: ${state.question}` }))
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile({ checkpointer: saver, name: "echo" });
}

/** A chat graph: each run appends the user's message and one reply, so a thread's state grows as a conversation's does. */
function chatGraph(saver: ReturnType<typeof openSqliteSaver>) {
  return new StateGraph(MessagesAnnotation)
    .addNode("reply", () => ({ messages: [new AIMessage("r".repeat(200))] }))
    .addEdge(START, "reply")
    .addEdge("reply", END)
    .compile({ checkpointer: saver, name: "chat" });
}

/** Runs `operation` `rounds` times under the V8 sampling profiler; writes the profile to `.switchyard/bench/NAME.cpuprofile`. */
async function profiled(name: string, rounds: number, operation: (index: number) => Promise<unknown>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  for (let index = 0; index < rounds; index++) await operation(index);
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const file = path.join(".switchyard", "bench", `${name}.cpuprofile`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`wrote ${file}`);
}

/** p50 wall and CPU per call of `operation`, after the rounds `p50Of` warms up with. */
async function costOf(rounds: number, operation: (index: number) => Promise<unknown>): Promise<{ p50: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const p50 = await p50Of(rounds, operation);
  return { p50, cpu: cpuMs(cpu) / (rounds + 50) };
}

async function sendMessageOverhead(): Promise<BenchFigure[]> {
  const saver = openSqliteSaver(":memory:");
  const graph = echoGraph(saver);
  const caller = { issuer: "urn:bench:caller", keys: await AgentKeyRing.open() };
  const server = createServer({ graphs: { echo: { graph: graph as unknown as ServableGraph }, chat: { graph: chatGraph(saver) as unknown as ServableGraph } }, persistence: { checkpointer: saver }, a2a: { peers: [{ issuer: caller.issuer, keys: caller.keys.jwks().keys }] } });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  const langgraph = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } });
  const agent = new RemoteAgent({ url: `${listening.url}/a2a/echo`, keys: new TrustedKeys({ jwksUrl: `${listening.url}/a2a/jwks.json` }), identity: caller, retries: 0 });
  try {
    for (let index = 0; index < 30; index++) {
      await graph.invoke({ question: `warm ${index}` }, { configurable: { thread_id: `warm-${index}` } });
      await agent.send({ data: { question: `warm ${index}` } });
      await langgraph.runs.wait(null, "echo", { input: { question: `warm ${index}` } });
    }
    const direct: number[] = [];
    const overA2a: number[] = [];
    const overRunsWait: number[] = [];
    let directCpu = 0;
    let a2aCpu = 0;
    let runsWaitCpu = 0;
    for (let index = 0; index < ROUNDS; index++) {
      let cpu = process.cpuUsage();
      let started = performance.now();
      await graph.invoke({ question: `q ${index}` }, { configurable: { thread_id: `direct-${index}` } });
      direct.push(performance.now() - started);
      directCpu += cpuMs(cpu);
      cpu = process.cpuUsage();
      started = performance.now();
      await agent.send({ data: { question: `q ${index}` } });
      overA2a.push(performance.now() - started);
      a2aCpu += cpuMs(cpu);
      cpu = process.cpuUsage();
      started = performance.now();
      await langgraph.runs.wait(null, "echo", { input: { question: `q ${index}` } });
      overRunsWait.push(performance.now() - started);
      runsWaitCpu += cpuMs(cpu);
    }
    // The same calls without HTTP or the SDK clients, and HTTP without the server's work: where the hop goes.
    const inProcessWait = await costOf(ROUNDS, async (index) => (await server.app.request("/runs/wait", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "echo", input: { question: `i ${index}` } }) })).json());
    const signingKey = await caller.keys.signingKey();
    const inProcessSend = await costOf(ROUNDS, async (index) => {
      const body = { jsonrpc: "2.0", id: index, method: "SendMessage", params: { message: { messageId: `m-${index}-${performance.now()}`, role: "ROLE_USER", parts: [{ data: { question: `i ${index}` } }] } } };
      const { token } = await issueAgentToken({ key: signingKey, issuer: caller.issuer, audience: agent.url, now: Date.now, bodyDigest: bodyDigest(body) });
      const response = await server.app.request("/a2a/echo", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "a2a-version": "1.0" }, body: JSON.stringify(body) });
      const answer = (await response.json()) as { error?: unknown };
      if (answer.error !== undefined) throw new Error(`in-process SendMessage refused: ${JSON.stringify(answer.error)}`);
    });
    const floor = await costOf(ROUNDS, () => fetch(`${listening.url}/ok`).then((response) => response.text()));
    // A run on a thread with history: the server reads the thread's latest checkpoint before the run, and the graph reads it again.
    const thread = (await (await server.app.request("/threads", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json()) as { thread_id: string };
    const turn = async (index: number) => (await server.app.request(`/threads/${thread.thread_id}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "chat", input: { messages: [{ role: "user", content: `turn ${index} ${"u".repeat(200)}` }] } }) })).json();
    for (let index = 0; index < 20; index++) await turn(index);
    const onThread = await costOf(HISTORY_ROUNDS, turn);
    if (process.env.SWITCHYARD_BENCH_PROFILE === "1") {
      await profiled("a2a-send", ROUNDS, (index) => agent.send({ data: { question: `p ${index}` } }));
      await profiled("a2a-runs-wait", ROUNDS, (index) => langgraph.runs.wait(null, "echo", { input: { question: `p ${index}` } }));
    }
    const directP50 = percentile(direct, 0.5);
    const a2aP50 = percentile(overA2a, 0.5);
    const baseline = "graph.invoke in process, same run";
    return [
      { metric: "graph.invoke p50", value: directP50, unit: "ms" },
      { metric: "SendMessage p50 (SDK client, loopback)", value: a2aP50, unit: "ms", baseline, ratio: a2aP50 / directP50 },
      { metric: "SendMessage p99", value: percentile(overA2a, 0.99), unit: "ms" },
      { metric: "SendMessage overhead p50 (SendMessage - invoke)", value: a2aP50 - directP50, unit: "ms", goal: 5 },
      { metric: "LangGraph API runs/wait p50 (same server, stateless)", value: percentile(overRunsWait, 0.5), unit: "ms", baseline, ratio: percentile(overRunsWait, 0.5) / directP50 },
      { metric: "SendMessage p50 - runs/wait p50 (what A2A adds to our HTTP hop)", value: a2aP50 - percentile(overRunsWait, 0.5), unit: "ms" },
      { metric: "CPU per graph.invoke", value: directCpu / ROUNDS, unit: "ms" },
      { metric: "CPU per SendMessage (client and server, one process)", value: a2aCpu / ROUNDS, unit: "ms", baseline: "CPU per graph.invoke", ratio: a2aCpu / Math.max(directCpu, 1e-9) },
      { metric: "CPU per runs/wait (client and server, one process)", value: runsWaitCpu / ROUNDS, unit: "ms", baseline: "CPU per graph.invoke", ratio: runsWaitCpu / Math.max(directCpu, 1e-9) },
      { metric: "runs/wait p50 in process (app.request, no HTTP, no SDK client)", value: inProcessWait.p50, unit: "ms", baseline, ratio: inProcessWait.p50 / directP50 },
      { metric: "CPU per runs/wait in process (app.request)", value: inProcessWait.cpu, unit: "ms", baseline: "CPU per graph.invoke", ratio: inProcessWait.cpu / Math.max(directCpu / ROUNDS, 1e-9) },
      { metric: "SendMessage p50 in process (app.request with a fresh token, no HTTP, no SDK client)", value: inProcessSend.p50, unit: "ms", baseline, ratio: inProcessSend.p50 / directP50 },
      { metric: "CPU per SendMessage in process (app.request)", value: inProcessSend.cpu, unit: "ms", baseline: "CPU per graph.invoke", ratio: inProcessSend.cpu / Math.max(directCpu / ROUNDS, 1e-9) },
      { metric: "HTTP floor: fetch GET /ok p50 (loopback, keep-alive)", value: floor.p50, unit: "ms" },
      { metric: "HTTP floor: CPU per fetch GET /ok (client and server)", value: floor.cpu, unit: "ms" },
      { metric: "runs/wait on a thread with history (140 to 260 messages), in process p50", value: onThread.p50, unit: "ms" },
      { metric: "CPU per runs/wait on a thread with history, in process", value: onThread.cpu, unit: "ms" },
    ];
  } finally {
    await listening.close();
    await server.close();
  }
}

async function verification(): Promise<BenchFigure[]> {
  const ring = await AgentKeyRing.open();
  const url = "http://127.0.0.1:9/a2a/echo";
  const card = AgentCard.fromJSON({ name: "echo", description: "bench card", version: "1", supportedInterfaces: [{ url, protocolBinding: "JSONRPC", protocolVersion: "1.0" }], capabilities: { streaming: true }, skills: [{ id: "echo", name: "echo", description: "echoes", tags: ["bench"] }] });
  const signed = AgentCard.toJSON(await signAgentCard(card, await ring.signingKey(), { now: Date.now }));
  const keys = new TrustedKeys({ pinned: ring.jwks().keys });
  const cardP50 = await p50Of(MICRO, () => verifyAgentCard(signed, { keys, now: Date.now, endpoint: url }));

  const peers = new Map([["urn:bench:caller", keys]]);
  const replay = new ReplayCache({ now: Date.now });
  const tokens: string[] = [];
  for (let index = 0; index < MICRO + 50; index++) tokens.push((await issueAgentToken({ key: await ring.signingKey(), issuer: "urn:bench:caller", audience: url, now: Date.now })).token);
  const tokenP50 = await p50Of(MICRO, (index) => verifyAgentToken(tokens[index % tokens.length] ?? "", { peers, audience: url, now: Date.now, replay: index < 50 ? new ReplayCache({ now: Date.now }) : replay }));

  const message = { messageId: "m-1", role: "ROLE_USER", parts: [{ text: "x".repeat(63_000) }, { data: { order: "ORD-1", lines: Array.from({ length: 20 }, (_, line) => ({ sku: `S-${line}`, qty: line })) } }] };
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "SendMessage", params: { message } });
  const parseOnly = await p50Of(MICRO, () => JSON.parse(body));
  const parsed = await p50Of(MICRO, () => parseA2aRequest(JSON.parse(body)));
  return [
    { metric: "card signature verification p50", value: cardP50, unit: "ms", goal: 1 },
    { metric: "token validation p50", value: tokenP50, unit: "ms", goal: 1 },
    { metric: `JSON.parse of a ${Math.round(body.length / 1024)} KB SendMessage p50`, value: parseOnly, unit: "ms" },
    { metric: `parse + validate a ${Math.round(body.length / 1024)} KB SendMessage p50`, value: parsed, unit: "ms", goal: 0.5, baseline: "JSON.parse alone", ratio: parsed / parseOnly },
  ];
}

export async function run(): Promise<BenchResult> {
  const figures = [...(await verification()), ...(await sendMessageOverhead())];
  return { name: "a2a", figures };
}
