import {
  BaseCheckpointSaver,
  TASKS,
  WRITES_IDX_MAP,
  copyCheckpoint,
  getCheckpointId,
  maxChannelVersion,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type DeltaChannelHistory,
  type PendingWrite,
  type SerializerProtocol,
} from "@langchain/langgraph-checkpoint";
import type Database from "better-sqlite3";
import { withRunMetadata } from "./run-metadata.ts";
import { SwitchyardError } from "../src/errors.ts";
import { BlobCache } from "./blob-cache.ts";
import { withBusyRetry, type BusyRetryOptions } from "./busy-retry.ts";
import { ChannelValueReader } from "./channel-values.ts";
import { openDatabase, type DatabaseConfig } from "./database.ts";
import { readDeltaChannelHistory } from "./delta-history.ts";
import { SaverCodec, checkpointRowKey, type LoadedCheckpointRow } from "./saver-codec.ts";
import { ListPlanner, matchesAfterLoad } from "./saver-list.ts";
import { PutWriter } from "./put-writer.ts";
import { encodePut, type EncodedPut } from "./saver-put.ts";
import { multiRowSql, saverSql } from "./saver-sql.ts";
import { MultiRowInsert } from "./multi-row-insert.ts";
import { yieldIfBusy } from "./event-loop-turn.ts";
import { ThreadPruner, type PruneReport } from "./prune.ts";

/** Construction options of SwitchyardSqliteSaver. */
export interface SqliteSaverConfig extends DatabaseConfig {
  /** Serializer for checkpoints, channel values and writes; default the base class's JsonPlusSerializer. */
  serde?: SerializerProtocol;
  /** Retry policy for SQLITE_BUSY that escapes busy_timeout. */
  busyRetry?: BusyRetryOptions;
  /** Memory for serialized channel values reused across reads (see BlobCache); default 32 MiB, 0 turns it off. */
  blobCacheBytes?: number;
}

/** LangGraph's RunnableConfig, taken from the saver interface so this folder depends on nothing else. */
export type RunnableConfig = Parameters<BaseCheckpointSaver["getTuple"]>[0];

type Statements = { [K in Exclude<keyof typeof saverSql, "deleteThread" | "estimateMetadata">]: Database.Statement };
type WriteRow = [string, string, string, string, number, string, string, string, Uint8Array];

function missing(field: string, method: string): SwitchyardError {
  return new SwitchyardError(
    "input_invalid",
    `${method}: config.configurable.${field} is missing. Pass it, e.g. graph.invoke(input, { configurable: { thread_id: "t-1" } }).`,
  );
}

/**
 * LangGraph checkpoint saver on better-sqlite3. Unlike the official SqliteSaver it stores each channel value
 * once per version (not the whole checkpoint per step), indexes top-level metadata for `list` filters,
 * replays channel-delta history with one parent-chain walk, and versions its file format.
 *
 * @example
 * const saver = openSqliteSaver("./state.db");
 * const graph = builder.compile({ checkpointer: saver });
 * await graph.invoke(input, { configurable: { thread_id: "t-1" } });
 */
export class SwitchyardSqliteSaver extends BaseCheckpointSaver {
  readonly database: Database.Database;
  readonly file: string;
  private readonly statements: Statements;
  private readonly deleteStatements: Database.Statement[];
  private readonly listPlanner: ListPlanner;
  private readonly codec: SaverCodec;
  private readonly busyRetry: BusyRetryOptions;
  private readonly blobCache: BlobCache;
  private readonly channelValues: ChannelValueReader;
  private readonly putWriter: PutWriter;
  private readonly readRow: Database.Transaction<(threadId: string, checkpointNs: string, checkpointId: string | undefined) => { raw: unknown; writes: unknown[] } | undefined>;
  private readonly putTransaction: Database.Transaction<(rows: EncodedPut) => void>;
  private readonly writesTransaction: Database.Transaction<(insert: MultiRowInsert, rows: WriteRow[]) => void>;
  private readonly inserts: { [K in keyof typeof multiRowSql]: MultiRowInsert };
  private readonly pruner: ThreadPruner;

  constructor(database: Database.Database, config: SqliteSaverConfig = {}) {
    super(config.serde);
    this.database = database;
    this.file = database.name;
    this.codec = new SaverCodec(this.serde, this.file);
    this.busyRetry = config.busyRetry ?? {};
    const blobCache = new BlobCache(database, config.blobCacheBytes ?? 32 * 1_048_576);
    this.blobCache = blobCache;
    const prepared: Partial<Statements> = {};
    for (const [name, sql] of Object.entries(saverSql)) {
      if (typeof sql === "string" && name !== "estimateMetadata") prepared[name as keyof Statements] = database.prepare(sql);
    }
    const statements = prepared as Statements;
    statements.selectInline.pluck();
    this.statements = statements;
    this.deleteStatements = saverSql.deleteThread.map((sql) => database.prepare(sql));
    this.listPlanner = new ListPlanner(database, saverSql.estimateMetadata);
    this.channelValues = new ChannelValueReader(this.codec, blobCache, statements.selectBlobs);
    const inserts = Object.fromEntries(
      Object.entries(multiRowSql).map(([name, { head, columns }]) => [name, new MultiRowInsert(database, head, columns)]),
    ) as { [K in keyof typeof multiRowSql]: MultiRowInsert };
    this.inserts = inserts;
    for (const statement of [statements.countPending, statements.selectMark, statements.dataVersion]) statement.pluck();
    const putWriter = new PutWriter(statements, inserts.insertMetadata, blobCache, this.file);
    this.putWriter = putWriter;
    this.putTransaction = database.transaction((rows: EncodedPut) => putWriter.write(rows));
    // One read transaction for a checkpoint row and its writes: one snapshot, and one lock round trip
    // instead of one per statement.
    this.readRow = database.transaction((threadId: string, checkpointNs: string, checkpointId: string | undefined) => {
      const raw = checkpointId ? statements.selectById.get(threadId, checkpointNs, checkpointId) : statements.selectLatest.get(threadId, checkpointNs);
      if (raw === undefined) return undefined;
      const id = (raw as { checkpoint_id?: unknown }).checkpoint_id;
      // A row without a string id is corrupt; loadCheckpointRow names it, so its writes are not read.
      return { raw, writes: typeof id === "string" ? statements.selectWrites.all(threadId, checkpointNs, id) : [] };
    });
    this.pruner = new ThreadPruner(database, this.codec, this.busyRetry);
    this.writesTransaction = database.transaction((insert: MultiRowInsert, rows: WriteRow[]) => {
      insert.run(rows);
    });
  }

  /**
   * Integer part one above the current version, plus a random fraction: numbers still order as LangGraph
   * expects, and two branches forked from one checkpoint never give one channel the same version. Blobs are
   * stored once per (channel, version), so with plain integers a replay or updateState fork that wrote a
   * channel at a version the original branch had used read back the original's value.
   */
  override getNextVersion(current: number | undefined): number {
    const base = typeof current === "number" ? Math.floor(current) : 0;
    return base + 1 + Math.random() * 0.999;
  }

  /** Closes the database connection. */
  close(): void {
    this.database.close();
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined || threadId === null) return undefined;
    const checkpointNs = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const read = this.readRow(threadId, checkpointNs, getCheckpointId(config));
    if (read === undefined) return undefined;
    return this.buildTuple(await this.codec.loadCheckpointRow(read.raw), read.writes);
  }

  async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const { rows, afterLoad } = this.listPlanner.run(config.configurable ?? {}, options);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    for (const raw of rows) {
      if (remaining <= 0) return;
      const loaded = await this.codec.loadCheckpointRow(raw);
      if (!matchesAfterLoad(loaded.metadata as Record<string, unknown>, afterLoad)) continue;
      remaining -= 1;
      yield this.buildTuple(loaded);
    }
  }

  async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    if (config.configurable === undefined) throw missing("thread_id", "put");
    const threadId = config.configurable.thread_id as string | undefined;
    if (!threadId) throw missing("thread_id", "put");
    const checkpointNs = (config.configurable.checkpoint_ns as string | undefined) ?? "";
    const parentId = (config.configurable.checkpoint_id as string | undefined) ?? null;
    // Copied before yielding: the caller may move on to its next step meanwhile.
    const copied = copyCheckpoint(checkpoint);
    await yieldIfBusy();
    const encoded = await encodePut(this.codec, { threadId, checkpointNs, parentId }, copied, withRunMetadata(config.metadata, metadata), newVersions);
    await withBusyRetry(() => this.putTransaction.immediate(encoded), this.busyRetry);
    // A MiB blob's write can take 100 ms by itself: what follows it gets a turn of its own.
    await yieldIfBusy();
    return { configurable: { thread_id: threadId, checkpoint_ns: checkpointNs, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    if (config.configurable === undefined) throw missing("thread_id", "putWrites");
    const threadId = config.configurable.thread_id as string | undefined;
    const checkpointId = config.configurable.checkpoint_id as string | undefined;
    if (!threadId) throw missing("thread_id", "putWrites");
    if (!checkpointId) throw missing("checkpoint_id", "putWrites");
    const checkpointNs = (config.configurable.checkpoint_ns as string | undefined) ?? "";
    // Special writes (errors, interrupts, resumes) replace; ordinary writes keep the first copy, as the spec asks.
    await yieldIfBusy();
    const allSpecial = writes.every(([channel]) => channel in WRITES_IDX_MAP);
    const rows: WriteRow[] = [];
    for (const [index, [channel, value]] of writes.entries()) {
      const serialized = this.codec.dumpsTypedNow(value);
      const [type, bytes] = Array.isArray(serialized) ? serialized : await serialized;
      const idx = WRITES_IDX_MAP[channel] ?? index;
      rows.push([threadId, checkpointNs, checkpointId, taskId, idx, channel, taskPath ?? "", type, bytes]);
    }
    const insert = allSpecial ? this.inserts.upsertWrite : this.inserts.insertWrite;
    // One statement is its own transaction (it takes the write lock before reading, so busy_timeout
    // applies): no BEGIN and COMMIT statements around the common case of a few writes.
    const write = MultiRowInsert.isOneStatement(rows.length) ? () => insert.run(rows) : () => this.writesTransaction.immediate(insert, rows);
    await withBusyRetry(write, this.busyRetry);
    await yieldIfBusy();
  }

  async deleteThread(threadId: string): Promise<void> {
    this.blobCache.clear();
    this.putWriter.forget();
    const remove = this.database.transaction(() => {
      for (const statement of this.deleteStatements) statement.run(threadId);
    });
    await withBusyRetry(() => remove.immediate(), this.busyRetry);
  }

  /**
   * Keeps only the newest checkpoint of each of the thread's namespaces (see prune.ts): its state, pending
   * writes and interrupts stay; the history before it goes.
   *
   * @example
   * await saver.pruneThread("t-1"); // { checkpoints: 41, writes: 80, blobs: 37, skipped: false }
   */
  async pruneThread(threadId: string): Promise<PruneReport> {
    const report = await this.pruner.prune(threadId);
    this.blobCache.clear();
    this.putWriter.forget();
    return report;
  }

  /**
   * Per-channel writes since the nearest ancestor that stored the channel, plus that value as seed: one
   * lazy recursive walk of parent links, touching only the requested channels' writes.
   */
  override async getDeltaChannelHistory(options: {
    config: RunnableConfig;
    channels: string[];
  }): Promise<Record<string, DeltaChannelHistory>> {
    return readDeltaChannelHistory(
      { statements: this.statements, codec: this.codec },
      { ...options, latest: (threadId, checkpointNs) => this.latestId(threadId, checkpointNs) },
    );
  }

  private latestId(threadId: string, checkpointNs: string): string | undefined {
    const raw = this.statements.selectLatest.get(threadId, checkpointNs) as { checkpoint_id?: unknown } | undefined;
    return typeof raw?.checkpoint_id === "string" ? raw.checkpoint_id : undefined;
  }

  /** `writeRows`: the checkpoint's pending writes when already read with its row; read here otherwise. */
  private async buildTuple(loaded: LoadedCheckpointRow, writeRows?: unknown[]): Promise<CheckpointTuple> {
    const { row, stored, metadata } = loaded;
    const rowKey = checkpointRowKey(row.thread_id, row.checkpoint_ns, row.checkpoint_id);
    const channelValues = await this.channelValues.read(row, stored.channel_versions, rowKey);
    writeRows ??= this.statements.selectWrites.all(row.thread_id, row.checkpoint_ns, row.checkpoint_id);
    const checkpoint = { ...stored, channel_values: channelValues } as Checkpoint;
    if (checkpoint.v < 4 && row.parent_checkpoint_id !== null) {
      await this.migratePendingSends(checkpoint, row.thread_id, row.checkpoint_ns, row.parent_checkpoint_id, rowKey);
    }
    const tuple: CheckpointTuple = {
      config: { configurable: { thread_id: row.thread_id, checkpoint_ns: row.checkpoint_ns, checkpoint_id: row.checkpoint_id } },
      checkpoint,
      metadata,
      pendingWrites: await this.codec.loadWrites(writeRows, rowKey),
    };
    if (row.parent_checkpoint_id !== null) {
      tuple.parentConfig = {
        configurable: { thread_id: row.thread_id, checkpoint_ns: row.checkpoint_ns, checkpoint_id: row.parent_checkpoint_id },
      };
    }
    return tuple;
  }

  /** Checkpoints older than format v4 kept pending sends as writes on the parent; fold them back in. */
  private async migratePendingSends(
    checkpoint: Checkpoint,
    threadId: string,
    checkpointNs: string,
    parentId: string,
    rowKey: string,
  ): Promise<void> {
    const rows = this.statements.selectChannelWrites.all(threadId, checkpointNs, parentId, TASKS);
    const sends = await this.codec.loadWrites(rows, rowKey);
    const versions = Object.values(checkpoint.channel_versions);
    checkpoint.channel_values[TASKS] = sends.map((write) => write[2]);
    checkpoint.channel_versions[TASKS] = versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined);
  }
}

/**
 * Opens (or creates) a checkpoint file, or an in-memory database for `":memory:"`.
 *
 * @example
 * const saver = openSqliteSaver(":memory:");
 */
export function openSqliteSaver(pathOrMemory: string, config: SqliteSaverConfig = {}): SwitchyardSqliteSaver {
  return new SwitchyardSqliteSaver(openDatabase(pathOrMemory, config), config);
}
