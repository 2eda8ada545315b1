import { END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { openSqliteSaver } from "../../checkpoints/index.ts";
import { checkpointedCall } from "../../graphs/checkpointed-call.ts";
import { GatewayState, type GatewayStateUpdate } from "../../src/state/gateway-state.ts";

/** A node that makes a "model call" through checkpointedCall, then a check that may fail after it (a crash, as far as the run goes). */
function graphWith(call: () => Promise<GatewayStateUpdate>, check: (update: GatewayStateUpdate) => void) {
  return new StateGraph(GatewayState)
    .addNode("accept", async () => {
      const update = await checkpointedCall("call_model", call);
      check(update);
      return update;
    })
    .addEdge(START, "accept")
    .addEdge("accept", END)
    .compile({ checkpointer: openSqliteSaver(":memory:") });
}

describe("checkpointedCall: the call saved as a task's write, the check after it in the same step", () => {
  it("a crash in the check after a completed call resumes without calling again, the call's update as it was", async () => {
    let calls = 0;
    let crash = true;
    const seen: GatewayStateUpdate[] = [];
    const graph = graphWith(
      async () => {
        calls += 1;
        return { deadline_at: 42, choice: undefined };
      },
      (update) => {
        seen.push(update);
        if (crash) {
          crash = false;
          throw new Error("the process died in the check");
        }
      },
    );
    const config = { configurable: { thread_id: "t1" } };
    await expect(graph.invoke({ status: "pending" }, config)).rejects.toThrow(/died in the check/);
    const resumed = await graph.invoke(null, config);
    expect(calls).toBe(1);
    expect(resumed.deadline_at).toBe(42);
    // Read back from the saved write: a field the call cleared is still cleared (undefined, not null).
    expect(Object.hasOwn(seen[1]!, "choice")).toBe(true);
    expect(seen[1]!.choice).toBeUndefined();
  });

  it("a call that threw is not saved as its result: the node throws it, and a resumed node calls again", async () => {
    let calls = 0;
    const graph = graphWith(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("connection reset");
        return { deadline_at: 7 };
      },
      () => undefined,
    );
    const config = { configurable: { thread_id: "t2" } };
    await expect(graph.invoke({ status: "pending" }, config)).rejects.toThrow(/connection reset/);
    const resumed = await graph.invoke(null, config);
    expect(calls).toBe(2);
    expect(resumed.deadline_at).toBe(7);
  });
});
