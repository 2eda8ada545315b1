import { Redis } from "ioredis";
import pg from "pg";
import { failed, passed, PROBE_TIMEOUT_MS, type DoctorFinding } from "./doctor-finding.ts";

/** The URL with any password replaced, for messages. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));

/** Postgres (checkpoints.url): connect and `SELECT 1`. */
export async function checkPostgres(url: string): Promise<DoctorFinding> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  // A connection that dies after the check must not crash the process with an unhandled 'error'.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return passed("postgres", `${shown(url)} answers`);
  } catch (error) {
    return failed("postgres", `cannot reach ${shown(url)}: ${reason(error)}`, "start Postgres there, or correct checkpoints.url (host, port, user, database); `psql URL -c 'select 1'` must work from this host");
  } finally {
    await client.end().catch(() => {});
  }
}

/** Redis (routing_state.url): connect once, no retries, and PING. */
export async function checkRedis(url: string): Promise<DoctorFinding> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: PROBE_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let lastError: unknown;
  redis.on("error", (error: unknown) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return passed("redis", `${shown(url)} answers PING`);
  } catch (error) {
    return failed("redis", `cannot reach ${shown(url)}: ${reason(lastError ?? error)}`, "start Redis there, or correct routing_state.url; or set routing_state.backend: memory for a single replica");
  } finally {
    redis.disconnect();
  }
}
