import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "../../support/poll-until.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { stepsGraph } from "./replica-graphs.ts";
import { startReplica, type Replica } from "./replica-fixtures.ts";

const available = await serviceAvailable("postgres");
const childFile = path.resolve(import.meta.dirname, "replica-child.ts");

/**
 * The model the steps graph calls: counts calls per (thread, step) and answers at once, except the first call
 * of step "two", which it holds open (and announces) so the test can kill the replica in the middle of it.
 */
function startModel() {
  const calls = new Map<string, number>();
  let holding: (() => void) | undefined;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://model");
    const key = `${url.searchParams.get("thread")}|${url.searchParams.get("step")}`;
    const count = (calls.get(key) ?? 0) + 1;
    calls.set(key, count);
    if (url.searchParams.get("step") === "two" && count === 1) {
      holding?.();
      return; // never answered: the replica dies waiting
    }
    response.end(`answer-${count}`);
  });
  return new Promise<{ url: string; calls: Map<string, number>; held: Promise<void>; close(): void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, calls, held, close: () => server.close() && server.closeAllConnections() });
    }),
  );
}

function startChild(schema: string, modelUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", childFile, postgresUrl, schema, modelUrl], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (\S+)/.exec(output);
      if (found?.[1] !== undefined) resolve({ child, url: found[1] });
    });
    child.once("exit", (code) => reject(new Error(`replica child exited (${code}) before listening:\n${output}`)));
  });
}

describe.skipIf(!available)("a replica killed with SIGKILL mid-run", () => {
  const schema = runScopedName("switchyard_replica_kill");
  const survivors: Replica[] = [];
  let model: Awaited<ReturnType<typeof startModel>>;
  let doomed: { child: ChildProcess; url: string };

  beforeAll(async () => {
    model = await startModel();
    doomed = await startChild(schema, model.url);
    for (let index = 0; index < 2; index += 1) survivors.push(await startReplica({ url: postgresUrl, schema, graphs: (saver) => ({ steps: stepsGraph(saver, model.url) }) }));
  }, 90_000);

  afterAll(async () => {
    if (doomed?.child.exitCode === null && doomed.child.signalCode === null) doomed.child.kill("SIGKILL");
    await Promise.allSettled(survivors.map((replica) => replica.close()));
    model?.close();
    await dropPostgresSchema(schema);
  });

  it("is finished by exactly one other replica from its last checkpoint, its queued run after it: no finished model call repeated", async () => {
    const onDoomed = new Client({ apiUrl: doomed.url, callerOptions: { maxRetries: 0 } });
    const [b, c] = survivors.map((replica) => new Client({ apiUrl: replica.listening.url, callerOptions: { maxRetries: 0 } }));
    if (b === undefined || c === undefined) throw new Error("survivors did not start");
    const thread = await onDoomed.threads.create();
    const run = await onDoomed.runs.create(thread.thread_id, "steps", { input: {} });
    await model.held;
    // A second run queued behind the first on A (pending, never started): it must run once, after the first.
    const queued = await onDoomed.runs.create(thread.thread_id, "steps", { input: {}, multitaskStrategy: "enqueue" });
    const exited = new Promise((resolve) => doomed.child.once("exit", resolve));
    doomed.child.kill("SIGKILL");
    await exited;
    // A join on a survivor waits through the takeover (lease expiry plus a recovery pass) to the end.
    await b.runs.join(thread.thread_id, run.run_id);
    const record = await pollUntil("the run to end", async () => {
      const found = await c.runs.get(thread.thread_id, run.run_id);
      return found.status === "pending" || found.status === "running" ? undefined : found;
    }, 30_000);
    expect(record.status, JSON.stringify(record.metadata)).toBe("success");
    await b.runs.join(thread.thread_id, queued.run_id);
    const second = await pollUntil("the queued run to end", async () => {
      const found = await b.runs.get(thread.thread_id, queued.run_id);
      return found.status === "pending" || found.status === "running" ? undefined : found;
    }, 30_000);
    expect(second.status, JSON.stringify(second.metadata)).toBe("success");
    const state = await c.threads.getState<{ done: string[] }>(thread.thread_id);
    // Step one finished before the kill and was not called again; two was cut off mid-call and called again;
    // then the queued run, once, after the first.
    expect(state.values.done).toEqual(["one:answer-1", "two:answer-2", "three:answer-1", "one:answer-2", "two:answer-3", "three:answer-2"]);
    const calls = (step: string) => model.calls.get(`${thread.thread_id}|${step}`) ?? 0;
    expect([calls("one"), calls("two"), calls("three")]).toEqual([2, 3, 2]);
    await pollUntil("the thread to be idle", async () => ((await b.threads.get(thread.thread_id)).status === "idle" ? true : undefined), 15_000);
    expect(await c.runs.list(thread.thread_id)).toHaveLength(2);
  }, 90_000);
});
