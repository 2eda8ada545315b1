import type { RunnableConfig } from "@langchain/core/runnables";
import type { ChannelVersions, Checkpoint, CheckpointMetadata, SerializerProtocol } from "@langchain/langgraph-checkpoint";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { prunePostgresThread } from "./postgres-prune.ts";
import type { PruneReport } from "./prune.ts";
import { withRunMetadata } from "./run-metadata.ts";

/**
 * The official PostgresSaver, with the run's own metadata (run_id, graph_id, assistant_id) written into each
 * checkpoint's as our SQLite saver does (run-metadata.ts), so a history filtered by run works on Postgres too.
 * Loaded only for postgres:// URLs (open-persistence.ts imports this file dynamically).
 *
 * @example
 * const saver = RunMetadataPostgresSaver.fromUrl("postgresql://postgres@127.0.0.1:5432/test");
 * await saver.setup();
 */
export class RunMetadataPostgresSaver extends PostgresSaver {
  readonly #pool: pg.Pool;
  readonly #schema: string;

  constructor(pool: pg.Pool, serde?: SerializerProtocol, options?: ConstructorParameters<typeof PostgresSaver>[2]) {
    super(pool, serde, options);
    this.#pool = pool;
    this.#schema = options?.schema ?? "public";
  }

  static fromUrl(url: string): RunMetadataPostgresSaver {
    return new RunMetadataPostgresSaver(new pg.Pool({ connectionString: url }));
  }

  /** Keeps only the newest checkpoint of each of the thread's namespaces (postgres-prune.ts), as the SQLite saver does. */
  pruneThread(threadId: string): Promise<PruneReport> {
    return prunePostgresThread(this.#pool, this.#schema, threadId);
  }

  override put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    return super.put(config, checkpoint, withRunMetadata(config.metadata, metadata), newVersions);
  }
}
