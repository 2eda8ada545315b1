import { describe, it, expect } from "vitest";
import { classifyError, MemoryRoutingStateStore, Router, type ClassifiedError } from "../../../src/routing/index.ts";
import { config, fakeClock, seeded } from "./fixtures.ts";

const rateLimited = (retryAfterMs?: number): ClassifiedError => ({
  errorClass: "rate_limit",
  status: 429,
  retryable: true,
  message: "slow down",
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});
const serverError: ClassifiedError = { errorClass: "server_error", status: 500, retryable: true, message: "boom" };
const request = { estimatedInputTokens: 100, estimatedOutputTokens: 50 };

function makeRouter(overrides: Parameters<typeof config>[0] | undefined = undefined) {
  const clock = fakeClock();
  const settings = config(
    overrides ?? {
      deployments: [
        { id: "a", provider: "openai", model: "gpt-4o-mini" },
        { id: "b", provider: "openai", model: "gpt-4o-mini" },
      ],
      model_groups: [{ name: "chat", deployments: ["a", "b"] }],
      cooldown: { allowed_fails: 2, window_seconds: 60, cooldown_seconds: 30, failure_rate_threshold: 0.5, min_requests_for_rate: 6 },
    },
  );
  const router = new Router({ config: settings, state: new MemoryRoutingStateStore(), now: clock.now, random: seeded(11) });
  return { router, clock };
}

describe("Router cooldowns", () => {
  it("cools a deployment down at once on 429 for exactly its Retry-After", async () => {
    const { router, clock } = makeRouter();
    const record = await router.recordFailure({ deployment: "a", classified: rateLimited(12_000) });
    expect(record.cooldownUntil).toBe(clock.now() + 12_000);
    expect(record.reason).toContain("Retry-After 12000 ms");
    clock.advance(11_999);
    expect((await router.select({ group: "chat", request })).candidates).toEqual(["b"]);
    clock.advance(1);
    expect((await router.select({ group: "chat", request })).candidates).toEqual(["a", "b"]);
  });

  it("allows allowed_fails failures in the window, cools down on the next", async () => {
    const { router } = makeRouter();
    expect((await router.recordFailure({ deployment: "a", classified: serverError })).cooldownUntil).toBeNull();
    expect((await router.recordFailure({ deployment: "a", classified: serverError })).cooldownUntil).toBeNull();
    const third = await router.recordFailure({ deployment: "a", classified: serverError });
    expect(third.cooldownUntil).not.toBeNull();
    expect(third.reason).toContain("3 failures in 60 s exceed allowed_fails 2");
  });

  it("extends a running cooldown when a new failure arrives during it", async () => {
    const { router, clock } = makeRouter();
    const start = clock.now();
    await router.recordFailure({ deployment: "a", classified: rateLimited(10_000) });
    clock.advance(8_000);
    const again = await router.recordFailure({ deployment: "a", classified: serverError });
    expect(again.cooldownUntil).toBe(start + 8_000 + 30_000);
    expect(again.reason).toContain("during cooldown");
    clock.advance(10_000);
    expect((await router.select({ group: "chat", request })).candidates).toEqual(["b"]);
  });

  it("cools down when the failure rate over min_requests reaches the threshold, not before", async () => {
    const { router } = makeRouter(
      config({
        deployments: [{ id: "a", provider: "openai", model: "gpt-4o-mini" }],
        model_groups: [{ name: "chat", deployments: ["a"] }],
        cooldown: { allowed_fails: 10, window_seconds: 60, cooldown_seconds: 30, failure_rate_threshold: 0.5, min_requests_for_rate: 6 },
      }),
    );
    await router.recordSuccess({ deployment: "a", latencyMs: 100 });
    // 2 of 3 failed (67 %) but 3 requests are too few to judge a rate.
    expect((await router.recordFailure({ deployment: "a", classified: serverError })).cooldownUntil).toBeNull();
    expect((await router.recordFailure({ deployment: "a", classified: serverError })).cooldownUntil).toBeNull();
    await router.recordSuccess({ deployment: "a", latencyMs: 100 });
    await router.recordSuccess({ deployment: "a", latencyMs: 100 });
    const record = await router.recordFailure({ deployment: "a", classified: { ...serverError, errorClass: "timeout" } });
    expect(record.cooldownUntil).not.toBeNull();
    expect(record.reason).toContain("failure rate 50% over 6 requests");
  });

  it("does not cool down on 401/404 but excludes the deployment for the request", async () => {
    const { router } = makeRouter();
    const record = await router.recordFailure({ deployment: "a", classified: { errorClass: "auth", status: 401, retryable: false, message: "bad key" } });
    expect(record).toMatchObject({ cooldownUntil: null, excludeForRequest: true });
    expect((await router.select({ group: "chat", request })).candidates).toEqual(["a", "b"]);
    const decision = router.decide({ group: "chat", errorClass: "auth", attempt: 1, sameDeploymentAttempts: 1, deadline: Number.MAX_SAFE_INTEGER });
    expect(decision).toMatchObject({ action: "next_deployment", excludeDeployment: true });
  });
});

describe("Router waiting and limits", () => {
  it("returns the wait until the earliest deployment recovers, instead of failing at once", async () => {
    const { router, clock } = makeRouter();
    await router.recordFailure({ deployment: "a", classified: rateLimited(5_000) });
    await router.recordFailure({ deployment: "b", classified: rateLimited(2_000) });
    const none = await router.select({ group: "chat", request });
    expect(none.deployment).toBeNull();
    expect(await router.waitForRecovery({ group: "chat", deadline: clock.now() + 10_000 })).toMatchObject({ waitMs: 2_000 });
    const late = await router.waitForRecovery({ group: "chat", deadline: clock.now() + 1_000 });
    expect(late.waitMs).toBeNull();
    expect(late.reason).toContain("past the request deadline");
    clock.advance(2_000);
    expect((await router.select({ group: "chat", request })).deployment?.id).toBe("b");
  });

  it("route() acquires a lease and holds rpm across requests, then reports when room returns", async () => {
    const { router, clock } = makeRouter(
      config({
        deployments: [{ id: "solo", provider: "ollama", model: "llama3.1", limits: { rpm: 2 } }],
        model_groups: [{ name: "local", deployments: ["solo"] }],
      }),
    );
    const first = await router.route({ group: "local", request });
    clock.advance(1_000);
    const second = await router.route({ group: "local", request });
    expect(first.lease).not.toBeNull();
    expect(second.lease).not.toBeNull();
    const third = await router.route({ group: "local", request });
    expect(third.lease).toBeNull();
    expect(third.selection.earliestRecoveryAt).toBe(clock.now() - 1_000 + 60_000);
  });

  it("feeds latency into the latency strategy and status()", async () => {
    const { router } = makeRouter(
      config({
        deployments: [
          { id: "a", provider: "openai", model: "gpt-4o-mini" },
          { id: "b", provider: "openai", model: "gpt-4o-mini" },
        ],
        model_groups: [{ name: "chat", deployments: ["a", "b"], strategy: "latency", strategy_options: { latency_buffer: 0 } }],
      }),
    );
    await router.recordSuccess({ deployment: "a", latencyMs: 900 });
    await router.recordSuccess({ deployment: "b", latencyMs: 150 });
    expect((await router.select({ group: "chat", request })).deployment?.id).toBe("b");
    const status = await router.status();
    expect(status.find((item) => item.id === "a")).toMatchObject({ latencyMs: 900, coolingDown: false, healthy: true });
  });

  it("classifies and records a real error end to end", async () => {
    const { router } = makeRouter();
    const error = Object.assign(new Error("Rate limit reached"), { status: 429, headers: new Headers({ "retry-after": "3" }) });
    const record = await router.recordFailure({ deployment: "b", classified: classifyError(error) });
    expect(record.reason).toContain("Retry-After 3000 ms");
  });

  it("names the declared groups when asked for an unknown one", async () => {
    const { router } = makeRouter();
    await expect(router.select({ group: "chta", request })).rejects.toThrow(/model group "chta" is not declared; declared groups: chat/);
  });
});

describe("Router health", () => {
  it("asks isHealthy per deployment only while the monitor counts an unhealthy deployment", async () => {
    const settings = config({
      deployments: [
        { id: "a", provider: "openai", model: "gpt-4o-mini" },
        { id: "b", provider: "openai", model: "gpt-4o-mini" },
      ],
      model_groups: [{ name: "chat", deployments: ["a", "b"] }],
    });
    let asked = 0;
    const health = {
      unhealthyCount: 0,
      isHealthy: (id: string) => {
        asked += 1;
        return id !== "a";
      },
    };
    const router = new Router({ config: settings, now: fakeClock().now, random: seeded(1), health });
    expect((await router.select({ group: "chat", request })).candidates).toEqual(["a", "b"]);
    expect(asked).toBe(0);
    health.unhealthyCount = 1;
    expect((await router.select({ group: "chat", request })).candidates).toEqual(["b"]);
    expect(asked).toBe(2);
  });
});
