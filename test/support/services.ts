import net from "node:net";
import pg from "pg";

/**
 * Tests that need the machine's Postgres or Redis. On CI (.ci/run sets SWITCHYARD_REQUIRE_SERVICES=1) a
 * missing service fails the run; elsewhere those tests skip with a message saying how to enable them.
 */
export const servicesRequired = process.env.SWITCHYARD_REQUIRE_SERVICES === "1";

export const postgresUrl = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const redisUrl = process.env.SWITCHYARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function reachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Resolves whether tests for a service should run. Throws when the service is required but absent, so CI
 * goes red instead of silently skipping.
 */
export async function serviceAvailable(name: "postgres" | "redis"): Promise<boolean> {
  const url = new URL(name === "postgres" ? postgresUrl : redisUrl);
  const port = Number(url.port || (name === "postgres" ? 5432 : 6379));
  const up = await reachable(url.hostname, port);
  if (up) return true;
  const hint = `${name} is not reachable at ${url.host}`;
  if (servicesRequired) throw new Error(`${hint}, and SWITCHYARD_REQUIRE_SERVICES=1 requires it. Start ${name} or unset the flag.`);
  console.warn(`skipping ${name} tests: ${hint}. Start ${name} there (or set SWITCHYARD_TEST_${name.toUpperCase()}_URL) to run them.`);
  return false;
}

/** A name unique to this test run, for schemas, tables and key prefixes that the test drops afterwards. */
export function runScopedName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}`;
}

/** Drops a schema a test made in the machine's Postgres (each run owns its schema; see runScopedName). */
export async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
