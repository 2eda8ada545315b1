import fs from "node:fs";
import { commandFlags } from "../command-flags.ts";
import { importLitellm, type ImportNote } from "../../config/litellm-import.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { EXIT_CODES } from "../exit-codes.ts";
import { renderTable } from "../table.ts";

const usage = "usage: switchyard import litellm FILE [--out switchyard.yaml]\n  maps a LiteLLM proxy config to switchyard.yaml and lists every setting with no equivalent";

/** The report: what was approximated and what was not imported, with why; mapped settings counted. */
export function formatImportNotes(notes: readonly ImportNote[]): string {
  const mapped = notes.filter((note) => note.status === "mapped").length;
  const others = notes.filter((note) => note.status !== "mapped");
  const table = others.length === 0 ? "" : `\n${renderTable(["setting", "status", "switchyard", "note"], others.map((note) => [note.path, note.status.replace("_", " "), note.to ?? "-", note.note ?? ""]))}`;
  return `${mapped} setting(s) mapped, ${others.filter((note) => note.status === "approximated").length} approximated, ${others.filter((note) => note.status === "not_imported").length} not imported${table}`;
}

/**
 * `switchyard import litellm FILE`: switchyard.yaml on stdout (or in --out), the report of every setting
 * on stderr (or stdout with --out), so `> switchyard.yaml` captures only the config.
 */
export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("import", argv, commandFlags.import);
  if (values.help) {
    console.log(usage);
    return EXIT_CODES.succeeded;
  }
  const [source, file] = positionals;
  if (source !== "litellm" || file === undefined || positionals.length !== 2) throw new UsageError(`switchyard import: expected "import litellm FILE", got "${positionals.join(" ")}". Fix: ${usage}`);
  if (!fs.existsSync(file)) throw new UsageError(`switchyard import litellm: no file ${file}. Fix: pass the LiteLLM proxy's config.yaml.`);
  const imported = importLitellm(fs.readFileSync(file, "utf8"), file);
  const report = formatImportNotes(imported.notes);
  if (values.out === undefined) {
    process.stdout.write(imported.yaml);
    console.error(report);
  } else {
    fs.writeFileSync(values.out, imported.yaml);
    console.log(`wrote ${values.out}\n${report}`);
  }
  return EXIT_CODES.succeeded;
}
