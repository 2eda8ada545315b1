/**
 * Whether the saver's WITHOUT ROWID tables cost its inserts (issue #18, a lead left for a format-5 migration):
 * inserts of rows the size of a gateway checkpoint row or write (200 B, 1.5 KB, 4 KB blobs) into a WITHOUT ROWID
 * table and into a rowid table of the same primary key, on the saver's own connection settings (`openSqliteSaver`,
 * in memory), alternated twice per size; printed: CPU µs per insert. A one-off behind docs/gateway.md:
 *
 *   npx tsx bench/sqlite-row-form.ts
 */
import type Database from "better-sqlite3";
import { openSqliteSaver } from "../checkpoints/sqlite-saver.ts";

const ROWS = Number(process.env.ROWS ?? 8000);
const database = (openSqliteSaver(":memory:") as unknown as { database: Database.Database }).database;
for (const size of [200, 1500, 4000]) {
  const blob = Buffer.alloc(size, 120);
  database.exec(`CREATE TABLE without_${size} (t TEXT NOT NULL, ns TEXT NOT NULL, id TEXT NOT NULL, v BLOB, PRIMARY KEY (t, ns, id)) WITHOUT ROWID;
    CREATE TABLE rowid_${size} (t TEXT NOT NULL, ns TEXT NOT NULL, id TEXT NOT NULL, v BLOB, PRIMARY KEY (t, ns, id));`);
  const forms = { "without rowid": database.prepare(`INSERT OR REPLACE INTO without_${size} VALUES (?, ?, ?, ?)`), rowid: database.prepare(`INSERT OR REPLACE INTO rowid_${size} VALUES (?, ?, ?, ?)`) };
  for (const round of [1, 2]) {
    for (const [form, statement] of Object.entries(forms)) {
      const started = process.cpuUsage();
      for (let index = 0; index < ROWS; index++) statement.run(`thread-${round}-${index}-${Math.random()}`, "", `1f1f2266-07ab-66d0-8002-${index}`, blob);
      const used = process.cpuUsage(started);
      console.log(`${String(size).padStart(5)} B  ${form.padEnd(14)} round ${round}: ${((used.user + used.system) / ROWS).toFixed(1)} µs CPU per insert`);
    }
  }
}
