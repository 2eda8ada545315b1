import type { CheckpointMetadata, CheckpointPendingWrite, SerializerProtocol } from "@langchain/langgraph-checkpoint";
import type { z } from "zod";
import { CorruptRowError } from "./corrupt-row-error.ts";
import {
  blobRowSchema,
  checkpointRowSchema,
  describeIssue,
  metadataSchema,
  storedCheckpointSchema,
  writeRowSchema,
  type CheckpointRow,
} from "./rows.ts";

/** A checkpoint row parsed and deserialized, channel values not yet attached. */
export interface LoadedCheckpointRow {
  row: CheckpointRow;
  stored: z.infer<typeof storedCheckpointSchema>;
  metadata: CheckpointMetadata;
}

/**
 * Turns rows read from disk into checkpoint parts through the saver's serde, and every failure into a
 * CorruptRowError that names the file, table and row.
 */
export class SaverCodec {
  constructor(
    private readonly serde: SerializerProtocol,
    private readonly file: string,
  ) {}

  private corrupt(table: string, rowKey: string, problem: string, cause?: unknown): CorruptRowError {
    return new CorruptRowError("checkpoint", { file: this.file, table, rowKey, problem }, { cause });
  }

  private async deserialize(type: string, bytes: Uint8Array, table: string, rowKey: string): Promise<unknown> {
    try {
      return await this.serde.loadsTyped(type, bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw this.corrupt(table, rowKey, `cannot deserialize ${type} value: ${reason}`, error);
    }
  }

  /** Parses a sy_checkpoints row and deserializes its checkpoint and metadata. */
  async loadCheckpointRow(raw: unknown): Promise<LoadedCheckpointRow> {
    const parsed = checkpointRowSchema.safeParse(raw);
    if (!parsed.success) throw this.corrupt("sy_checkpoints", describeRawKey(raw), describeIssue(parsed.error));
    const row = parsed.data;
    const rowKey = checkpointRowKey(row.thread_id, row.checkpoint_ns, row.checkpoint_id);
    const storedValue = await this.deserialize(row.checkpoint_type, row.checkpoint, "sy_checkpoints", rowKey);
    const stored = storedCheckpointSchema.safeParse(storedValue);
    if (!stored.success) throw this.corrupt("sy_checkpoints", rowKey, `checkpoint ${describeIssue(stored.error)}`);
    const metadataValue = await this.deserialize(row.metadata_type, row.metadata, "sy_checkpoints", rowKey);
    const metadata = metadataSchema.safeParse(metadataValue);
    if (!metadata.success) throw this.corrupt("sy_checkpoints", rowKey, `metadata ${describeIssue(metadata.error)}`);
    return { row, stored: stored.data, metadata: metadata.data as CheckpointMetadata };
  }

  /** Deserializes sy_blobs rows into channel values. */
  async loadBlobs(rows: unknown[], rowKey: string): Promise<Record<string, unknown>> {
    const values: Record<string, unknown> = {};
    for (const raw of rows) {
      const parsed = blobRowSchema.safeParse(raw);
      if (!parsed.success) throw this.corrupt("sy_blobs", rowKey, describeIssue(parsed.error));
      const { channel, value_type, value } = parsed.data;
      values[channel] = await this.deserialize(value_type, value, "sy_blobs", `${rowKey}, channel ${channel}`);
    }
    return values;
  }

  /** Deserializes sy_writes rows (already in writesSortKey order) into pending writes. */
  async loadWrites(rows: unknown[], rowKey: string): Promise<CheckpointPendingWrite[]> {
    const writes: CheckpointPendingWrite[] = [];
    for (const raw of rows) {
      const parsed = writeRowSchema.safeParse(raw);
      if (!parsed.success) throw this.corrupt("sy_writes", rowKey, describeIssue(parsed.error));
      const { task_id, channel, idx, value_type, value } = parsed.data;
      const where = `${rowKey}, task ${task_id}, idx ${idx}`;
      writes.push([task_id, channel, await this.deserialize(value_type, value, "sy_writes", where)]);
    }
    return writes;
  }
}

/** How error messages name a checkpoint. */
export function checkpointRowKey(threadId: string, checkpointNs: string, checkpointId: string): string {
  return `(thread ${JSON.stringify(threadId)}, namespace ${JSON.stringify(checkpointNs)}, checkpoint ${checkpointId})`;
}

function describeRawKey(raw: unknown): string {
  if (typeof raw !== "object" || raw === null) return "(unreadable)";
  const record = raw as Record<string, unknown>;
  return checkpointRowKey(String(record.thread_id), String(record.checkpoint_ns), String(record.checkpoint_id));
}

/** JSON with object keys sorted, so equal metadata values index to equal text. */
export function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
