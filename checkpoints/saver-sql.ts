/** The saver's SQL, prepared once per connection (see SwitchyardSqliteSaver). */
// data_version comes from the same read snapshot as the row: the read cache checks it (see BlobCache).
// The key columns come from `key`: a query ordered by the driving table's own key column needs no sort.
// JSON comes back as text (one JS string) rather than as bytes (a Buffer, then a decode): a measurable part
// of reading a row. Other serde types stay bytes.
const columnsKeyedBy = (key: string): string =>
  `${key}.thread_id AS thread_id, ${key}.checkpoint_ns AS checkpoint_ns, ${key}.checkpoint_id AS checkpoint_id, c.parent_checkpoint_id, ` +
  "c.checkpoint_type, CASE c.checkpoint_type WHEN 'json' THEN CAST(c.checkpoint AS TEXT) ELSE c.checkpoint END AS checkpoint, " +
  "c.metadata_type, CASE c.metadata_type WHEN 'json' THEN CAST(c.metadata AS TEXT) ELSE c.metadata END AS metadata, " +
  "CAST(c.inline_values AS TEXT) AS inline_values, (SELECT data_version FROM pragma_data_version()) AS data_version";
const checkpointColumns = columnsKeyedBy("c");

export const saverSql = {
  insertCheckpoint: `INSERT OR REPLACE INTO sy_checkpoints
    (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint_type, checkpoint, metadata_type, metadata, inline_values, index_entries)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  // 1 when a checkpoint id is at or under its thread's index mark (compared as SQLite compares keys), 0
  // above it, no row when the thread has no mark yet. Positional and plucked: put's hottest read.
  selectMark: `SELECT (? <= indexed_through) FROM sy_metadata_marks WHERE thread_id = ? AND checkpoint_ns = ?`,
  // Changes when another connection commits; a statement of its own costs less than the table function.
  dataVersion: "PRAGMA data_version",
  countPending: `SELECT count(*) FROM sy_metadata_marks AS m
    CROSS JOIN sy_checkpoints AS c ON c.thread_id = m.thread_id AND c.checkpoint_ns = m.checkpoint_ns AND c.checkpoint_id > m.indexed_through
    WHERE m.thread_id = @thread AND m.checkpoint_ns = @ns`,
  insertMark: `INSERT INTO sy_metadata_marks (thread_id, checkpoint_ns, indexed_through) VALUES (?, ?, '')`,
  // One batch: every checkpoint above the mark gets its index rows, then the mark moves to the newest id.
  // Checkpoints above the mark have no index rows, so nothing conflicts; IGNORE costs one seek less than REPLACE.
  indexPending: `INSERT OR IGNORE INTO sy_checkpoint_metadata (thread_id, checkpoint_ns, checkpoint_id, key, value)
    SELECT c.thread_id, c.checkpoint_ns, c.checkpoint_id, e.key, e.value
    FROM sy_metadata_marks AS m
    CROSS JOIN sy_checkpoints AS c ON c.thread_id = m.thread_id AND c.checkpoint_ns = m.checkpoint_ns AND c.checkpoint_id > m.indexed_through
    CROSS JOIN json_each(c.index_entries) AS e
    WHERE m.thread_id = @thread AND m.checkpoint_ns = @ns`,
  advanceMark: `UPDATE sy_metadata_marks SET indexed_through =
      (SELECT max(checkpoint_id) FROM sy_checkpoints WHERE thread_id = @thread AND checkpoint_ns = @ns)
    WHERE thread_id = @thread AND checkpoint_ns = @ns`,
  // The parent's inline values, which a put carries over for channels it did not change.
  selectInline: `SELECT inline_values FROM sy_checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`,
  // A (thread, ns, channel, version) is written once: later checkpoints that did not bump the version reuse it.
  insertBlob: `INSERT OR IGNORE INTO sy_blobs (thread_id, checkpoint_ns, channel, version, value_type, value)
    VALUES (?, ?, ?, ?, ?, ?)`,
  checkpointExists: `SELECT 1 FROM sy_checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`,
  // Only on a re-put of an existing checkpoint id (rare): scans that thread's metadata rows.
  deleteMetadata: `DELETE FROM sy_checkpoint_metadata WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`,
  estimateMetadata: `SELECT count(*) FROM (SELECT 1 FROM sy_checkpoint_metadata
    WHERE thread_id = ? AND checkpoint_ns = ? AND key = ? AND value = ? LIMIT 256)`,
  selectById: `SELECT ${checkpointColumns} FROM sy_checkpoints AS c
    WHERE c.thread_id = ? AND c.checkpoint_ns = ? AND c.checkpoint_id = ?`,
  selectLatest: `SELECT ${checkpointColumns} FROM sy_checkpoints AS c
    WHERE c.thread_id = ? AND c.checkpoint_ns = ? ORDER BY c.checkpoint_id DESC LIMIT 1`,
  // json_each drives: one primary-key probe per channel in the checkpoint's channel_versions.
  selectBlobs: `SELECT b.channel, b.value_type, b.value FROM json_each(?) AS wanted
    CROSS JOIN sy_blobs AS b ON b.thread_id = ? AND b.checkpoint_ns = ? AND b.channel = wanted.key AND b.version = wanted.value`,
  selectBlob: `SELECT channel, value_type, value FROM sy_blobs
    WHERE thread_id = ? AND checkpoint_ns = ? AND channel = ? AND version = ?`,
  // BINARY collation orders UTF-8 by code point, which is what compareWritesSortKeys requires.
  selectWrites: `SELECT task_id, channel, idx, task_path, value_type, value FROM sy_writes
    WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ? ORDER BY task_path, task_id, idx`,
  selectChannelWrites: `SELECT task_id, channel, idx, task_path, value_type, value FROM sy_writes
    WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ? AND channel = ? ORDER BY task_path, task_id, idx`,
  // Up to @page ancestors of a checkpoint, nearest first; the caller pages on so a walk stops where it is done.
  ancestors: `WITH RECURSIVE chain(checkpoint_id, parent_checkpoint_id, depth) AS (
      SELECT checkpoint_id, parent_checkpoint_id, 0 FROM sy_checkpoints
        WHERE thread_id = @thread AND checkpoint_ns = @ns AND checkpoint_id = @id
      UNION ALL
      SELECT p.checkpoint_id, p.parent_checkpoint_id, chain.depth + 1 FROM chain
        JOIN sy_checkpoints AS p ON p.thread_id = @thread AND p.checkpoint_ns = @ns AND p.checkpoint_id = chain.parent_checkpoint_id
        WHERE chain.depth < @page
    )
    SELECT ${checkpointColumns} FROM chain
      JOIN sy_checkpoints AS c ON c.thread_id = @thread AND c.checkpoint_ns = @ns AND c.checkpoint_id = chain.checkpoint_id
    WHERE chain.depth > 0 ORDER BY chain.depth`,
  deleteThread: [
    "DELETE FROM sy_checkpoints WHERE thread_id = ?",
    "DELETE FROM sy_blobs WHERE thread_id = ?",
    "DELETE FROM sy_writes WHERE thread_id = ?",
    "DELETE FROM sy_checkpoint_metadata WHERE thread_id = ?",
    "DELETE FROM sy_metadata_marks WHERE thread_id = ?",
  ],
} as const;

/** Inserts run through MultiRowInsert: one statement per call, whatever the number of rows. */
export const multiRowSql = {
  insertMetadata: { head: "INSERT OR REPLACE INTO sy_checkpoint_metadata (thread_id, checkpoint_ns, checkpoint_id, key, value)", columns: 5 },
  insertWrite: {
    head: "INSERT OR IGNORE INTO sy_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, task_path, value_type, value)",
    columns: 9,
  },
  upsertWrite: {
    head: "INSERT OR REPLACE INTO sy_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, task_path, value_type, value)",
    columns: 9,
  },
} as const;

/** Options of `list`, reduced to what shapes the SQL. */
export interface ListQuery {
  threadId?: string;
  checkpointNs?: string;
  checkpointId?: string;
  before?: string;
  filter: Array<[string, string]>;
  limit?: number;
}

/**
 * Builds the list query. Without a scalar metadata filter it reads sy_checkpoints in key order. With one,
 * two arms, merged by checkpoint_id: checkpoints at or under their thread's index mark are found through
 * the side table, whose (thread, ns, key, value, checkpoint_id) key makes each filter entry one range
 * already in checkpoint_id order; the few above the mark (not yet indexed, see saver-put.ts) are matched
 * against the index_entries their rows carry. sy_metadata_marks also lists every (thread, namespace), so
 * a filter without a namespace or thread probes each one's range instead of scanning. Put the most
 * selective filter entry first.
 */
export function buildListQuery(query: ListQuery): { sql: string; parameters: unknown[] } {
  const [first, ...rest] = query.filter;
  if (first === undefined) return buildPlainListQuery(query);
  const parameters: unknown[] = [];
  const scope = (checkpointColumn: string): string => {
    const where: string[] = [];
    if (query.threadId !== undefined) {
      where.push("k.thread_id = ?");
      parameters.push(query.threadId);
    }
    if (query.checkpointNs !== undefined) {
      where.push("k.checkpoint_ns = ?");
      parameters.push(query.checkpointNs);
    }
    if (query.checkpointId !== undefined) {
      where.push(`${checkpointColumn} = ?`);
      parameters.push(query.checkpointId);
    }
    if (query.before !== undefined) {
      where.push(`${checkpointColumn} < ?`);
      parameters.push(query.before);
    }
    return where.length > 0 ? ` AND ${where.join(" AND ")}` : "";
  };
  parameters.push(first[0], first[1]);
  let indexed = `SELECT ${columnsKeyedBy("m")} FROM sy_metadata_marks AS k
    CROSS JOIN sy_checkpoint_metadata AS m ON m.thread_id = k.thread_id AND m.checkpoint_ns = k.checkpoint_ns
      AND m.key = ? AND m.value = ? AND m.checkpoint_id <= k.indexed_through
    CROSS JOIN sy_checkpoints AS c ON c.thread_id = m.thread_id AND c.checkpoint_ns = m.checkpoint_ns AND c.checkpoint_id = m.checkpoint_id
    WHERE 1${scope("m.checkpoint_id")}`;
  for (const [key, value] of rest) {
    indexed += ` AND EXISTS (SELECT 1 FROM sy_checkpoint_metadata AS x WHERE x.thread_id = c.thread_id
      AND x.checkpoint_ns = c.checkpoint_ns AND x.key = ? AND x.value = ? AND x.checkpoint_id = c.checkpoint_id)`;
    parameters.push(key, value);
  }
  let pending = `SELECT ${checkpointColumns} FROM sy_metadata_marks AS k
    CROSS JOIN sy_checkpoints AS c ON c.thread_id = k.thread_id AND c.checkpoint_ns = k.checkpoint_ns AND c.checkpoint_id > k.indexed_through
    WHERE 1${scope("c.checkpoint_id")}`;
  for (const [key, value] of query.filter) {
    pending += " AND EXISTS (SELECT 1 FROM json_each(c.index_entries) AS e WHERE e.key = ? AND e.value = ?)";
    parameters.push(key, value);
  }
  let sql = `${indexed}\n  UNION ALL\n  ${pending}\n  ORDER BY checkpoint_id DESC`;
  if (query.limit !== undefined) {
    sql += " LIMIT ?";
    parameters.push(Math.max(0, Math.floor(query.limit)));
  }
  return { sql, parameters };
}

function buildPlainListQuery(query: ListQuery): { sql: string; parameters: unknown[] } {
  const where: string[] = [];
  const parameters: unknown[] = [];
  const equal: Array<[string, string | undefined]> = [
    ["c.thread_id", query.threadId],
    ["c.checkpoint_ns", query.checkpointNs],
    ["c.checkpoint_id", query.checkpointId],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    parameters.push(value);
  }
  if (query.before !== undefined) {
    where.push("c.checkpoint_id < ?");
    parameters.push(query.before);
  }
  let sql = `SELECT ${checkpointColumns} FROM sy_checkpoints AS c`;
  if (where.length > 0) sql += ` WHERE ${where.join(" AND ")}`;
  sql += " ORDER BY c.checkpoint_id DESC";
  if (query.limit !== undefined) {
    sql += " LIMIT ?";
    parameters.push(Math.max(0, Math.floor(query.limit)));
  }
  return { sql, parameters };
}
