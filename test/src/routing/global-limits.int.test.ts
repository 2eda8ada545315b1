import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createRoutingStateStore, Router } from "../../../src/routing/index.ts";
import { redisUrl, runScopedName, serviceAvailable } from "../../support/services.ts";
import { config, deployment, fakeClock, group, seeded } from "./fixtures.ts";

const available = await serviceAvailable("redis");

/**
 * Limits and cooldowns across replicas: three routers, each with a routing state of its own connection (as three
 * `switchyard serve` processes would build from one switchyard.yaml), on one Redis key prefix.
 */
describe.skipIf(!available)("global limits across 3 replicas on one Redis", () => {
  const prefix = runScopedName("switchyard_test_global");
  const routers: Router[] = [];
  afterEach(async () => {
    await Promise.all(routers.splice(0).map((router) => router.state.close()));
  });
  afterAll(async () => {
    const client = new Redis(redisUrl);
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  /** Three replicas; each clock is the shared one off by its own skew, as NTP-synchronised hosts are. */
  function replicas(name: string, limits: { rpm?: number; tpm?: number; max_concurrent?: number }, now: () => number, skews = [0, 12, -9]): Router[] {
    const shared = config({
      deployments: [deployment("limited", { limits }), deployment("spare")],
      model_groups: [group("chat", ["limited"]), group("pair", ["limited", "spare"])],
      routing_state: { backend: "redis", url: redisUrl, key_prefix: `${prefix}:${name}` },
    });
    const made = skews.map((skew, index) => new Router({ config: shared, state: createRoutingStateStore(shared), now: () => now() + skew, random: seeded(index + 1) }));
    routers.push(...made);
    return made;
  }

  it("holds rpm N within 1 % over every 60 s window, not 3N", async () => {
    const rpm = 200;
    const clock = fakeClock(5_000_000);
    const fleet = replicas("rpm", { rpm }, clock.now);
    const admittedAt: number[] = [];
    const request = { estimatedInputTokens: 10, estimatedOutputTokens: 10 };
    // 3 minutes at 3 replicas x 3 requests every 250 ms: 2,160 requests a minute offered against 200.
    for (let step = 0; step < 720; step += 1) {
      const attempts = fleet.flatMap((router) => [0, 1, 2].map(() => router.route({ group: "chat", request })));
      for (const { lease } of await Promise.all(attempts)) {
        if (lease === null) continue;
        admittedAt.push(clock.now());
        await fleet[0]!.release(lease, 20);
      }
      clock.advance(250);
    }
    admittedAt.sort((left, right) => left - right);
    let most = 0;
    for (let start = 0; start < admittedAt.length; start += 1) {
      let end = start;
      while (end < admittedAt.length && admittedAt[end]! < admittedAt[start]! + 60_000) end += 1;
      most = Math.max(most, end - start);
    }
    expect(most).toBeLessThanOrEqual(Math.floor(rpm * 1.01));
    expect(most).toBeGreaterThanOrEqual(Math.ceil(rpm * 0.99));
    // Over three whole windows the fleet admits about 3N in total, never 3N per window.
    expect(Math.abs(admittedAt.length - 3 * rpm)).toBeLessThanOrEqual(3 * rpm * 0.01);
  });

  it("holds max_concurrent across replicas", async () => {
    const clock = fakeClock(7_000_000);
    const fleet = replicas("concurrent", { max_concurrent: 5 }, clock.now);
    const request = { estimatedInputTokens: 1, estimatedOutputTokens: 1 };
    const routed = await Promise.all(fleet.flatMap((router) => Array.from({ length: 10 }, () => router.route({ group: "chat", request }))));
    const leases = routed.flatMap(({ lease }) => (lease === null ? [] : [lease]));
    expect(leases).toHaveLength(5);
    await fleet[1]!.release(leases[0]!);
    expect((await fleet[2]!.route({ group: "chat", request })).lease).not.toBeNull();
    expect((await fleet[0]!.route({ group: "chat", request })).lease).toBeNull();
  });

  it("holds tpm across replicas: the tokens admitted in a window stay within the limit", async () => {
    const clock = fakeClock(8_000_000);
    const fleet = replicas("tpm", { tpm: 10_000 }, clock.now);
    const request = { estimatedInputTokens: 300, estimatedOutputTokens: 100 };
    const routed = await Promise.all(fleet.flatMap((router) => Array.from({ length: 40 }, () => router.route({ group: "chat", request }))));
    // 25 requests of 400 tokens fill 10,000 exactly; the 95 others are refused whichever replica they reach.
    expect(routed.filter(({ lease }) => lease !== null)).toHaveLength(25);
  });

  it("honours on B and C a cooldown tripped through A, and lifts it for all when it ends", async () => {
    const clock = fakeClock(9_000_000);
    const [first, second, third] = replicas("cooldown", {}, clock.now, [0, 0, 0]);
    const request = { estimatedInputTokens: 1, estimatedOutputTokens: 1 };
    const chosen = async (router: Router): Promise<string | undefined> => (await router.select({ group: "pair", request })).deployment?.id;
    const record = await first!.recordFailure({ deployment: "limited", classified: { errorClass: "rate_limit", status: 429, retryAfterMs: 30_000, retryable: true, message: "429" } });
    expect(record.cooldownUntil).toBe(clock.now() + 30_000);
    for (let index = 0; index < 30; index += 1) {
      expect(await chosen(second!)).toBe("spare");
      expect(await chosen(third!)).toBe("spare");
    }
    expect((await third!.status()).find((entry) => entry.id === "limited")?.coolingDown).toBe(true);
    clock.advance(30_001);
    const picks = new Set<string | undefined>();
    for (let index = 0; index < 30; index += 1) picks.add(await chosen(index % 2 === 0 ? second! : third!));
    expect(picks.has("limited")).toBe(true);
  });
});
