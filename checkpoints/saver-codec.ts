import { JsonPlusSerializer, type CheckpointMetadata, type CheckpointPendingWrite, type SerializerProtocol } from "@langchain/langgraph-checkpoint";
import type { z } from "zod";
import { CorruptRowError } from "./corrupt-row-error.ts";
import { FastSerde } from "./fast-serde.ts";
import { cloneJson } from "./json-clone.ts";
import {
  blobRowSchema,
  checkpointRowSchema,
  describeIssue,
  metadataSchema,
  storedCheckpointSchema,
  writeRowSchema,
  type BlobRow,
  type CheckpointRow,
  type WriteRow,
} from "./rows.ts";

/** A checkpoint row parsed and deserialized, channel values not yet attached. */
export interface LoadedCheckpointRow {
  row: CheckpointRow;
  stored: z.infer<typeof storedCheckpointSchema>;
  metadata: CheckpointMetadata;
}

/** Inline values (format 2) are always written by the default serializer, whatever serde a saver has. */
const inlineSerde = new FastSerde(new JsonPlusSerializer());

/**
 * Turns rows read from disk into checkpoint parts through the saver's serde, and every failure into a
 * CorruptRowError that names the file, table and row.
 */
export class SaverCodec {
  private readonly serde: FastSerde;

  constructor(
    serde: SerializerProtocol,
    private readonly file: string,
  ) {
    this.serde = new FastSerde(serde);
  }

  /** Serializes like the saver's serde (with the same bytes), faster for plain JSON values. */
  dumpsTyped(value: unknown): Promise<[string, Uint8Array]> {
    return this.serde.dumpsTyped(value);
  }

  /** Like dumpsTyped, without a promise for plain JSON (see FastSerde.dumpsTypedNow). */
  dumpsTypedNow(value: unknown): [string, Uint8Array] | Promise<[string, Uint8Array]> {
    return this.serde.dumpsTypedNow(value);
  }

  /** The "json" text the serde would write, when the fast lane applies; undefined otherwise. */
  plainText(value: unknown): string | undefined {
    return this.serde.plainText(value);
  }

  /**
   * True when the saver's serde is the default JsonPlusSerializer: its "json" texts can be nested in one
   * inline array. A custom serde (say, one that encrypts) never has values stored outside its own bytes.
   */
  get inlines(): boolean {
    return this.serde.isDefault;
  }

  private corrupt(table: string, rowKey: string, problem: string, cause?: unknown): CorruptRowError {
    return new CorruptRowError("checkpoint", { file: this.file, table, rowKey, problem }, { cause });
  }

  /** Plain JSON, parsed without a promise (FastSerde.parsePlain); undefined when the serde must deserialize. */
  private parseFast(type: string, bytes: Uint8Array | string, table: string, rowKey: string): { value: unknown } | undefined {
    try {
      return this.serde.parsePlain(type, bytes);
    } catch (error) {
      throw this.corrupt(table, rowKey, `cannot deserialize ${type} value: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  private async deserialize(type: string, bytes: Uint8Array | string, table: string, rowKey: string): Promise<unknown> {
    const fast = this.parseFast(type, bytes, table, rowKey);
    return fast !== undefined ? fast.value : this.revive(type, bytes, table, rowKey);
  }

  /** The serde's own path, once the fast lane said no (it is not tried twice). */
  private async revive(type: string, bytes: Uint8Array | string, table: string, rowKey: string): Promise<unknown> {
    try {
      return await this.serde.reviveTyped(type, bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw this.corrupt(table, rowKey, `cannot deserialize ${type} value: ${reason}`, error);
    }
  }

  /** Parses a sy_checkpoints row and deserializes its checkpoint and metadata. */
  async loadCheckpointRow(raw: unknown): Promise<LoadedCheckpointRow> {
    // Type checks on the hot path; zod runs only to describe a row that failed them.
    if (!isCheckpointRow(raw)) {
      const parsed = checkpointRowSchema.safeParse(raw);
      throw this.corrupt("sy_checkpoints", describeRawKey(raw), parsed.success ? "unexpected row shape" : describeIssue(parsed.error));
    }
    const row = raw;
    const rowKey = checkpointRowKey(row.thread_id, row.checkpoint_ns, row.checkpoint_id);
    // Awaited only when the serde must run: each await is a turn of the microtask queue.
    const fastStored = this.parseFast(row.checkpoint_type, row.checkpoint, "sy_checkpoints", rowKey);
    const storedValue = fastStored !== undefined ? fastStored.value : await this.revive(row.checkpoint_type, row.checkpoint, "sy_checkpoints", rowKey);
    if (!isStoredCheckpoint(storedValue)) {
      const stored = storedCheckpointSchema.safeParse(storedValue);
      throw this.corrupt("sy_checkpoints", rowKey, `checkpoint ${stored.success ? "has an unexpected shape" : describeIssue(stored.error)}`);
    }
    const fastMetadata = this.parseFast(row.metadata_type, row.metadata, "sy_checkpoints", rowKey);
    const metadataValue = fastMetadata !== undefined ? fastMetadata.value : await this.revive(row.metadata_type, row.metadata, "sy_checkpoints", rowKey);
    if (!isRecord(metadataValue)) {
      const metadata = metadataSchema.safeParse(metadataValue);
      throw this.corrupt("sy_checkpoints", rowKey, `metadata ${metadata.success ? "is not an object" : describeIssue(metadata.error)}`);
    }
    return { row, stored: storedValue, metadata: metadataValue as CheckpointMetadata };
  }

  /**
   * A checkpoint row's inline channel values (format 2): `[[channel, version, value], ...]` as JSON text
   * of the default serializer, or NULL. Parsed afresh on every read, so callers get their own objects.
   */
  async loadInline(row: CheckpointRow, rowKey: string): Promise<Map<string, unknown>> {
    const values = new Map<string, unknown>();
    if (row.inline_values === null) return values;
    let entries: unknown;
    try {
      const plain = inlineSerde.parsePlain("json", row.inline_values);
      entries = plain === undefined ? await inlineSerde.loadsTyped("json", row.inline_values) : plain.value;
    } catch (error) {
      throw this.corrupt("sy_checkpoints", rowKey, `cannot deserialize inline_values: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (!Array.isArray(entries)) throw this.corrupt("sy_checkpoints", rowKey, "inline_values is not an array");
    for (const entry of entries) {
      if (!isInlineEntry(entry)) throw this.corrupt("sy_checkpoints", rowKey, "inline_values holds an entry that is not [channel, version, value]");
      values.set(entry[0], entry[2]);
    }
    return values;
  }

  /**
   * One sy_blobs value. When it is plain JSON, `plain` is the parsed tree for the cache and `value` a copy
   * of it for the caller; otherwise the serde deserialized `value` and there is nothing to keep.
   */
  async loadBlobValue(type: string, bytes: Uint8Array, where: string): Promise<{ value: unknown; plain?: { value: unknown } }> {
    let plain: { value: unknown } | undefined;
    try {
      plain = this.serde.parsePlain(type, bytes);
    } catch (error) {
      throw this.corrupt("sy_blobs", where, `cannot deserialize ${type} value: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (plain === undefined) return { value: await this.revive(type, bytes, "sy_blobs", where) };
    return { value: cloneJson(plain.value), plain };
  }

  /** A sy_blobs row read back, type-checked. */
  blobRow(raw: unknown, rowKey: string): BlobRow {
    if (!isBlobRow(raw)) throw this.corrupt("sy_blobs", rowKey, describeFailure(blobRowSchema, raw));
    return raw;
  }

  /** Deserializes sy_blobs rows into channel values. */
  async loadBlobs(rows: unknown[], rowKey: string): Promise<Record<string, unknown>> {
    const values: Record<string, unknown> = {};
    for (const raw of rows) {
      if (!isBlobRow(raw)) throw this.corrupt("sy_blobs", rowKey, describeFailure(blobRowSchema, raw));
      const { channel, value_type, value } = raw;
      values[channel] = await this.deserialize(value_type, value, "sy_blobs", `${rowKey}, channel ${channel}`);
    }
    return values;
  }

  /** Deserializes sy_writes rows (already in writesSortKey order) into pending writes. */
  async loadWrites(rows: unknown[], rowKey: string): Promise<CheckpointPendingWrite[]> {
    const writes: CheckpointPendingWrite[] = [];
    for (const raw of rows) {
      if (!isWriteRow(raw)) throw this.corrupt("sy_writes", rowKey, describeFailure(writeRowSchema, raw));
      const { task_id, channel, idx, value_type, value } = raw;
      const where = `${rowKey}, task ${task_id}, idx ${idx}`;
      writes.push([task_id, channel, await this.deserialize(value_type, value, "sy_writes", where)]);
    }
    return writes;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isVersionRecord(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key in value) {
    const version = value[key];
    if (typeof version !== "string" && typeof version !== "number") return false;
  }
  return true;
}

function isSerialized(value: unknown): value is Uint8Array | string {
  return typeof value === "string" || value instanceof Uint8Array;
}

function isCheckpointRow(raw: unknown): raw is CheckpointRow {
  if (!isRecord(raw)) return false;
  return (
    typeof raw.thread_id === "string" &&
    typeof raw.checkpoint_ns === "string" &&
    typeof raw.checkpoint_id === "string" &&
    (raw.parent_checkpoint_id === null || typeof raw.parent_checkpoint_id === "string") &&
    typeof raw.checkpoint_type === "string" &&
    isSerialized(raw.checkpoint) &&
    typeof raw.metadata_type === "string" &&
    isSerialized(raw.metadata) &&
    (raw.inline_values === null || isSerialized(raw.inline_values))
  );
}

function isStoredCheckpoint(value: unknown): value is z.infer<typeof storedCheckpointSchema> {
  if (!isRecord(value)) return false;
  if (typeof value.v !== "number" || typeof value.id !== "string" || typeof value.ts !== "string") return false;
  if (!isVersionRecord(value.channel_versions) || !isRecord(value.versions_seen)) return false;
  for (const key in value.versions_seen) if (!isVersionRecord(value.versions_seen[key])) return false;
  return true;
}

function isInlineEntry(entry: unknown): entry is [string, string, unknown] {
  return Array.isArray(entry) && entry.length === 3 && typeof entry[0] === "string" && typeof entry[1] === "string";
}

function isBlobRow(raw: unknown): raw is BlobRow {
  return isRecord(raw) && typeof raw.channel === "string" && typeof raw.value_type === "string" && raw.value instanceof Uint8Array;
}

function isWriteRow(raw: unknown): raw is WriteRow {
  return (
    isRecord(raw) &&
    typeof raw.task_id === "string" &&
    typeof raw.channel === "string" &&
    Number.isInteger(raw.idx) &&
    typeof raw.task_path === "string" &&
    typeof raw.value_type === "string" &&
    raw.value instanceof Uint8Array
  );
}

function describeFailure(schema: z.ZodType, raw: unknown): string {
  const parsed = schema.safeParse(raw);
  return parsed.success ? "unexpected row shape" : describeIssue(parsed.error);
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
  // Scalars (what the index holds) need no replacer, which costs a call per node.
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
