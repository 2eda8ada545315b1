import type { ConfigProblem } from "./config-error.ts";

/** The `checkpoints.url` the user wrote, if any (the parsed config cannot tell it from the default). */
function writtenCheckpointsUrl(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null || !("checkpoints" in raw)) return undefined;
  const checkpoints = raw.checkpoints;
  if (typeof checkpoints !== "object" || checkpoints === null || !("url" in checkpoints)) return undefined;
  return typeof checkpoints.url === "string" ? checkpoints.url : undefined;
}

/**
 * `storage:` is the one switch for everything the server keeps (checkpoints, store, leases, threads, runs,
 * crons, assistants); `checkpoints.url` is its older spelling and still works alone. Both written and
 * different is refused: half the state in one database and half in another is two systems. Sets
 * `checkpoints.url` to `storage` so everything that reads it follows.
 *
 * @example
 * const problems = resolveStorage({ storage: "postgres://db/app" }, config); // config.checkpoints.url === "postgres://db/app"
 */
export function resolveStorage(raw: unknown, config: { storage?: string | undefined; checkpoints: { url: string } }): ConfigProblem[] {
  if (config.storage === undefined) return [];
  const written = writtenCheckpointsUrl(raw);
  if (written !== undefined && written !== config.storage) {
    return [
      {
        path: "storage",
        value: config.storage,
        message: `storage (${config.storage}) and checkpoints.url (${written}) name different places; the server would keep its state in two`,
        fix: "keep only storage: (it covers checkpoints too), or make both the same",
      },
    ];
  }
  config.checkpoints.url = config.storage;
  return [];
}
