import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../checkpoints/index.ts";
import { startListeningChild, type ListeningChild } from "../../support/listening-child.ts";
import { pollUntil } from "../../support/poll-until.ts";

const child = path.resolve(import.meta.dirname, "cron-server-child.ts");
const minute = 60_000;
const start = Date.UTC(2027, 0, 1, 0, 0, 30);

const startChild = (file: string, clockFile: string) => startListeningChild(child, [file, clockFile], "cron child");

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, deadlineMs = 15_000) => pollUntil(what, probe, deadlineMs);

describe("crons across two server processes on one SQLite file", () => {
  let directory: string;
  let clockFile: string;
  let reader: Database.Database;
  const children: ListeningChild[] = [];

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-crons-"));
    const file = path.join(directory, "state.db");
    clockFile = path.join(directory, "clock");
    fs.writeFileSync(clockFile, String(start));
    // The first opens (and migrates) the file alone, then the second joins it.
    children.push(await startChild(file, clockFile));
    children.push(await startChild(file, clockFile));
    reader = openDatabase(file);
  }, 60_000);

  afterAll(async () => {
    reader?.close();
    await Promise.all(
      children.map(
        ({ child: spawned }) =>
          new Promise<void>((resolve) => {
            if (spawned.exitCode !== null) return resolve();
            spawned.once("exit", () => resolve());
            spawned.kill("SIGTERM");
          }),
      ),
    );
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("runs each firing of a thread cron and a stateless cron exactly once", async () => {
    const [first, second] = children;
    if (first === undefined || second === undefined) throw new Error("children did not start");
    const client = new Client({ apiUrl: first.url, callerOptions: { maxRetries: 0 } });
    const other = new Client({ apiUrl: second.url, callerOptions: { maxRetries: 0 } });
    const thread = await client.threads.create();
    const onThread = await client.crons.createForThread(thread.thread_id, "counter", { schedule: "* * * * *", input: {} });
    const stateless = await other.crons.create("counter", { schedule: "* * * * *", input: {}, onRunCompleted: "keep" });
    expect(onThread.next_run_date).toBe("2027-01-01T00:01:00.000Z");

    const firings = 6;
    const recorded = reader.prepare("SELECT count(*) FROM server_cron_firings WHERE run_id IS NOT NULL AND fire_at <= ?").pluck();
    for (let step = 1; step <= firings; step += 1) {
      fs.writeFileSync(clockFile, String(start + step * minute));
      // Both processes poll every 10 ms: each firing is contended, one of them claims it.
      await until(`firing ${step}`, () => (Number(recorded.get(start + step * minute)) === 2 * step ? true : undefined));
    }
    // Give both processes many more polls at the last minute: nothing more may fire.
    const owners = reader.prepare("SELECT owner, count(*) AS n FROM server_cron_firings GROUP BY owner").all();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Number(recorded.get(start + firings * minute))).toBe(2 * firings);

    const threadRuns = await until("thread runs to finish", async () => {
      const runs = await client.runs.list(thread.thread_id, { limit: 100 });
      return runs.length === firings && runs.every((run) => run.status === "success") ? runs : undefined;
    });
    expect(new Set(threadRuns.map((run) => run.metadata?.cron_id))).toEqual(new Set([onThread.cron_id]));
    const state = await client.threads.getState<{ count: number }>(thread.thread_id);
    expect(state.values.count).toBe(firings);

    const statelessThreads = reader.prepare("SELECT thread_id FROM server_runs WHERE json_extract(metadata, '$.cron_id') = ?").pluck().all(stateless.cron_id);
    expect(statelessThreads).toHaveLength(firings);
    expect(new Set(statelessThreads).size).toBe(firings);
    for (const threadId of statelessThreads) {
      const kept = await until("stateless run to finish", async () => {
        const values = (await client.threads.getState<{ count?: number }>(String(threadId))).values;
        return values.count === undefined ? undefined : values.count;
      });
      expect(kept).toBe(1);
    }
    const fireTimes = reader.prepare("SELECT fire_at FROM server_cron_firings WHERE cron_id = ? ORDER BY fire_at").pluck().all(onThread.cron_id);
    expect(fireTimes).toEqual(Array.from({ length: firings }, (_, index) => start - 30_000 + (index + 1) * minute));
    console.log(`cron firings per owner: ${JSON.stringify(owners)}`);
  }, 60_000);
});
