import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Annotation, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "../../../checkpoints/index.ts";
import { AgentKeyRing, issueAgentToken, RemoteAgent, TrustedKeys } from "../../../src/a2a/index.ts";
import { MemoryEventSink } from "../../../src/guardian/index.ts";
import { createServer, type ListeningServer, type ServableGraph, type SwitchyardServer } from "../../../src/server/index.ts";
import type { A2aServeOptions } from "../../../src/server/a2a-routes.ts";

/**
 * A help desk graph: a question with "which" in it asks back (an interrupt, INPUT_REQUIRED over A2A) and
 * answers with the reply; "slow" waits for the test to release it (cancel); anything else is echoed.
 */
export function deskGraph(saver: SwitchyardSqliteSaver) {
  const gates: Array<() => void> = [];
  let runs = 0;
  const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
  const graph = new StateGraph(State)
    .addNode("respond", async (state) => {
      runs += 1;
      if (state.question.includes("slow")) await new Promise<void>((resolve) => gates.push(resolve));
      if (state.question.includes("which")) {
        const reply: unknown = interrupt("which order do you mean?");
        return { answer: `looked up ${String(reply)}` };
      }
      return { answer: `echo: ${state.question}` };
    })
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile({ checkpointer: saver, name: "desk" });
  return { graph: graph as unknown as ServableGraph, runs: () => runs, waiting: () => gates.length, releaseAll: () => gates.splice(0).forEach((release) => release()) };
}

export interface A2aHarness {
  server: SwitchyardServer;
  listening: ListeningServer;
  saver: SwitchyardSqliteSaver;
  desk: ReturnType<typeof deskGraph>;
  events: MemoryEventSink;
  url: string;
  close(): Promise<void>;
}

/** One switchyard server serving the desk graph over A2A on loopback, its state in `dbPath`. */
export async function startDesk(dbPath: string, a2a: A2aServeOptions): Promise<A2aHarness> {
  const saver = openSqliteSaver(dbPath);
  const desk = deskGraph(saver);
  const events = new MemoryEventSink();
  const server = createServer({ graphs: { desk: { graph: desk.graph, description: "answers help-desk questions" } }, persistence: { checkpointer: saver }, a2a: { events, ...a2a } });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  await server.ready;
  return {
    server,
    listening,
    saver,
    desk,
    events,
    url: listening.url,
    async close() {
      desk.releaseAll();
      await listening.close();
      await server.close();
      saver.database.close();
    },
  };
}

/** A calling agent: its own key ring and issuer, pinned by the server as a peer. */
export async function callerIdentity(issuer = "urn:switchyard:test-caller"): Promise<{ issuer: string; keys: AgentKeyRing }> {
  return { issuer, keys: await AgentKeyRing.open() };
}

/** The desk agent as a RemoteAgent trusting the server's published JWKS. */
/** The desk behind the zero-trust gate, trusting two callers: `identity` (tokens only) and `signer` (also signs bodies). */
export async function gatedDesk(): Promise<{ harness: A2aHarness; identity: CallerIdentity; signer: CallerIdentity; agent: string }> {
  const identity = await callerIdentity();
  const signer = await callerIdentity("urn:switchyard:signing-caller");
  const harness = await startDesk(path.join(temporaryDirectory(), "state.db"), {
    peers: [
      { issuer: identity.issuer, keys: identity.keys.jwks().keys },
      { issuer: signer.issuer, keys: signer.keys.jwks().keys, signsBodies: true },
    ],
    maxBodyBytes: 65_536,
  });
  return { harness, identity, signer, agent: `${harness.url}/a2a/desk` };
}

export type CallerIdentity = Awaited<ReturnType<typeof callerIdentity>>;

/** Issues tokens as `identity` for `audience`; each option forges one part (who, audience, time, key, body digest). */
export function tokenIssuer(identity: CallerIdentity, audience: string) {
  return async (options: { who?: CallerIdentity; audience?: string; at?: number; key?: AgentKeyRing; digest?: string } = {}): Promise<string> => {
    const who = options.who ?? identity;
    return (await issueAgentToken({ key: await (options.key ?? who.keys).signingKey(), issuer: who.issuer, audience: options.audience ?? audience, now: () => options.at ?? Date.now(), ...(options.digest ? { bodyDigest: options.digest } : {}) })).token;
  };
}

/** The token attacks every binding must refuse with 401: none, expired, another agent's audience, a forged key, an unknown issuer. */
export async function expectBadTokensRefused(
  harness: A2aHarness,
  token: ReturnType<typeof tokenIssuer>,
  send: (headers: Record<string, string>) => Promise<Response>,
  refusedWith: (response: Response, status: number, reason: string) => Promise<void>,
): Promise<void> {
  const bearer = async (options: Parameters<typeof token>[0]) => ({ authorization: `Bearer ${await token(options)}` });
  await refusedWith(await send({}), 401, "token_missing");
  await refusedWith(await send(await bearer({ at: Date.now() - 400_000 })), 401, "token_expired");
  await refusedWith(await send(await bearer({ audience: `${harness.url}/a2a/other` })), 401, "token_audience");
  await refusedWith(await send(await bearer({ key: await AgentKeyRing.open() })), 401, "token_invalid");
  await refusedWith(await send(await bearer({ who: await callerIdentity("urn:evil") })), 401, "token_issuer_unknown");
}

export function deskAgent(url: string, identity: { issuer: string; keys: AgentKeyRing }): RemoteAgent {
  return new RemoteAgent({ url: `${url}/a2a/desk`, keys: new TrustedKeys({ jwksUrl: `${url}/a2a/jwks.json` }), identity, retries: 0 });
}

const made: string[] = [];
// Removed when the test file's worker exits: the servers and tasks in them live until the file's last test.
process.once("exit", () => {
  for (const directory of made) fs.rmSync(directory, { recursive: true, force: true });
});

/** A fresh directory under the OS temp folder, removed when the test process exits. */
export function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-a2a-"));
  made.push(directory);
  return directory;
}

/** Polls `check` until it holds (generous deadline: CI machines are loaded). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met before the deadline");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
