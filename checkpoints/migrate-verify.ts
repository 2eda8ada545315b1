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

/**
 * What must be equal about a checkpoint after a copy: versions, metadata, parent, pending writes and which
 * channels hold a value; with `values`, the values themselves too.
 */
function comparable(tuple: CheckpointTuple | undefined, values: boolean): string | undefined {
  if (tuple === undefined) return undefined;
  const { channel_values: channelValues, ...rest } = tuple.checkpoint;
  const writes = [...(tuple.pendingWrites ?? [])].map((write) => canonicalJson(write) ?? "").sort();
  return canonicalJson({
    checkpoint: { ...rest, channel_versions: rest.channel_versions ?? {}, versions_seen: rest.versions_seen ?? {} },
    channels: values ? channelValues : Object.keys(channelValues ?? {}).sort(),
    metadata: tuple.metadata ?? {},
    parent: tuple.parentConfig?.configurable?.checkpoint_id ?? null,
    writes,
  });
}

/**
 * The channel values of `left` and `right` that differ, each (channel, version) compared once per line: both
 * savers store a channel's value once per version, so a value seen equal at a version is equal in every
 * checkpoint of the line that holds that version (a thread's history repeats its whole state at each step).
 */
function differingValues(left: CheckpointTuple, right: CheckpointTuple, compared: Set<string>): string[] {
  const differing: string[] = [];
  const versions = left.checkpoint.channel_versions ?? {};
  for (const [channel, value] of Object.entries(left.checkpoint.channel_values ?? {})) {
    const key = `${channel}@${String(versions[channel])}`;
    if (compared.has(key)) continue;
    compared.add(key);
    if (canonicalJson(value) !== canonicalJson(right.checkpoint.channel_values?.[channel])) differing.push(channel);
  }
  return differing;
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
  /** Checkpoints per line in the target and in the source, by `JSON.stringify([thread, ns])`; counted by the caller in one query each. */
  targetCounts: ReadonlyMap<string, number>;
  sourceCounts: ReadonlyMap<string, number>;
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
    const counted = JSON.stringify([line.threadId, line.checkpointNs]);
    const [sourceCount, targetCount] = [options.sourceCounts.get(counted) ?? 0, options.targetCounts.get(counted) ?? 0];
    if (targetCount !== sourceCount) mismatch(`${where}: ${sourceCount} checkpoints in the source, ${targetCount} in the target`);
    if (options.depth === "latest") {
      report.checkpointsCompared += 1;
      const [left, right] = await Promise.all([options.source.getTuple(config), options.target.getTuple(config)]);
      if (comparable(left, true) !== comparable(right, true)) mismatch(`${where}: the latest state differs (source ${left?.checkpoint.id}, target ${right?.checkpoint.id})`);
      return;
    }
    const sourceHistory = await history(options.source, line);
    const targetById = new Map((await history(options.target, line)).map((tuple) => [tuple.checkpoint.id, tuple]));
    const compared = new Set<string>();
    for (const tuple of sourceHistory) {
      report.checkpointsCompared += 1;
      const copy = targetById.get(tuple.checkpoint.id);
      if (copy === undefined) mismatch(`${where}: checkpoint ${tuple.checkpoint.id} is missing in the target`);
      else if (comparable(tuple, false) !== comparable(copy, false)) mismatch(`${where}: checkpoint ${tuple.checkpoint.id} differs (versions, metadata, parent, pending writes or channels)`);
      else {
        const differing = differingValues(tuple, copy, compared);
        if (differing.length > 0) mismatch(`${where}: checkpoint ${tuple.checkpoint.id} differs in the values of ${differing.join(", ")}`);
      }
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
