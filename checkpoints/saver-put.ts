import type { ChannelVersions, Checkpoint, CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { CorruptRowError } from "./corrupt-row-error.ts";
import { canonicalJson, checkpointRowKey, type SaverCodec } from "./saver-codec.ts";

/**
 * A channel value whose serialized form is at most this many bytes is kept in the checkpoint's own row
 * (`inline_values`, format 2) instead of a sy_blobs row. Small values that change every step (a step
 * counter, a phase, a route) then cost no B-tree page of their own per commit, and an unchanged small
 * value is repeated in each row at a bounded cost. Reading does not depend on this number: it may change.
 */
export const inlineMaxBytes = 256;

type Key = { threadId: string; checkpointNs: string };
export type BlobInsert = [string, string, string, string, string, Uint8Array];

/** A value kept inline: its version and its JSON text as the default serializer wrote it. */
interface InlinePiece {
  version: string;
  text: string;
}

/** Everything put writes, serialized; the parent's inline values are merged in inside the transaction. */
export interface EncodedPut {
  checkpoint: [string, string, string, string | null, string, Uint8Array, string, Uint8Array];
  blobs: BlobInsert[];
  /** Rows for sy_checkpoint_metadata, written at once only when the id is under the thread's index mark. */
  metadata: Array<[string, string, string, string, string]>;
  /** The same entries as one JSON object (key → canonical JSON text), kept in the row until indexed. */
  indexEntries: string | null;
  /** Values of channels in newVersions small enough to keep inline. */
  fresh: Map<string, InlinePiece>;
  /** Channels not in newVersions, with their version: inline here iff the parent holds that version inline. */
  carried: Map<string, string>;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Serializes a put: checkpoint minus values, metadata and its index rows, blobs, inline candidates. */
export async function encodePut(
  codec: SaverCodec,
  key: Key & { parentId: string | null },
  checkpoint: Checkpoint,
  metadata: CheckpointMetadata,
  newVersions: ChannelVersions,
): Promise<EncodedPut> {
  const { threadId, checkpointNs } = key;
  const { channel_values: values, ...withoutValues } = checkpoint;
  const versions = checkpoint.channel_versions;
  // Plain JSON is serialized without awaiting (see FastSerde.dumpsTypedNow); the rest as the serde does.
  const checkpointSerialized = codec.dumpsTypedNow(withoutValues);
  const [checkpointType, checkpointBytes] = Array.isArray(checkpointSerialized) ? checkpointSerialized : await checkpointSerialized;
  const metadataSerialized = codec.dumpsTypedNow(metadata);
  const [metadataType, metadataBytes] = Array.isArray(metadataSerialized) ? metadataSerialized : await metadataSerialized;
  const blobs: BlobInsert[] = [];
  const fresh = new Map<string, InlinePiece>();
  for (const [channel, version] of Object.entries(newVersions)) {
    if (!Object.prototype.hasOwnProperty.call(values, channel)) continue;
    const value = (values as Record<string, unknown>)[channel];
    if (value === undefined) continue;
    const sameVersion = String(versions[channel]) === String(version);
    const text = codec.plainText(value);
    if (text !== undefined && sameVersion && Buffer.byteLength(text, "utf8") <= inlineMaxBytes) {
      fresh.set(channel, { version: String(version), text });
      continue;
    }
    const [type, bytes] = text === undefined ? await codec.dumpsTyped(value) : ["json", Buffer.from(text, "utf8")];
    const inline = codec.inlines && type === "json" && bytes.byteLength <= inlineMaxBytes && sameVersion;
    if (inline) fresh.set(channel, { version: String(version), text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") });
    else blobs.push([threadId, checkpointNs, channel, String(version), type, bytes]);
  }
  const carried = new Map<string, string>();
  if (codec.inlines) {
    for (const [channel, version] of Object.entries(versions)) {
      if (!Object.prototype.hasOwnProperty.call(newVersions, channel)) carried.set(channel, String(version));
    }
  }
  const metadataRows: EncodedPut["metadata"] = [];
  const entries: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata as Record<string, unknown>)) {
    const text = isScalar(value) ? canonicalJson(value) : undefined;
    if (text === undefined) continue;
    metadataRows.push([threadId, checkpointNs, checkpoint.id, name, text]);
    entries[name] = text;
  }
  return {
    checkpoint: [threadId, checkpointNs, checkpoint.id, key.parentId, checkpointType, checkpointBytes, metadataType, metadataBytes],
    blobs,
    metadata: metadataRows,
    indexEntries: metadataRows.length > 0 ? JSON.stringify(entries) : null,
    fresh,
    carried,
  };
}

/** A row's inline values by channel, as composeInline built them or parseInlinePieces read them back. */
export type InlinePieces = Map<string, InlinePiece>;

/**
 * The row's inline_values: this put's small new values, plus each unchanged channel whose version the
 * parent row holds inline (its text copied as stored, so the value is the one that version always had).
 * An unchanged channel not inline in the parent lives in sy_blobs, exactly as in format 1.
 */
export function composeInline(encoded: EncodedPut, parentPieces: InlinePieces | undefined): { bytes: Uint8Array | null; pieces: InlinePieces } {
  const pieces: InlinePieces = new Map(encoded.fresh);
  if (parentPieces !== undefined && encoded.carried.size > 0) {
    for (const [channel, piece] of parentPieces) {
      if (encoded.carried.get(channel) === piece.version) pieces.set(channel, piece);
    }
  }
  if (pieces.size === 0) return { bytes: null, pieces };
  const texts: string[] = [];
  for (const [channel, piece] of pieces) texts.push(`[${JSON.stringify(channel)},${JSON.stringify(piece.version)},${piece.text}]`);
  return { bytes: Buffer.from(`[${texts.join(",")}]`, "utf8"), pieces };
}

/**
 * A row's inline entries as texts. The texts are JSON written by JSON.stringify, so parsing without the
 * serde's reviver and writing them again gives back the same text.
 */
export function parseInlinePieces(bytes: Uint8Array, where: Key & { file: string; parentId: string }): InlinePieces {
  const pieces: InlinePieces = new Map();
  let entries: unknown;
  try {
    entries = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch {
    entries = undefined;
  }
  if (!Array.isArray(entries)) throw corruptParent(where, "inline_values is not a JSON array");
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== "string" || typeof entry[1] !== "string") {
      throw corruptParent(where, "inline_values holds an entry that is not [channel, version, value]");
    }
    pieces.set(entry[0], { version: entry[1], text: JSON.stringify(entry[2]) });
  }
  return pieces;
}

function corruptParent(where: Key & { file: string; parentId: string }, problem: string): CorruptRowError {
  const rowKey = checkpointRowKey(where.threadId, where.checkpointNs, where.parentId);
  return new CorruptRowError("checkpoint", { file: where.file, table: "sy_checkpoints", rowKey, problem: `${problem} (read as the parent of a new checkpoint)` });
}
