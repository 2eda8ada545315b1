/**
 * SQLITE_BUSY can still escape busy_timeout in WAL mode (a read transaction upgraded to a write after another
 * process committed gets SQLITE_BUSY_SNAPSHOT at once, without waiting). Those are safe to retry from the top
 * of the transaction, so the caller never sees "database is locked".
 */
export interface BusyRetryOptions {
  /** Attempts after the first; default 8. */
  retries?: number;
  /** Waits between attempts; injected so tests need no real sleeps. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Jitter source in [0, 1); default Math.random (spreads processes that collided apart). */
  random?: () => number;
}

const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** True for the SQLite errors that mean "someone else holds the lock, try again". */
export function isBusyError(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/**
 * Runs `work` (a whole transaction) and retries it with a growing, jittered back-off while SQLite reports
 * the database busy.
 *
 * @example
 * await withBusyRetry(() => db.transaction(() => insert.run(row)).immediate());
 */
export async function withBusyRetry<T>(work: () => T, options: BusyRetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 8;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return work();
    } catch (error) {
      if (!isBusyError(error) || attempt >= retries) throw error;
      await sleep(Math.min(200, 5 * 2 ** attempt) * (0.5 + random() / 2));
    }
  }
}
