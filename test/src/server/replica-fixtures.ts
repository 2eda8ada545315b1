import pg from "pg";
import { openSqliteSaver, PostgresThreadLeases } from "../../../checkpoints/index.ts";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { RunMetadataPostgresSaver } from "../../../checkpoints/postgres-run-metadata-saver.ts";
import { createServer, openPostgresServerStorage, type A2aServeOptions, type ListeningServer, type RunBus, type ServableGraph, type SwitchyardServer } from "../../../src/server/index.ts";

/** One replica: a whole server on the shared Postgres schema, listening on a loopback port. */
export interface Replica {
  server: SwitchyardServer;
  listening: ListeningServer;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  url: string;
  schema: string;
  graphs: (saver: BaseCheckpointSaver) => Record<string, ServableGraph>;
  bus?: RunBus;
  /** Thread-lease expiry; a dead replica's runs are looked for this often. */
  leaseTtlMs?: number;
  instanceId?: string;
  /** Serve the graphs as A2A agents too. */
  a2a?: A2aServeOptions;
}

/** Opens what a `switchyard serve` replica on `storage: postgres://…` opens, in this process. */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const saver = new RunMetadataPostgresSaver(new pg.Pool({ connectionString: options.url, max: 4 }), undefined, { schema: options.schema });
  await saver.setup();
  // Long enough that a replica stalled by a loaded machine is not taken for dead (all share one pid here).
  const ttlMs = options.leaseTtlMs ?? 5_000;
  const leases = await PostgresThreadLeases.open(options.url, { schema: options.schema, ttlMs });
  const storage = await openPostgresServerStorage(options.url, { schema: options.schema });
  const graphs = Object.fromEntries(Object.entries(options.graphs(saver)).map(([id, graph]) => [id, { graph }]));
  const server = createServer({
    graphs,
    persistence: { checkpointer: saver, leases },
    storage,
    ...(options.bus ? { bus: options.bus } : {}),
    ...(options.a2a ? { a2a: options.a2a } : {}),
    lease: { heartbeatMs: Math.floor(ttlMs / 4), ...(options.instanceId ? { instanceId: options.instanceId } : {}) },
    auth: { apiKeys: [] },
    openai: false,
  });
  return listen(server, async () => {
    await Promise.allSettled([storage.close(), leases.close(), saver.end()]);
  });
}

/** Waits for the server's recovery pass, listens on a free port, and closes the server, then `release`s what it used. */
async function listen(server: Replica["server"], release: () => Promise<void> | void): Promise<Replica> {
  await server.ready;
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  return {
    server,
    listening,
    async close() {
      await server.close();
      await listening.close();
      await release();
    },
  };
}

/** A replica of the embedded default: its own connection to one SQLite file, as processes on one host share it. */
export async function startSqliteReplica(options: { file: string; graphs: ReplicaOptions["graphs"]; bus?: RunBus }): Promise<Replica> {
  const saver = openSqliteSaver(options.file);
  const graphs = Object.fromEntries(Object.entries(options.graphs(saver)).map(([id, graph]) => [id, { graph }]));
  const server = createServer({ graphs, persistence: { checkpointer: saver }, ...(options.bus ? { bus: options.bus } : {}), auth: { apiKeys: [] }, openai: false });
  return listen(server, () => saver.close());
}
