import { migrateSqliteToPostgres, type MigrateSummary } from "../../../checkpoints/migrate.ts";
import { migrateServerTables, type ServerTableCopy } from "../../server/state/migrate-server-tables.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { commandFlags } from "../command-flags.ts";
import { EXIT_CODES } from "../exit-codes.ts";
import { renderTable } from "../table.ts";

const usage = `usage: switchyard migrate --from .switchyard/state.db --to postgresql://user@host:5432/db [--schema public] [--verify history|latest] [--concurrency 4] [--json]
  copies every thread's checkpoints (all namespaces, full history, pending writes, metadata) and every store item
  into the official Postgres saver and store tables, and the server's own tables (threads, runs and their queue,
  crons, assistants) into its Postgres tables, then reads them back and compares. Safe to re-run: what the
  target already holds is skipped. Exit 0 when verified equal, 3 when any difference remains (listed).`;

/** Server-table rows whose key the target does not hold after the copy. */
function serverTableGaps(server: readonly ServerTableCopy[]): string[] {
  return server.filter((copy) => copy.verified !== copy.source).map((copy) => `${copy.table}: ${copy.source - copy.verified} of ${copy.source} rows missing in the target`);
}

/** The summary as a table a person reads after a migration. */
export function formatMigrateSummary(summary: MigrateSummary, server: readonly ServerTableCopy[] = []): string {
  const { checkpoints, store, verify } = summary;
  const gaps = serverTableGaps(server);
  const table = renderTable(
    ["what", "in source", "copied", "already there", "compared", "differences"],
    [
      ["checkpoints", checkpoints.copied + checkpoints.skipped, checkpoints.copied, checkpoints.skipped, verify.checkpointsCompared, ""],
      ["pending writes", "", checkpoints.writes, "", "", ""],
      ["store items", store.items, store.copied, store.skipped, verify.itemsCompared, ""],
      ...server.map((copy) => [copy.table, copy.source, copy.copied, copy.source - copy.copied, copy.verified, copy.source - copy.verified]),
      ["total", "", "", "", "", verify.mismatchCount + gaps.length],
    ],
  );
  const differences = [...verify.mismatches, ...gaps];
  const verdict = differences.length === 0 ? "verified equal" : `NOT equal: ${verify.mismatchCount + gaps.length} difference(s)\n  ${differences.join("\n  ")}`;
  return `${table}\n${summary.threads} threads in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${verdict}`;
}

/** `switchyard migrate --from FILE --to postgres://…`: progress on stderr, the summary on stdout. */
export async function migrateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("migrate", argv, commandFlags.migrate);
  if (values.help) {
    console.log(usage);
    return EXIT_CODES.succeeded;
  }
  if (positionals.length > 0) throw new UsageError(`switchyard migrate takes no positional arguments, got "${positionals.join(" ")}". Fix: ${usage}`);
  if (values.from === undefined || values.to === undefined) throw new UsageError(`switchyard migrate needs --from and --to (missing ${values.from === undefined ? "--from" : "--to"}). Fix: ${usage}`);
  const verify = values.verify ?? "history";
  if (verify !== "history" && verify !== "latest") throw new UsageError(`switchyard migrate: --verify ${JSON.stringify(verify)} is not one of history, latest. Fix: --verify history (every checkpoint) or --verify latest (each thread's latest state).`);
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`switchyard migrate: --concurrency ${JSON.stringify(values.concurrency)} must be an integer from 1 to 64. Fix: e.g. --concurrency 4.`);
  const summary = await migrateSqliteToPostgres({
    from: values.from,
    to: values.to,
    ...(values.schema === undefined ? {} : { schema: values.schema }),
    verify,
    concurrency,
    onProgress: (line) => console.error(line),
  });
  const server = await migrateServerTables({ from: values.from, to: values.to, ...(values.schema === undefined ? {} : { schema: values.schema }) });
  console.log(values.json ? JSON.stringify({ ...summary, serverTables: server }, null, 2) : formatMigrateSummary(summary, server));
  return summary.verify.mismatchCount === 0 && serverTableGaps(server).length === 0 ? EXIT_CODES.succeeded : EXIT_CODES.failed;
}
