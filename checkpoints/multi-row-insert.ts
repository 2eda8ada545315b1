import type Database from "better-sqlite3";

/** Rows per statement: enough for a step's writes, few enough that the cached statements stay small. */
const maxRowsPerStatement = 16;

/**
 * An INSERT that takes all of a call's rows in one statement (`VALUES (...), (...)`), prepared once per row
 * count. Rows apply in order, as separate statements would: with OR IGNORE the first of two rows with one
 * key stays, with OR REPLACE the last.
 *
 * @example
 * const insert = new MultiRowInsert(database, "INSERT OR IGNORE INTO t (a, b)", 2);
 * insert.run([["x", 1], ["y", 2]]);
 */
export class MultiRowInsert {
  private readonly statements: Database.Statement[] = [];
  private readonly tuple: string;

  constructor(
    private readonly database: Database.Database,
    private readonly head: string,
    columns: number,
  ) {
    this.tuple = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  }

  /** True when `count` rows go in one statement, which SQLite applies atomically without a transaction. */
  static isOneStatement(count: number): boolean {
    return count <= maxRowsPerStatement;
  }

  /** Inserts the rows; returns how many rows changed. Call inside a transaction unless isOneStatement. */
  run(rows: ReadonlyArray<readonly unknown[]>): number {
    let changes = 0;
    for (let start = 0; start < rows.length; start += maxRowsPerStatement) {
      const chunk = rows.slice(start, start + maxRowsPerStatement);
      changes += this.statement(chunk.length).run(...chunk.flat()).changes;
    }
    return changes;
  }

  private statement(count: number): Database.Statement {
    let statement = this.statements[count];
    if (statement === undefined) {
      statement = this.database.prepare(`${this.head} VALUES ${Array.from({ length: count }, () => this.tuple).join(", ")}`);
      this.statements[count] = statement;
    }
    return statement;
  }
}
