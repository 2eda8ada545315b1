import { describe, expect, it } from "vitest";
import type { Gateway } from "../../graphs/index.ts";
import { defaultConfigInput, type SwitchyardConfigInput } from "../../src/config/index.ts";
import { quietProfile, type RunningEmulators } from "../../src/emulators/index.ts";
import type { GatewayStateValue } from "../../src/state/gateway-state.ts";
import { warpedTime } from "../support/test-clocks.ts";
import { harness } from "./routing-harness.ts";

const requestCount = Number(process.env.ROUTING_FAULT_REQUESTS ?? 1_000);

function withTimeout(input: SwitchyardConfigInput, deploymentId: string, timeoutMs: number): SwitchyardConfigInput {
  return { ...input, deployments: input.deployments.map((deployment) => (deployment.id === deploymentId ? { ...deployment, timeout_ms: timeoutMs } : deployment)) };
}

/** Every attempt has a reason; every failure its error class and message; the run ended by its deadline. */
function expectExplained(state: GatewayStateValue, endedAt: number): void {
  expect(endedAt).toBeLessThanOrEqual(state.deadline_at!);
  for (const attempt of state.attempts) {
    expect(attempt.reason.length).toBeGreaterThan(0);
    if (attempt.outcome !== "ok") {
      expect(attempt.error_class).toBeDefined();
      expect(attempt.message?.length).toBeGreaterThan(0);
    }
  }
  // A request the router never reached (the 0.1 % the success goal allows, e.g. a deadline spent queueing on
  // a loaded machine) has no route decision; it must still say why it failed.
  if (state.route_decision === undefined && state.status === "failed") {
    expect(state.error?.message.length, JSON.stringify({ error: state.error, attempts: state.attempts.length })).toBeGreaterThan(0);
    return;
  }
  expect(state.route_decision?.reason.length, JSON.stringify({ status: state.status, error: state.error })).toBeGreaterThan(0);
}

describe("the router subgraph under emulator faults", () => {
  it(`succeeds on >= 99.9% of ${requestCount} requests with 30% 5xx, a 429 storm, timeouts and dropped streams while Ollama stays healthy`, async () => {
    const profile = quietProfile();
    profile.backends.openai.errors = { ...profile.backends.openai.errors, serverError: 0.3, timeout: 0.05, timeoutMs: 5_000 };
    profile.backends.gemini.errors = { ...profile.backends.gemini.errors, rateLimit: 0.6, retryAfterSeconds: 2, droppedStream: 0.1 };
    // The emulator holds a timed-out request before its first byte (5 s of real time); a 5 s timeout on the
    // warped clock (1 s real) catches that without cutting healthy streams on a loaded machine (a cut after
    // the first token surfaces, by design).
    // Five times real speed: Retry-After, backoff and cooldowns pass quickly, and concurrent waits overlap;
    // call timeouts run on the same warped clock, so no call outlives its request's deadline.
    const { run, gateway, time } = await harness(profile, withTimeout(defaultConfigInput(), "openai-gpt-4o-mini", 5_000), undefined, warpedTime(5));
    try {
      const results: Array<{ state: GatewayStateValue; endedAt: number }> = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < requestCount) results.push(await run(next++));
        }),
      );
      const succeeded = results.filter(({ state }) => state.status === "succeeded").length;
      // A miss names the first failures (error and attempts), so a run on a loaded machine can be read back.
      const failures = results
        .filter(({ state }) => state.status !== "succeeded")
        .slice(0, 3)
        .map(({ state }) => JSON.stringify({ error: state.error, attempts: state.attempts.map((attempt) => [attempt.deployment, attempt.error_class, attempt.message?.slice(0, 120)]) }));
      expect(succeeded / requestCount, failures.join("\n")).toBeGreaterThanOrEqual(0.999);
      for (const { state, endedAt } of results) expectExplained(state, endedAt);
      const classes = new Set(results.flatMap(({ state }) => state.attempts.map((attempt) => attempt.error_class)).filter(Boolean));
      expect([...classes]).toEqual(expect.arrayContaining(["server_error", "rate_limit"]));
      // Which backend the router favours shifts with machine load, so how many timeouts and drops the emulators
      // inject varies; every one injected must come back classified.
      const injected = (outcome: string) => (gateway.engine.emulators?.stats().rows ?? []).filter((row) => row.outcome === outcome).reduce((sum, row) => sum + row.count, 0);
      const cuts = injected("timeout") + injected("droppedStream");
      if (cuts > 0) expect(classes.has("timeout") || classes.has("stream_dropped"), `${cuts} timeouts and drops injected`).toBe(true);
      const decisions = new Set(results.map(({ state }) => state.route_decision?.action));
      expect(decisions.has("success")).toBe(true);
      // Sleeps are backoff, Retry-After and cooldown waits; none may be longer than a request's whole budget.
      expect(Math.max(0, ...time.slept)).toBeLessThan(60_000);
      expect(gateway.engine.emulators?.stats()).toBeDefined();
    } finally {
      await gateway.close();
    }
  }, 900_000);

  it("keeps a deployment out for exactly its Retry-After during a 429 storm", async () => {
    const profile = quietProfile();
    // OpenAI's SDK error carries the Retry-After header; Gemini's does not (see the README section).
    profile.backends.openai.errors = { ...profile.backends.openai.errors, rateLimit: 1, retryAfterSeconds: 7 };
    const { run, gateway, planner, time } = await harness(profile);
    try {
      const results = [];
      for (let index = 0; index < 30; index += 1) results.push(await run(index));
      expect(results.every(({ state }) => state.status === "succeeded")).toBe(true);
      const stormed = results.flatMap(({ state }) => state.attempts).filter((attempt) => attempt.deployment === "openai-gpt-4o-mini");
      expect(stormed.length).toBeGreaterThan(0);
      expect(stormed.every((attempt) => attempt.error_class === "rate_limit" && attempt.retry_after_ms === 7_000)).toBe(true);
      const openai = (await planner.router.status()).find((status) => status.id === "openai-gpt-4o-mini")!;
      expect(openai.coolingDown).toBe(true);
      expect(openai.cooldownUntil - time.now()).toBeLessThanOrEqual(7_000);
      // One 429 per cooldown window at most: the storm does not eat every request's first attempt.
      expect(stormed.length).toBeLessThanOrEqual(2);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  it("extends a cooldown when the deployment fails again during it", async () => {
    const profile = quietProfile();
    profile.backends.openai.errors.serverError = 1;
    const config = { ...defaultConfigInput(), cooldown: { allowed_fails: 0, cooldown_seconds: 5 } };
    const { run, gateway, planner, time } = await harness(profile, config);
    try {
      const pinned = { deployment: "openai-gpt-4o-mini", max_attempts: 1 };
      const first = await run(0, pinned);
      expect(first.state.status).toBe("failed");
      const cooling = (await planner.router.status()).find((status) => status.id === "openai-gpt-4o-mini")!;
      expect(cooling.cooldownUntil).toBeGreaterThan(time.now());
      await time.sleep(2_000);
      await run(1, pinned);
      const extended = (await planner.router.status()).find((status) => status.id === "openai-gpt-4o-mini")!;
      expect(extended.cooldownUntil).toBeGreaterThanOrEqual(cooling.cooldownUntil + 2_000);
      expect(extended.cooldownUntil - time.now()).toBeLessThanOrEqual(5_000);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  it("waits for the first deployment to recover when all of them are cooling down, within the deadline", async () => {
    const profile = quietProfile();
    for (const backend of ["openai", "gemini", "ollama"] as const) {
      profile.backends[backend].errors = { ...profile.backends[backend].errors, rateLimit: 1, retryAfterSeconds: 3 };
    }
    let healed = false;
    const box: { gateway?: Gateway<RunningEmulators> } = {};
    const { run, gateway, time } = await harness(profile, defaultConfigInput(), (ms) => {
      // The backends recover while the router waits out the cooldowns.
      if (ms >= 1_000 && !healed) {
        healed = true;
        box.gateway?.engine.emulators?.setProfile(quietProfile());
      }
    });
    box.gateway = gateway;
    try {
      const { state, endedAt } = await run(3);
      if (process.env.ROUTING_DEBUG) console.log(JSON.stringify({ status: state.status, decision: state.route_decision, error: state.error, slept: time.slept, attempts: state.attempts.map((attempt) => [attempt.deployment, attempt.outcome, attempt.error_class, attempt.message?.slice(0, 120), attempt.reason]) }, null, 1));
      expect(state.status).toBe("succeeded");
      expect(state.attempts.map((attempt) => attempt.error_class ?? attempt.outcome)).toEqual(["rate_limit", "rate_limit", "rate_limit", "ok"]);
      expect(time.slept.some((ms) => ms > 2_000 && ms <= 3_000)).toBe(true);
      expectExplained(state, endedAt);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  it("gives up before the deadline, with a typed error, when nothing recovers in time", async () => {
    const profile = quietProfile();
    for (const backend of ["openai", "gemini", "ollama"] as const) {
      profile.backends[backend].errors = { ...profile.backends[backend].errors, rateLimit: 1, retryAfterSeconds: 30 };
    }
    const { run, gateway } = await harness(profile);
    try {
      const { state, endedAt } = await run(4, { deadline_ms: 10_000 });
      expect(state.status).toBe("failed");
      expect(["no_deployment_available", "deadline_exceeded"]).toContain(state.error?.code);
      expect(state.route_decision?.action).toBe("give_up");
      expect(state.error?.message).toMatch(/rate_limit/);
      expectExplained(state, endedAt);
    } finally {
      await gateway.close();
    }
  }, 60_000);
});
