import http from "node:http";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { startServe } from "../../server/serve-process.ts";

const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("switchyard serve on SIGTERM", () => {
  it("exits with runs in flight, a stream open and an idle keep-alive socket, leaving every run and thread settled", async () => {
    const serve = await startServe();
    const threads: string[] = [];
    for (let index = 0; index < 24; index += 1) {
      const thread = (await (await post(`${serve.url}/threads`, {})).json()) as { thread_id: string };
      threads.push(thread.thread_id);
      // Two runs per thread, the second queued behind the first: both kinds must be settled on exit.
      for (const suffix of ["first", "second"]) {
        await post(`${serve.url}/threads/${thread.thread_id}/runs`, { assistant_id: "gateway", input: { request: { input: `Order ORD-${index} (${suffix}) never arrived` } }, multitask_strategy: "enqueue" });
      }
    }
    // A client following a run's stream, and an idle keep-alive connection: neither may hold the process.
    // Queued behind the thread's two runs, and its headers awaited, so it is a run before SIGTERM: sent as a third
    // run with the default "reject" it got 409 whenever the thread was still busy, and /ok (answered at once now,
    // even while 48 runs work) could overtake a body not yet read.
    const streaming = await fetch(`${serve.url}/threads/${threads[0]}/runs/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ assistant_id: "gateway", input: { request: { input: "Where is ORD-9?" } }, multitask_strategy: "enqueue" }) });
    expect(streaming.status).toBe(200);
    const following = streaming.text().catch(() => "");
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(`${serve.url}/ok`, { agent }, (response) => response.resume().on("end", resolve)));

    const exit = await serve.stop("SIGTERM");
    agent.destroy();
    await following;
    expect(exit, serve.output()).toEqual({ code: 0, signal: null });
    expect(serve.output()).toContain("SIGTERM, stopping");

    const database = new Database(serve.database, { readonly: true });
    const runs = database.prepare("SELECT status, count(*) AS n FROM server_runs GROUP BY status").all() as { status: string; n: number }[];
    const threadStates = database.prepare("SELECT status, count(*) AS n FROM server_threads GROUP BY status").all() as { status: string; n: number }[];
    database.close();
    serve.remove();
    // Every run finished or was interrupted and recorded so; none is left pending or running, no thread busy.
    expect(runs.filter((row) => !["success", "interrupted"].includes(row.status))).toEqual([]);
    expect(runs.reduce((total, row) => total + row.n, 0)).toBe(49);
    expect(threadStates.filter((row) => row.status === "busy")).toEqual([]);
  }, 120_000);

  it("exits while it processes a body-sized unbroken word (it ignored SIGTERM for minutes before)", async () => {
    const serve = await startServe();
    const request = post(`${serve.url}/runs/wait`, { assistant_id: "gateway", input: { request: { input: "x".repeat(1_000_000) } } }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const exit = await serve.stop("SIGTERM");
    await request;
    serve.remove();
    expect(exit, serve.output()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
