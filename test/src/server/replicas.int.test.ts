import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "../../support/poll-until.ts";
import { MemoryRunBus } from "../../support/memory-run-bus.ts";
import { dropPostgresSchema, postgresUrl, redisUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { RedisRunBus } from "../../../src/server/bus/index.ts";
import type { CancelAction, RunBus } from "../../../src/server/run-bus.ts";
import { Gates, gatedGraph } from "./replica-graphs.ts";
import { startReplica, startSqliteReplica, type Replica } from "./replica-fixtures.ts";

const available = await serviceAvailable("postgres");
const redisAvailable = available && (await serviceAvailable("redis"));
const clientOf = (replica: Replica) => new Client({ apiUrl: replica.listening.url, callerOptions: { maxRetries: 0 } });

/**
 * Three replicas on one Postgres schema behave as one server: with the in-process test bus, with a Redis run
 * bus per replica (separate connections, one key prefix, as three machines would have), and with no bus;
 * three on one SQLite file (processes of one host) too, so the bus is tested where Postgres is absent.
 */
const setups = [
  { storage: "postgres", bus: "memory" },
  { storage: "postgres", bus: "redis" },
  { storage: "postgres", bus: "none" },
  { storage: "sqlite", bus: "memory" },
] as const;
for (const { storage, bus: busKind } of setups) {
  const withBus = busKind !== "none";
  const skip = (storage === "postgres" && !available) || (busKind === "redis" && !redisAvailable);
  describe.skipIf(skip)(`three replicas on one ${storage === "postgres" ? "Postgres schema" : "SQLite file"}, ${withBus ? `with a ${busKind} run bus` : "without a run bus"}`, () => {
    const schema = runScopedName(`switchyard_replicas_${busKind}`);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-replicas-"));
    const gates = new Gates();
    const bus = new MemoryRunBus();
    const prefix = runScopedName("switchyard_replicas_bus");
    const redisBuses: RedisRunBus[] = [];
    /** Cancels one replica's Redis bus heard (every replica hears every cancel). */
    const heard: Array<{ runId: string; action: CancelAction }> = [];
    const replicas: Replica[] = [];

    const busFor = async (index: number): Promise<RunBus | undefined> => {
      if (busKind === "memory") return bus.view();
      if (busKind === "none") return undefined;
      const redis = new RedisRunBus({ redis: redisUrl, keyPrefix: prefix, log: () => undefined });
      if (index === 1) redis.onCancel((runId, action) => heard.push({ runId, action }));
      await redis.whenSubscribed();
      redisBuses.push(redis);
      return redis;
    };

    beforeAll(async () => {
      for (let index = 0; index < 3; index += 1) {
        const graphs = (saver: Parameters<typeof gatedGraph>[0]) => ({ gated: gatedGraph(saver, gates) });
        const replicaBus = await busFor(index);
        const shared = replicaBus ? { bus: replicaBus } : {};
        replicas.push(storage === "postgres" ? await startReplica({ url: postgresUrl, schema, graphs, ...shared }) : await startSqliteReplica({ file: path.join(directory, "state.db"), graphs, ...shared }));
      }
    }, 60_000);

    afterAll(async () => {
      await Promise.allSettled(replicas.map((replica) => replica.close()));
      await Promise.allSettled(redisBuses.map((redis) => redis.close()));
      if (storage === "postgres") await dropPostgresSchema(schema);
      fs.rmSync(directory, { recursive: true, force: true });
    });

    it("creates on A, streams and joins on B, and answers the SDK the same from every replica", async () => {
      const [a, b, c] = replicas.map(clientOf);
      if (a === undefined || b === undefined || c === undefined) throw new Error("replicas did not start");
      const thread = await a.threads.create({ metadata: { owner: "test" } });
      expect((await c.threads.get(thread.thread_id)).metadata).toMatchObject({ owner: "test" });
      const run = await a.runs.create(thread.thread_id, "gated", { input: {} });
      await pollUntil("the run to reach its gate on A", () => (gates.entered.has(thread.thread_id) ? true : undefined), 15_000);
      // B does not run it: it reads the shared record, and waits on it.
      expect((await b.runs.get(thread.thread_id, run.run_id)).status).toBe("running");
      const joined = b.runs.join(thread.thread_id, run.run_id);
      const streamed: string[] = [];
      const streaming = withBus
        ? (async () => {
            for await (const part of b.runs.joinStream(thread.thread_id, run.run_id)) streamed.push(part.event);
          })()
        : Promise.resolve();
      gates.open(thread.thread_id);
      expect(await joined).toMatchObject({ done: ["gate"] });
      await streaming;
      if (withBus) {
        expect(streamed).toEqual(expect.arrayContaining(["metadata", "values"]));
        // A client that lost its stream after the first event resumes on C from that event's id.
        const path = `/threads/${thread.thread_id}/runs/${run.run_id}/stream`;
        const ids = async (headers: Record<string, string>) => [...(await (await fetch(`${replicas[2]?.listening.url}${path}`, { headers })).text()).matchAll(/^id: (\S+)$/gm)].map((match) => match[1]);
        const all = await ids({});
        expect(all.length).toBeGreaterThan(1);
        expect(await ids({ "Last-Event-ID": String(all[0]) })).toEqual(all.slice(1));
        expect((await fetch(`${replicas[1]?.listening.url}${path}`, { headers: { "Last-Event-ID": "x".repeat(201) } })).status).toBe(422);
      }
      for (const client of [a, b, c]) {
        expect((await client.runs.get(thread.thread_id, run.run_id)).status).toBe("success");
        expect((await client.threads.get(thread.thread_id)).status).toBe("idle");
        expect((await client.threads.getState<{ done: string[] }>(thread.thread_id)).values.done).toEqual(["gate"]);
      }
      // The graph's own assistant is one record, seen alike from every replica.
      const ids = await Promise.all([a, b, c].map(async (client) => (await client.assistants.search({ graphId: "gated" })).map((assistant) => assistant.assistant_id)));
      expect(new Set(ids.map((list) => list.join()))).toEqual(new Set([ids[0]?.join()]));
      expect(ids[0]).toHaveLength(1);
    }, 60_000);

    it("cancels on C a run executing on A; a join on B answers once it stopped", async () => {
      const [a, b, c] = replicas.map(clientOf);
      if (a === undefined || b === undefined || c === undefined) throw new Error("replicas did not start");
      const thread = await a.threads.create();
      const run = await a.runs.create(thread.thread_id, "gated", { input: {} });
      await pollUntil("the run to reach its gate on A", () => (gates.entered.has(thread.thread_id) ? true : undefined), 15_000);
      const joined = b.runs.join(thread.thread_id, run.run_id);
      await c.runs.cancel(thread.thread_id, run.run_id);
      await joined;
      const stopped = await pollUntil("A to record the run stopped", async () => {
        const [record, state] = await Promise.all([b.runs.get(thread.thread_id, run.run_id), b.threads.get(thread.thread_id)]);
        return record.status === "interrupted" && state.status === "idle" ? record : undefined;
      }, 15_000);
      expect(stopped.status).toBe("interrupted");
      // The gate never opened: the run's step did not finish anywhere.
      expect((await c.threads.getState<{ done?: string[] }>(thread.thread_id)).values.done ?? []).toEqual([]);
      if (busKind === "memory") expect(bus.cancels).toContainEqual({ runId: run.run_id, action: "interrupt" });
      if (busKind === "redis") expect(heard).toContainEqual({ runId: run.run_id, action: "interrupt" });
      // The thread takes the next run, from any replica (enqueue: A may still be handing back the lease).
      gates.open(thread.thread_id);
      const next = await c.runs.wait(thread.thread_id, "gated", { input: {}, multitaskStrategy: "enqueue" });
      expect(next).toMatchObject({ done: ["gate"] });
    }, 60_000);
  });
}
