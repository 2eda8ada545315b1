import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { FORMAT_VERSION } from "../../../checkpoints/index.ts";
import { failed, passed, type DoctorFinding } from "./doctor-finding.ts";

/** Free and total bytes of the file system holding a path (`fs.statfs`; tests inject a full disk). */
export type DiskReader = (directory: string) => Promise<{ freeBytes: number; totalBytes: number }>;

export const statfsReader: DiskReader = async (directory) => {
  const stats = await fs.promises.statfs(directory);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
};

/** What `PRAGMA quick_check` returns: "ok", or one row per problem found. */
const quickCheckRows = z.array(z.object({ quick_check: z.string() }));

const isFile = (url: string) => url !== ":memory:" && !/^postgres(ql)?:\/\//.test(url);

/**
 * The SQLite checkpoint file: opened read-only (doctor changes nothing), `PRAGMA quick_check` (the
 * integrity check without the index cross-checks, fast on big files), and the format in `user_version`
 * against the one this build reads.
 */
export function checkCheckpointFile(url: string): DoctorFinding {
  if (!isFile(url)) return passed("checkpoints", url === ":memory:" ? "in memory: nothing to check" : "on Postgres (see the postgres check)");
  if (!fs.existsSync(url)) return passed("checkpoints", `${url} does not exist yet (created on the first run)`);
  let database: Database.Database | undefined;
  try {
    database = new Database(url, { readonly: true, fileMustExist: true });
    const rows = quickCheckRows.safeParse(database.pragma("quick_check"));
    if (!rows.success) return corrupt(url, "PRAGMA quick_check answered in an unexpected shape");
    const problems = rows.data.map((row) => row.quick_check).filter((line) => line !== "ok");
    if (problems.length > 0) return corrupt(url, problems.slice(0, 3).join("; "));
    const version = Number(database.pragma("user_version", { simple: true }));
    if (version > FORMAT_VERSION) {
      return failed("checkpoints", `${url} is in format ${version}, newer than the ${FORMAT_VERSION} this switchyard reads`, "upgrade switchyard to the version that wrote the file, or point checkpoints.url at another file");
    }
    return passed("checkpoints", `${url}: integrity ok, format ${version}${version < FORMAT_VERSION ? ` (migrated to ${FORMAT_VERSION} on the next start)` : ""}`);
  } catch (error) {
    return corrupt(url, error instanceof Error ? error.message : String(error));
  } finally {
    database?.close();
  }
}

function corrupt(url: string, detail: string): DoctorFinding {
  return failed("checkpoints", `${url} is damaged: ${detail}`, `stop switchyard, move ${url} aside (keep it for recovery with sqlite3 .recover) and restore it from a backup, or start with a new file`);
}

/** Free space where the checkpoint file (or the current directory) lives: under 1 GiB or 5 % is a failure. */
export async function checkDisk(url: string, readDisk: DiskReader): Promise<DoctorFinding> {
  let directory = path.resolve(isFile(url) ? path.dirname(url) : ".");
  while (!fs.existsSync(directory) && path.dirname(directory) !== directory) directory = path.dirname(directory);
  const { freeBytes, totalBytes } = await readDisk(directory);
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  const share = totalBytes > 0 ? freeBytes / totalBytes : 1;
  if (freeBytes < 2 ** 30 || share < 0.05) {
    return failed("disk", `${gib(freeBytes)} free of ${gib(totalBytes)} (${(share * 100).toFixed(1)} %) at ${directory}`, "free space there (old bench output, logs, a VACUUM of the checkpoint file) or move checkpoints.url to a larger disk: SQLite fails writes when the disk fills");
  }
  return passed("disk", `${gib(freeBytes)} free (${(share * 100).toFixed(0)} %) at ${directory}`);
}
