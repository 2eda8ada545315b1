/**
 * `npx tsx bench/a2a-split.ts`: where a SendMessage's CPU goes, in one process, in alternated blocks (the order
 * reversed every other pass), so the spread of a shared machine hits every step alike. Steps, each on the same
 * one-node graph and server: invoke in process; a thread run through the LangGraph API with the options the A2A
 * executor uses, by `app.request` (no socket); SendMessage by `app.request` with a fresh token carrying the body's
 * digest (A2A's server work and the caller's token); the same request by `fetch` over loopback; `RemoteAgent.send`
 * (the SDK's JSON-RPC client). Prints CPU per call per step (median over passes) and each step's paired
 * difference to the one before it, with the load average.
 * A2A_SPLIT_PASSES (default 8) and A2A_SPLIT_BLOCK (calls per block, default 100) size it.
 */
import * as LangGraph from "@langchain/langgraph";
import * as Checkpoints from "../checkpoints/index.ts";
import * as A2a from "../src/a2a/index.ts";
import { bodyDigest, issueAgentToken } from "../src/a2a/index.ts";
import * as Server from "../src/server/index.ts";
import { startEchoAgent } from "./a2a-echo-agent.ts";
import { alternatingStepCpu, type Step } from "./alternating-steps.ts";
import { median } from "./paired-blocks.ts";

const PASSES = Number(process.env.A2A_SPLIT_PASSES ?? 8);
const BLOCK = Number(process.env.A2A_SPLIT_BLOCK ?? 100);

const { graph, caller, server, listening, agent } = await startEchoAgent({ langgraph: LangGraph, checkpoints: Checkpoints, a2a: A2a, server: Server });
const signingKey = await caller.keys.signingKey();

/** The JSON-RPC SendMessage `RemoteAgent` sends, with its headers: a fresh token whose `bdh` is the body's digest. */
async function sendMessageRequest(index: number): Promise<RequestInit> {
  const body = { jsonrpc: "2.0", id: index, method: "SendMessage", params: { message: { messageId: `m-${index}-${performance.now()}`, role: "ROLE_USER", parts: [{ data: { question: `q ${index}` } }] } } };
  const { token } = await issueAgentToken({ key: signingKey, issuer: caller.issuer, audience: agent.url, now: Date.now, bodyDigest: bodyDigest(body) });
  return { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "a2a-version": "1.0" }, body: JSON.stringify(body) };
}

async function answered(response: Response): Promise<void> {
  const answer = (await response.json()) as { error?: unknown };
  if (answer.error !== undefined) throw new Error(`SendMessage refused: ${JSON.stringify(answer.error)}`);
}

const steps: Step[] = [
  ["graph.invoke", (index) => graph.invoke({ question: `q ${index}` }, { configurable: { thread_id: `direct-${index}-${performance.now()}` } })],
  ["thread run, app.request", async (index) => (await server.app.request(`/threads/${crypto.randomUUID()}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "echo", input: { question: `q ${index}` }, if_not_exists: "create", stream_mode: ["values", "updates"], multitask_strategy: "reject", metadata: { a2a_task_id: "t", a2a_context_id: "c" } }) })).json()],
  ["SendMessage, app.request", async (index) => answered(await server.app.request("/a2a/echo", await sendMessageRequest(index)))],
  ["SendMessage, fetch", async (index) => answered(await fetch(`${listening.url}/a2a/echo`, await sendMessageRequest(index)))],
  ["SendMessage, RemoteAgent", (index) => agent.send({ data: { question: `q ${index}` } })],
];

const { cpu, loads } = await alternatingStepCpu(steps, { passes: PASSES, block: BLOCK, warmup: 50 });
console.log(`load after each pass: ${loads.join(" ")}`);
steps.forEach(([name], index) => {
  const own = cpu[index] ?? [];
  const before = index === 0 ? undefined : cpu[index - 1];
  const step = before === undefined ? "" : `; over the step before, paired: ${median(own.map((value, pass) => value - (before[pass] ?? Number.NaN))).toFixed(2)} ms`;
  console.log(`${name.padEnd(26)} CPU per call ${median(own).toFixed(2)} ms${step}`);
});
await listening.close();
await server.close();
