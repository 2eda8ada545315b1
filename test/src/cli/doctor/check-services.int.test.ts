import { describe, expect, it } from "vitest";
import { checkPostgres, checkRedis } from "../../../../src/cli/doctor/check-services.ts";
import { postgresUrl, redisUrl, serviceAvailable } from "../../../support/services.ts";

// The machine's Postgres and Redis (skipped with a message locally when absent, required in CI): a reachable
// service passes, so the "down" findings of run-doctor.int.test.ts are about the service, not the check.
const postgresUp = await serviceAvailable("postgres");
const redisUp = await serviceAvailable("redis");

describe("doctor's service checks against running services", () => {
  it.runIf(postgresUp)("Postgres that answers passes, its URL shown", async () => {
    expect(await checkPostgres(postgresUrl)).toMatchObject({ check: "postgres", ok: true, message: expect.stringMatching(/answers$/) });
  });

  it.runIf(redisUp)("Redis that answers PING passes", async () => {
    expect(await checkRedis(redisUrl)).toMatchObject({ check: "redis", ok: true, message: expect.stringMatching(/answers PING$/) });
  });
});
