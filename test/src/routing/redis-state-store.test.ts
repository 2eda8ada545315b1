import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { Redis } from "ioredis";
import { RedisRoutingStateStore } from "../../../src/routing/index.ts";
import { redisUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { routingStateCases } from "./state-cases.ts";

const available = await serviceAvailable("redis");

describe.skipIf(!available)("RedisRoutingStateStore", () => {
  const prefix = runScopedName("switchyard_test_routing");
  let client: Redis;

  beforeAll(() => {
    client = new Redis(redisUrl);
  });
  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  describe("shared cases", () => {
    let run = 0;
    routingStateCases(async () => {
      run += 1;
      return new RedisRoutingStateStore({ redis: client, keyPrefix: `${prefix}:case${run}` });
    });
  });

  it("holds an rpm limit across two replicas with their own connections", async () => {
    const first = new RedisRoutingStateStore({ redis: redisUrl, keyPrefix: `${prefix}:fleet` });
    const second = new RedisRoutingStateStore({ redis: redisUrl, keyPrefix: `${prefix}:fleet` });
    try {
      const limits = { rpm: 5 };
      const attempts = Array.from({ length: 12 }, (_, index) =>
        (index % 2 === 0 ? first : second).acquire({ deploymentId: "shared", leaseId: `lease-${index}`, tokens: 1, limits, now: 10_000, leaseTtlMs: 60_000 }),
      );
      const results = await Promise.all(attempts);
      expect(results.filter((result) => result.ok)).toHaveLength(5);
      const [seenByFirst] = await first.snapshot(["shared"], 10_001);
      expect(seenByFirst?.requestsInWindow).toBe(5);
    } finally {
      await first.clear();
      await first.close();
      await second.close();
    }
  });

  it("shares cooldowns between replicas", async () => {
    const first = new RedisRoutingStateStore({ redis: client, keyPrefix: `${prefix}:cool` });
    const second = new RedisRoutingStateStore({ redis: client, keyPrefix: `${prefix}:cool` });
    await first.setCooldown("gpt", 50_000, "rate limited");
    expect((await second.snapshot(["gpt"], 1_000))[0]).toMatchObject({ cooldownUntil: 50_000, cooldownReason: "rate limited" });
    await first.clear();
  });
});
