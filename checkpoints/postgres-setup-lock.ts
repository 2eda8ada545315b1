import pg from "pg";

/** One lock for every switchyard setup step on a database: table creation is not safe to run concurrently. */
const SETUP_LOCK_KEY = "switchyard.setup";

/**
 * Runs `setup` while holding a session advisory lock of its own connection, so replicas starting together
 * create the checkpoint, store and lease tables one at a time. `CREATE TABLE IF NOT EXISTS` is not safe
 * against itself in Postgres: two sessions creating the same table both pass the check, and the second fails
 * on `pg_type_typname_nsp_index` (seen with three `switchyard serve` replicas started at once). Do not nest:
 * a setup that itself calls this would wait on its own lock from a second connection.
 *
 * @example
 * await withSetupLock(url, async () => { await saver.setup(); await store.setup(); });
 */
export async function withSetupLock<T>(url: string, setup: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [SETUP_LOCK_KEY]);
    try {
      return await setup();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [SETUP_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
