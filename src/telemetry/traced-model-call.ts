import type { CallRole, TracedDeployment } from "./tracing-attributes.ts";
import type { Tracing } from "./tracing.ts";

/**
 * Runs one model call in a `chat MODEL` span under the current node when tracing is on; just runs it otherwise.
 * `replyOf` picks the LangChain reply out of the call's result (usage and finish reason are read from it).
 *
 * @example
 * const message = await tracedModelCall(engine.tracing, deployment, "attempt", () => model.invoke(messages));
 */
export function tracedModelCall<T>(tracing: Tracing | undefined, deployment: TracedDeployment, role: CallRole, run: () => Promise<T>, replyOf?: (value: T) => unknown): Promise<T> {
  if (tracing === undefined) return run();
  return tracing.requests.modelCall(deployment, role, run, replyOf);
}
