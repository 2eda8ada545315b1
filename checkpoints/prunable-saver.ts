import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { PruneReport } from "./prune.ts";

/** A saver that can keep only a thread's newest checkpoint per namespace: ours on SQLite and on Postgres. */
export interface PrunableSaver {
  pruneThread(threadId: string): Promise<PruneReport>;
}

/**
 * The saver as a PrunableSaver when it is one. Checked by shape, not class: the Postgres saver is loaded only
 * for postgres:// URLs (open-persistence.ts), and a user's own saver may offer the same method.
 *
 * @example
 * const pruner = prunableSaver(checkpointer);
 * if (pruner) await pruner.pruneThread("t-1");
 */
export function prunableSaver(saver: BaseCheckpointSaver): PrunableSaver | undefined {
  const candidate = saver as BaseCheckpointSaver & Partial<PrunableSaver>;
  return typeof candidate.pruneThread === "function" ? (candidate as BaseCheckpointSaver & PrunableSaver) : undefined;
}
