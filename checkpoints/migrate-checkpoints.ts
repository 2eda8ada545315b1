import type { BaseCheckpointSaver, ChannelVersions, CheckpointTuple, PendingWrite } from "@langchain/langgraph-checkpoint";
import { forEachConcurrently } from "./for-each-concurrently.ts";
import { MigrateError } from "./migrate-error.ts";

/** One checkpoint namespace of one thread: the unit the copy goes through, oldest checkpoint first. */
export interface ThreadNamespace {
  threadId: string;
  checkpointNs: string;
}

export interface CopyCheckpointsOptions {
  source: BaseCheckpointSaver;
  target: BaseCheckpointSaver;
  /** Every (thread, namespace) to copy. */
  lines: readonly ThreadNamespace[];
  /** Checkpoint ids the target already holds for a (thread, namespace); those are skipped. */
  existing: (line: ThreadNamespace) => Promise<ReadonlySet<string>>;
  /** The source's checkpoint ids of a line, read cheaply: when the target holds them all, the line's history is not loaded. */
  sourceIds?: (line: ThreadNamespace) => Promise<readonly string[]>;
  /** (Thread, namespace) pairs copied at once; the target's pool must allow as many connections. Default 4. */
  concurrency?: number;
  onProgress?: (progress: CheckpointCopyProgress) => void;
}

export interface CheckpointCopyProgress {
  linesDone: number;
  lines: number;
  copied: number;
  skipped: number;
}

export interface CheckpointCopyReport extends CheckpointCopyProgress {
  writes: number;
}

/** The channels whose version changed since the parent: what LangGraph passed as `newVersions` when it wrote the checkpoint. */
function newVersionsOf(tuple: CheckpointTuple, parent: CheckpointTuple | undefined): ChannelVersions {
  const versions = tuple.checkpoint.channel_versions;
  if (parent === undefined) return { ...versions };
  const before = parent.checkpoint.channel_versions;
  return Object.fromEntries(Object.entries(versions).filter(([channel, version]) => before[channel] !== version));
}

/** Pending writes grouped by task, in their stored order, so each task's writes keep their indexes. */
function writesByTask(writes: readonly [string, string, unknown][]): Map<string, PendingWrite[]> {
  const grouped = new Map<string, PendingWrite[]>();
  for (const [taskId, channel, value] of writes) {
    const list = grouped.get(taskId) ?? [];
    list.push([channel, value]);
    grouped.set(taskId, list);
  }
  return grouped;
}

/**
 * Copies checkpoints with their metadata, parent links, channel values and pending writes from one saver to
 * another, through the savers' own `put`/`putWrites`, so the target stores them exactly as if the graph had
 * run on it. Oldest first per (thread, namespace), each with the versions that changed since its parent (a
 * channel value is stored once per version, as LangGraph writes it). A checkpoint's writes go in before the
 * checkpoint itself: a checkpoint the target already has is complete, so a re-run skips it and copies nothing twice.
 *
 * @example
 * const report = await copyCheckpoints({ source: sqliteSaver, target: postgresSaver, lines, existing });
 */
export async function copyCheckpoints(options: CopyCheckpointsOptions): Promise<CheckpointCopyReport> {
  const report: CheckpointCopyReport = { linesDone: 0, lines: options.lines.length, copied: 0, skipped: 0, writes: 0 };
  await forEachConcurrently(options.lines, options.concurrency ?? 4, async (line) => {
    await copyLine(options, line, report);
    report.linesDone += 1;
    options.onProgress?.({ linesDone: report.linesDone, lines: report.lines, copied: report.copied, skipped: report.skipped });
  });
  return report;
}

async function copyLine(options: CopyCheckpointsOptions, line: ThreadNamespace, report: CheckpointCopyReport): Promise<void> {
  const have = await options.existing(line);
  const ids = await options.sourceIds?.(line);
  if (ids !== undefined && ids.every((id) => have.has(id))) {
    report.skipped += ids.length;
    return;
  }
  const history: CheckpointTuple[] = [];
  for await (const tuple of options.source.list({ configurable: { thread_id: line.threadId, checkpoint_ns: line.checkpointNs } })) history.push(tuple);
  history.reverse();
  const byId = new Map(history.map((tuple) => [tuple.checkpoint.id, tuple]));
  for (const tuple of history) {
    if (have.has(tuple.checkpoint.id)) {
      report.skipped += 1;
      continue;
    }
    const config = { configurable: { thread_id: line.threadId, checkpoint_ns: line.checkpointNs, checkpoint_id: tuple.checkpoint.id } };
    // A saver whose `list` leaves pending writes out gives them with the checkpoint's own tuple.
    const pending = tuple.pendingWrites ?? (await options.source.getTuple(config))?.pendingWrites ?? [];
    for (const [taskId, writes] of writesByTask(pending)) {
      await options.target.putWrites(config, writes, taskId);
      report.writes += writes.length;
    }
    const parentId = tuple.parentConfig?.configurable?.checkpoint_id as string | undefined;
    const parent = parentId === undefined ? undefined : byId.get(parentId);
    const putConfig = { configurable: { thread_id: line.threadId, checkpoint_ns: line.checkpointNs, ...(parentId === undefined ? {} : { checkpoint_id: parentId }) } };
    if (tuple.metadata === undefined) throw new MigrateError("--from", `checkpoint ${tuple.checkpoint.id} of thread ${JSON.stringify(line.threadId)} has no metadata. Fix: run \`switchyard doctor\` on the file; it may be damaged.`);
    await options.target.put(putConfig, tuple.checkpoint, tuple.metadata, newVersionsOf(tuple, parent));
    report.copied += 1;
  }
}
