import type { Assistants } from "./assistant-registry.ts";
import type { RunEvent } from "./run-stream.ts";
import type { ServerState } from "./state/server-state.ts";
import { interruptsOf } from "./thread-state.ts";

/** A run's answer read from its thread: the thread's values, with `__interrupt__` when it stopped at one. */
export async function threadValues(assistants: Assistants, state: ServerState, runId: string, threadId: string): Promise<unknown> {
  const assistant = await assistants.find((await state.run(runId))?.assistant_id ?? "");
  if (assistant === undefined) return null;
  const snapshot = await assistants.served(assistant).graph.getState({ configurable: { thread_id: threadId } });
  const interrupts = interruptsOf(snapshot);
  return interrupts.length > 0 ? { ...snapshot.values, __interrupt__: interrupts } : snapshot.values;
}

/** A stateless run's answer from its events (its thread is gone by then): the last values, or `{ __error__ }`. */
export function lastValues(events: readonly RunEvent[]): unknown {
  let last: unknown = null;
  for (const event of events) {
    if (event.event === "values") last = event.data;
    if (event.event === "error") return { __error__: event.data };
  }
  return last;
}
