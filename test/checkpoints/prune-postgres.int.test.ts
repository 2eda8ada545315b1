/** keep_latest pruning on Postgres: the same cases as the SQLite saver's (prune-cases.ts). */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prunableSaver } from "../../checkpoints/index.ts";
import { RunMetadataPostgresSaver } from "../../checkpoints/postgres-run-metadata-saver.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";
import { pruneCases } from "./prune-cases.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("RunMetadataPostgresSaver.pruneThread (keep latest)", () => {
  const schema = runScopedName("switchyard_prune");
  let saver: RunMetadataPostgresSaver;
  let pool: pg.Pool;
  const rows = (table: string) => async (threadId: string) =>
    Number((await pool.query<{ count: string }>(`SELECT count(*) FROM "${schema}".${table} WHERE thread_id = $1`, [threadId])).rows[0]?.count);

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: postgresUrl, max: 2 });
    saver = new RunMetadataPostgresSaver(new pg.Pool({ connectionString: postgresUrl, max: 2 }), undefined, { schema });
    await saver.setup();
  });
  afterAll(async () => {
    await saver?.end();
    await pool?.end();
    await dropPostgresSchema(schema);
  });

  it("is found by prunableSaver, so the TTL sweeper and POST /threads/prune use it", () => {
    expect(prunableSaver(saver)).toBe(saver);
  });

  // Every channel version is a blob row on Postgres, so a few runs build the history.
  pruneCases(() => ({ saver, checkpoints: rows("checkpoints"), blobs: rows("checkpoint_blobs") }), 12);
});
