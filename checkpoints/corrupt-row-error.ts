import { SwitchyardError } from "../src/errors.ts";

/**
 * A row read back from the database that does not parse: damaged bytes, a hand edit, or a serializer that
 * no longer understands what an older one wrote. Names the file, the table and the row.
 *
 * @example
 * await saver.getTuple(config).catch((error) => {
 *   if (error instanceof CorruptRowError) console.error(error.table, error.rowKey);
 * });
 */
export class CorruptRowError extends SwitchyardError {
  readonly file: string;
  readonly table: string;
  readonly rowKey: string;

  constructor(
    kind: "checkpoint" | "store",
    details: { file: string; table: string; rowKey: string; problem: string },
    options: { cause?: unknown } = {},
  ) {
    const fix =
      kind === "checkpoint"
        ? "restore the file from a backup, or drop the thread with saver.deleteThread(threadId) and start it again"
        : "restore the file from a backup, or delete the item with store.delete(namespace, key) and write it again";
    super(
      kind === "checkpoint" ? "checkpoint_invalid" : "store_invalid",
      `${details.file}: row ${details.rowKey} in table ${details.table} is corrupt (${details.problem}). To fix: ${fix}.`,
      options,
    );
    this.file = details.file;
    this.table = details.table;
    this.rowKey = details.rowKey;
  }
}
