import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../../checkpoints/index.ts";
import { createServer, type ServableGraph } from "../../../src/server/index.ts";
import { pollUntil } from "../../support/poll-until.ts";

/**
 * A replica whose heartbeat came late has its run claimed by another replica's recovery while it still runs
 * it. Here the claim is made from inside the run's node (the record's owner moved to a peer), which then fails
 * as a run that lost its lease does: the end belongs to the claimer, so this server must not write it.
 */
describe("a run claimed by another replica while it runs here", () => {
  const saver = openSqliteSaver(":memory:");
  let claimed = false;
  const State = Annotation.Root({ question: Annotation<string>() });
  const graph = new StateGraph(State)
    .addNode("work", () => {
      saver.database.prepare("UPDATE server_runs SET owner = 'peer-host:1:claimer' WHERE status IN ('pending', 'running')").run();
      claimed = true;
      throw new Error("lease lost to the claimer");
    })
    .addEdge(START, "work")
    .addEdge("work", END)
    .compile({ checkpointer: saver, name: "claimed" });
  const server = createServer({ graphs: { claimed: { graph: graph as unknown as ServableGraph } }, persistence: { checkpointer: saver } });
  afterAll(() => server.close());
  const post = async (path: string, body: unknown) => {
    const response = await server.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return (await response.json()) as Record<string, unknown>;
  };

  it("leaves its end to the claimer: no error written over it, and a wait here answers the claimer's end", async () => {
    const threadId = String((await post("/threads", {})).thread_id);
    const waited = post(`/threads/${threadId}/runs/wait`, { assistant_id: "claimed", input: { question: "q" } });
    await pollUntil("the run to be claimed", async () => (claimed ? true : undefined), 10_000);
    // The claimer finishes the run (as its recovery would, from the thread's checkpoints).
    saver.database.prepare("UPDATE server_runs SET status = 'success' WHERE owner = 'peer-host:1:claimer'").run();
    saver.database.prepare("UPDATE server_threads SET status = 'idle' WHERE thread_id = ?").run(threadId);
    const answer = await waited;
    expect(answer.__error__).toBeUndefined();
    const runs = (await (await server.app.request(`/threads/${threadId}/runs`)).json()) as Array<{ status: string }>;
    expect(runs.map((run) => run.status)).toEqual(["success"]);
    expect(((await (await server.app.request(`/threads/${threadId}`)).json()) as { status: string }).status).toBe("idle");
  });
});
