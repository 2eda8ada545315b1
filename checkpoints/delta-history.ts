import { getCheckpointId, type CheckpointPendingWrite, type DeltaChannelHistory } from "@langchain/langgraph-checkpoint";
import type Database from "better-sqlite3";
import type { SaverCodec } from "./saver-codec.ts";
import { checkpointRowKey } from "./saver-codec.ts";

/** Ancestors fetched per query: most walks end within a few steps, long ones page on. */
const ancestorPage = 32;

interface DeltaSources {
  statements: { ancestors: Database.Statement; selectBlob: Database.Statement; selectChannelWrites: Database.Statement };
  codec: SaverCodec;
}

interface DeltaRequest {
  config: { configurable?: Record<string, unknown> };
  channels: string[];
  latest: (threadId: string, checkpointNs: string) => string | undefined;
}

/**
 * The walk behind getDeltaChannelHistory: from the target's parent towards the root, collect each requested
 * channel's writes (in writesSortKey order per checkpoint) until an ancestor that stored a value for that
 * channel, whose value becomes the seed. The terminating ancestor's own writes are included, as in MemorySaver.
 */
export async function readDeltaChannelHistory(
  sources: DeltaSources,
  request: DeltaRequest,
): Promise<Record<string, DeltaChannelHistory>> {
  const { channels } = request;
  if (channels.length === 0) return {};
  const configurable = request.config.configurable ?? {};
  const threadId = configurable.thread_id as string | undefined;
  const checkpointNs = (configurable.checkpoint_ns as string | undefined) ?? "";
  const blocksByChannel = new Map<string, CheckpointPendingWrite[][]>(channels.map((channel) => [channel, []]));
  const seeds = new Map<string, unknown>();
  const result: Record<string, DeltaChannelHistory> = {};
  const targetId = threadId === undefined ? undefined : getCheckpointId(request.config) || request.latest(threadId, checkpointNs);
  if (threadId !== undefined && targetId !== undefined) {
    const remaining = new Set(channels);
    let cursor = targetId;
    while (remaining.size > 0) {
      const page = sources.statements.ancestors.all({ thread: threadId, ns: checkpointNs, id: cursor, page: ancestorPage });
      for (const raw of page) {
        if (remaining.size === 0) break;
        const { row, stored } = await sources.codec.loadCheckpointRow(raw);
        const rowKey = checkpointRowKey(row.thread_id, row.checkpoint_ns, row.checkpoint_id);
        const inline = await sources.codec.loadInline(row, rowKey);
        for (const channel of Array.from(remaining)) {
          const writeRows = sources.statements.selectChannelWrites.all(threadId, checkpointNs, row.checkpoint_id, channel);
          if (writeRows.length > 0) blocksByChannel.get(channel)?.push(await sources.codec.loadWrites(writeRows, rowKey));
          const version = stored.channel_versions[channel];
          if (version === undefined) continue;
          if (inline.has(channel)) {
            seeds.set(channel, inline.get(channel));
            remaining.delete(channel);
            continue;
          }
          const blob = sources.statements.selectBlob.get(threadId, checkpointNs, channel, String(version));
          if (blob === undefined) continue;
          const values = await sources.codec.loadBlobs([blob], rowKey);
          if (values[channel] === undefined) continue;
          seeds.set(channel, values[channel]);
          remaining.delete(channel);
        }
        cursor = row.checkpoint_id;
      }
      if (page.length < ancestorPage) break;
    }
  }
  for (const channel of channels) {
    const blocks = blocksByChannel.get(channel) ?? [];
    const entry: DeltaChannelHistory = { writes: blocks.reverse().flat() };
    if (seeds.has(channel)) entry.seed = seeds.get(channel);
    result[channel] = entry;
  }
  return result;
}
