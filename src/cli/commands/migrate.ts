import { migrateSqliteToPostgres, type MigrateSummary } from "../../../checkpoints/migrate.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { commandFlags } from "../command-flags.ts";
import { EXIT_CODES } from "../exit-codes.ts";
import { renderTable } from "../table.ts";

const usage = `usage: switchyard migrate --from .switchyard/state.db --to postgresql://user@host:5432/db [--schema public] [--verify history|latest] [--concurrency 4] [--json]
  copies every thread's checkpoints (all namespaces, full history, pending writes, metadata) and every store item
  into the official Postgres saver and store tables, then reads them back and compares. Safe to re-run: what the
  target already holds is skipped. Exit 0 when verified equal, 3 when any difference remains (listed).`;

/** The summary as a table a person reads after a migration. */
export function formatMigrateSummary(summary: MigrateSummary): string {
  const { checkpoints, store, verify } = summary;
  const table = renderTable(
    ["what", "in source", "copied", "already there", "compared", "differences"],
    [
      ["checkpoints", checkpoints.copied + checkpoints.skipped, checkpoints.copied, checkpoints.skipped, verify.checkpointsCompared, ""],
      ["pending writes", "", checkpoints.writes, "", "", ""],
      ["store items", store.items, store.copied, store.skipped, verify.itemsCompared, ""],
      ["total", "", "", "", "", verify.mismatchCount],
    ],
  );
  const verdict = verify.mismatchCount === 0 ? "verified equal" : `NOT equal: ${verify.mismatchCount} difference(s)\n  ${verify.mismatches.join("\n  ")}`;
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
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatMigrateSummary(summary));
  return summary.verify.mismatchCount === 0 ? EXIT_CODES.succeeded : EXIT_CODES.failed;
}
