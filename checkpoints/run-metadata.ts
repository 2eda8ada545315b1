import type { CheckpointMetadata } from "@langchain/langgraph-checkpoint";

/**
 * The run's own metadata (a server's run_id, graph_id, assistant_id) under the step's, as the official
 * LangGraph API saver does, so `getStateHistory({ filter: { run_id } })` finds a run's checkpoints. Scalar
 * values only (they are what the metadata index filters on); not the keys LangGraph and LangSmith add to
 * every call's metadata (`__*`, `ls_*`, `langgraph_*`, `checkpoint_ns`), which would only grow each row.
 */
export function withRunMetadata(runMetadata: Record<string, unknown> | undefined, metadata: CheckpointMetadata): CheckpointMetadata {
  if (runMetadata === undefined) return metadata;
  const scalars = Object.entries(runMetadata).filter(([key, value]) => !/^(__|ls_|langgraph_)|^checkpoint_ns$/.test(key) && (typeof value === "string" || typeof value === "number" || typeof value === "boolean"));
  return scalars.length === 0 ? metadata : { ...Object.fromEntries(scalars), ...metadata };
}
