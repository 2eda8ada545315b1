import type { BaseCheckpointSaver, BaseStore, CheckpointTuple } from "@langchain/langgraph-checkpoint";
import { forEachConcurrently } from "./for-each-concurrently.ts";
import type { ThreadNamespace } from "./migrate-checkpoints.ts";
import { allItems, itemKey, itemValues } from "./migrate-store.ts";
import { canonicalJson } from "./saver-codec.ts";

/** How much `verify` compares per (thread, namespace): the latest state alone, or every checkpoint of the history. */
export type VerifyDepth = "latest" | "history";

export interface VerifyReport {
  /** Checkpoints compared (latest: one per thread and namespace). */
  checkpointsCompared: number;
  itemsCompared: number;
  /** What differs, one line each (at most 20 listed; `mismatchCount` counts all). */
  mismatches: string[];
  mismatchCount: number;
}

/** What must be equal about a checkpoint after a copy: state, versions, metadata, parent and pending writes. */
function comparable(tuple: CheckpointTuple | undefined): string | undefined {
  if (tuple === undefined) return undefined;
  const writes = [...(tuple.pendingWrites ?? [])].map((write) => canonicalJson(write) ?? "").sort();
  return canonicalJson({
    checkpoint: { ...tuple.checkpoint, channel_versions: tuple.checkpoint.channel_versions ?? {}, versions_seen: tuple.checkpoint.versions_seen ?? {} },
    metadata: tuple.metadata ?? {},
    parent: tuple.parentConfig?.configurable?.checkpoint_id ?? null,
    writes,
  });
}

async function history(saver: BaseCheckpointSaver, line: ThreadNamespace): Promise<CheckpointTuple[]> {
  const tuples: CheckpointTuple[] = [];
  for await (const tuple of saver.list({ configurable: { thread_id: line.threadId, checkpoint_ns: line.checkpointNs } })) tuples.push(tuple);
  return tuples;
}

/**
 * Reads back what a copy wrote, through both savers' and stores' public API, and lists every difference:
 * per (thread, namespace) the checkpoint count and the latest state (or every checkpoint with `history`),
 * and every source store item present in the target with an equal value.
 *
 * @example
 * const report = await verifyCopy({ source, target, sourceStore, targetStore, lines, depth: "history" });
 * if (report.mismatchCount > 0) console.error(report.mismatches.join("\n"));
 */
export async function verifyCopy(options: {
  source: BaseCheckpointSaver;
  target: BaseCheckpointSaver;
  sourceStore: BaseStore;
  targetStore: BaseStore;
  lines: readonly ThreadNamespace[];
  /** Checkpoints per line in the target, by `JSON.stringify([thread, ns])`; counted by the caller in one query. */
  targetCounts: ReadonlyMap<string, number>;
  depth: VerifyDepth;
  /** Lines compared at once. Default 4. */
  concurrency?: number;
}): Promise<VerifyReport> {
  const report: VerifyReport = { checkpointsCompared: 0, itemsCompared: 0, mismatches: [], mismatchCount: 0 };
  const mismatch = (line: string): void => {
    report.mismatchCount += 1;
    if (report.mismatches.length < 20) report.mismatches.push(line);
  };
  const compareLine = async (line: ThreadNamespace): Promise<void> => {
    const where = `thread ${JSON.stringify(line.threadId)} namespace ${JSON.stringify(line.checkpointNs)}`;
    const config = { configurable: { thread_id: line.threadId, checkpoint_ns: line.checkpointNs } };
    const sourceHistory = await history(options.source, line);
    const targetCount = options.targetCounts.get(JSON.stringify([line.threadId, line.checkpointNs])) ?? 0;
    if (targetCount !== sourceHistory.length) mismatch(`${where}: ${sourceHistory.length} checkpoints in the source, ${targetCount} in the target`);
    if (options.depth === "latest") {
      report.checkpointsCompared += 1;
      const [left, right] = await Promise.all([options.source.getTuple(config), options.target.getTuple(config)]);
      if (comparable(left) !== comparable(right)) mismatch(`${where}: the latest state differs (source ${left?.checkpoint.id}, target ${right?.checkpoint.id})`);
      return;
    }
    const targetById = new Map((await history(options.target, line)).map((tuple) => [tuple.checkpoint.id, tuple]));
    for (const tuple of sourceHistory) {
      report.checkpointsCompared += 1;
      if (comparable(tuple) !== comparable(targetById.get(tuple.checkpoint.id))) mismatch(`${where}: checkpoint ${tuple.checkpoint.id} differs or is missing in the target`);
    }
  };
  // Lines are independent: a few at once keep the target's pool busy while this process compares.
  await forEachConcurrently(options.lines, options.concurrency ?? 4, compareLine);
  const present = await itemValues(options.targetStore);
  for await (const item of allItems(options.sourceStore)) {
    report.itemsCompared += 1;
    if (present.get(itemKey(item)) !== canonicalJson(item.value)) mismatch(`store item ${itemKey(item)} differs or is missing in the target`);
  }
  return report;
}
