import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { task } from "@langchain/langgraph";
import type { GatewayStateUpdate } from "../src/state/gateway-state.ts";

/** The update as the task writes it: a field the update clears (`undefined`) travels as `null`, which JSON keeps. */
type Written = Record<string, unknown> | { thrown: true };

const written = (update: GatewayStateUpdate): Written => Object.fromEntries(Object.entries(update).map(([key, value]) => [key, value === undefined ? null : value]));
const read = (value: Record<string, unknown>): GatewayStateUpdate => Object.fromEntries(Object.entries(value).map(([key, field]) => [key, field === null ? undefined : field])) as GatewayStateUpdate;

/**
 * Runs `call` (route and the model call) as a LangGraph task of the node that awaits it, named `name`: its
 * result is written as the task's pending write the moment it returns, before the node goes on. Why: the node
 * can then do the check after the call in the same superstep (a checkpoint and a node run fewer per request,
 * issue #18), and a crash during that check repeats only the check: the resumed node's task finds its saved
 * result and does not call the model again. A thrown error is not saved as the task's result (LangGraph would
 * throw it again on every resume): the node rethrows it, and a resumed node whose saved task has none calls anew.
 *
 * @example
 * const update = await checkpointedCall("call_model", () => routeAndCall(state, runtime));
 */
export async function checkpointedCall(name: string, call: () => Promise<GatewayStateUpdate>): Promise<GatewayStateUpdate> {
  let failure: { error: unknown } | undefined;
  // The call runs in the node's own LangChain context, as when it was the node's: its model call's span and
  // streamed tokens belong to the node (a task's context names the task, which no tracer or stream knows).
  const storage = AsyncLocalStorageProviderSingleton.getInstance();
  const nodeContext: unknown = storage.getStore();
  const run = task(name, async (): Promise<Written> => {
    try {
      return written(await storage.run(nodeContext, call));
    } catch (error) {
      failure = { error };
      return { thrown: true };
    }
  });
  const result = await run();
  if (!("thrown" in result)) return read(result);
  if (failure !== undefined) throw failure.error;
  // Resumed after a run whose task threw: nothing was saved but the failure, so this call is a new task.
  return checkpointedCall(name, call);
}
