import type Database from "better-sqlite3";
import { BlobCache } from "./blob-cache.ts";
import { cloneJson } from "./json-clone.ts";
import type { CheckpointRow } from "./rows.ts";
import type { SaverCodec } from "./saver-codec.ts";

/**
 * Rebuilds a checkpoint's channel_values: inline values from its own row, the rest from sy_blobs by
 * (channel, version), through the BlobCache. Every value handed out is the caller's own: parsed afresh,
 * deserialized afresh, or copied from a cached parse.
 */
export class ChannelValueReader {
  constructor(
    private readonly codec: SaverCodec,
    private readonly cache: BlobCache,
    private readonly selectBlobs: Database.Statement,
  ) {}

  async read(row: CheckpointRow, channelVersions: Record<string, string | number>, rowKey: string): Promise<Record<string, unknown>> {
    const inline = await this.codec.loadInline(row, rowKey);
    this.cache.validate(typeof row.data_version === "number" ? row.data_version : undefined);
    const values: Record<string, unknown> = {};
    const missing: Record<string, string> = {};
    let missed = false;
    for (const channel in channelVersions) {
      if (inline.has(channel)) {
        values[channel] = inline.get(channel);
        continue;
      }
      const version = String(channelVersions[channel]);
      const key = BlobCache.key(row.thread_id, row.checkpoint_ns, channel, version);
      const cached = this.cache.get(key);
      if (cached === undefined) {
        missing[channel] = version;
        missed = true;
      } else if (cached.plain !== undefined) {
        values[channel] = cloneJson(cached.plain.value);
      } else {
        values[channel] = await this.decode(key, cached.type, cached.bytes, `${rowKey}, channel ${channel}`);
      }
    }
    if (!missed) return values;
    for (const raw of this.selectBlobs.all(JSON.stringify(missing), row.thread_id, row.checkpoint_ns)) {
      const { channel, value_type: type, value: bytes } = this.codec.blobRow(raw, rowKey);
      const version = missing[channel];
      if (version === undefined) continue;
      const key = BlobCache.key(row.thread_id, row.checkpoint_ns, channel, version);
      values[channel] = await this.decode(key, type, bytes, `${rowKey}, channel ${channel}`);
    }
    return values;
  }

  /** Caches the bytes, and the parsed tree when the value is plain JSON, so the next read skips both. */
  private async decode(key: string, type: string, bytes: Uint8Array, where: string): Promise<unknown> {
    const { value, plain } = await this.codec.loadBlobValue(type, bytes, where);
    this.cache.set(key, plain === undefined ? { type, bytes } : { type, bytes, plain });
    return value;
  }
}
