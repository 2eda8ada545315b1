import { describe, it, expect } from "vitest";
import { switchyardConfigSchema } from "../../../src/config/schema.ts";
import { backoffDelay, retryDecision, type RetryDecisionOptions } from "../../../src/routing/index.ts";
import { group, seeded } from "./fixtures.ts";

const retry = switchyardConfigSchema.shape.retry.parse(undefined);
const now = 1_000_000;
const base: RetryDecisionOptions = {
  errorClass: "server_error",
  attempt: 1,
  sameDeploymentAttempts: 1,
  deadline: now + 60_000,
  now,
  random: seeded(3),
  config: retry,
  group: group("chat", ["a", "b"], { fallbacks: ["backup"], content_policy_fallback: "lenient", context_window_fallback: "long" }),
};

describe("backoffDelay", () => {
  it("stays within full-jitter bounds and grows exponentially up to max_ms", () => {
    const random = seeded(42);
    for (let retryNumber = 1; retryNumber <= 8; retryNumber += 1) {
      const ceiling = Math.min(8_000, 250 * 2 ** (retryNumber - 1));
      const draws = Array.from({ length: 200 }, () => backoffDelay(retryNumber, retry.backoff, random));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThan(ceiling);
      // Full jitter uses the whole range, not just its top.
      expect(Math.min(...draws)).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...draws)).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it("without jitter is the exact exponential ceiling", () => {
    const fixed = { ...retry.backoff, jitter: "none" as const };
    expect([1, 2, 3, 10].map((retryNumber) => backoffDelay(retryNumber, fixed, Math.random))).toEqual([250, 500, 1_000, 8_000]);
  });
});

describe("retryDecision per error class", () => {
  it("rate limit moves to the next deployment", () => {
    expect(retryDecision({ ...base, errorClass: "rate_limit", retryAfterMs: 20_000 })).toMatchObject({ action: "next_deployment", delayMs: 0 });
  });

  it("rate limit with nothing else left waits out Retry-After on the same deployment, never less", () => {
    const decision = retryDecision({ ...base, errorClass: "rate_limit", retryAfterMs: 20_000, remainingDeployments: 0, group: group("chat", ["a"]) });
    expect(decision.action).toBe("retry_same");
    expect(decision.delayMs).toBeGreaterThanOrEqual(20_000);
  });

  it("never schedules a retry past the deadline", () => {
    const decision = retryDecision({ ...base, errorClass: "rate_limit", retryAfterMs: 90_000, remainingDeployments: 0, group: group("chat", ["a"]) });
    expect(decision.action).toBe("give_up");
    const serverSide = retryDecision({ ...base, deadline: now + 10, random: () => 0.99 });
    expect(serverSide.action).toBe("next_deployment");
  });

  it("timeout and 5xx move to the next deployment first; the same one is retried (with backoff) only when nothing else is left", () => {
    expect(retryDecision({ ...base, errorClass: "timeout" }).action).toBe("next_deployment");
    // Issue #14: 5xx used to retry the same (dead) deployment before moving on.
    expect(retryDecision(base).action).toBe("next_deployment");
    const alone = { ...base, remainingDeployments: 0, group: group("chat", ["a"]) };
    const first = retryDecision(alone);
    expect(first.action).toBe("retry_same");
    expect(first.delayMs).toBeLessThan(250);
    // retry.per_deployment_retries (default 1) bounds retries of one deployment.
    expect(retryDecision({ ...alone, attempt: 2, sameDeploymentAttempts: 2 }).action).toBe("give_up");
    expect(retryDecision({ ...alone, attempt: 2, sameDeploymentAttempts: 2, config: { ...retry, per_deployment_retries: 2 } }).action).toBe("retry_same");
  });

  it("malformed output retries the same deployment at once (the caller switches mode)", () => {
    expect(retryDecision({ ...base, errorClass: "malformed_output" })).toMatchObject({ action: "retry_same", delayMs: 0 });
    expect(retryDecision({ ...base, errorClass: "malformed_output" }).reason).toContain("next output mode");
  });

  it("malformed output tries one more mode at most while a deployment is untried, and moves on once the attempts left are needed for the untried ones", () => {
    // max_retries 3: the group's share is 4 attempts; 2 untried deployments of 3.
    const three = { ...base, errorClass: "malformed_output" as const, config: { ...retry, max_retries: 3 }, group: group("e", ["a", "b", "c"]), remainingDeployments: 3 };
    // First malformed answer: 3 of the share left, 2 untried keep theirs, one more mode here fits.
    expect(retryDecision({ ...three, untriedDeployments: 2 }).action).toBe("retry_same");
    // Second, on the same deployment: 2 left for 2 untried, so the next is an untried deployment, not a third mode.
    const second = retryDecision({ ...three, attempt: 2, sameDeploymentAttempts: 2, groupAttempts: 2, untriedDeployments: 2 });
    expect(second.action).toBe("next_deployment");
    expect(second.reason).toMatch(/keep one for each of 2 untried deployments/);
    // max_attempts holds the reserve too: 6 attempts, 4 made, a fallback group and 2 untried deployments waiting.
    expect(retryDecision({ ...three, config: { ...retry, max_retries: 8 }, attempt: 4, sameDeploymentAttempts: 1, groupAttempts: 1, maxAttempts: 7, reservedAttempts: 1, untriedDeployments: 2 }).action).toBe("next_deployment");
    // Two malformed answers from one deployment while another is untried: that one next, though the share would allow a third mode.
    expect(retryDecision({ ...three, config: { ...retry, max_retries: 8 }, attempt: 2, sameDeploymentAttempts: 2, groupAttempts: 2, untriedDeployments: 1 }).action).toBe("next_deployment");
    // Every deployment tried: the next mode on this one, as before.
    expect(retryDecision({ ...three, attempt: 3, sameDeploymentAttempts: 1, groupAttempts: 3, untriedDeployments: 0 }).action).toBe("retry_same");
  });

  it("content policy and context window go to their fallback groups", () => {
    expect(retryDecision({ ...base, errorClass: "content_policy" })).toMatchObject({ action: "fallback_group", fallbackGroup: "lenient" });
    expect(retryDecision({ ...base, errorClass: "context_window" })).toMatchObject({ action: "fallback_group", fallbackGroup: "long" });
    expect(retryDecision({ ...base, errorClass: "context_window", group: group("chat", ["a"]) }).action).toBe("give_up");
  });

  it("auth and not_found move on and exclude the deployment; bad requests give up", () => {
    expect(retryDecision({ ...base, errorClass: "not_found" })).toMatchObject({ action: "next_deployment", excludeDeployment: true });
    expect(retryDecision({ ...base, errorClass: "bad_request" }).action).toBe("give_up");
  });

  it("falls back to the ordered fallback group when the group is exhausted", () => {
    expect(retryDecision({ ...base, errorClass: "timeout", remainingDeployments: 0 })).toMatchObject({ action: "fallback_group", fallbackGroup: "backup" });
    expect(retryDecision({ ...base, errorClass: "timeout", remainingDeployments: 0, triedGroups: ["backup"] }).action).not.toBe("fallback_group");
  });

  it("max_retries is the group's share: past it the request moves to the fallback group, or gives up without one", () => {
    expect(retryDecision({ ...base, attempt: 4, groupAttempts: 4 })).toMatchObject({ action: "fallback_group", fallbackGroup: "backup" });
    expect(retryDecision({ ...base, attempt: 4, groupAttempts: 4, group: group("chat", ["a", "b"]) }).action).toBe("give_up");
    // Attempts made in an earlier group do not count against this one.
    expect(retryDecision({ ...base, attempt: 5, groupAttempts: 1, triedGroups: ["first"] }).action).toBe("next_deployment");
  });

  it("keeps one attempt of max_attempts for each untried group of the fallback chain", () => {
    const tight = { ...base, maxAttempts: 3, reservedAttempts: 2, chain: ["backup", "last"] };
    expect(retryDecision(tight)).toMatchObject({ action: "fallback_group", fallbackGroup: "backup" });
    expect(retryDecision({ ...tight, reservedAttempts: 1 }).action).toBe("next_deployment");
    // Walks the request's whole chain, not only the current group's own fallbacks.
    expect(retryDecision({ ...tight, group: group("backup", ["c"]), triedGroups: ["chat", "backup"], reservedAttempts: 1, attempt: 2 })).toMatchObject({ fallbackGroup: "last" });
  });

  it("per_error retry_same caps same-deployment retries of that class", () => {
    const override = { ...retry, per_error: { timeout: { retry_same: 2 } } };
    const alone = { ...base, errorClass: "timeout" as const, config: override, remainingDeployments: 0, group: group("chat", ["a"]) };
    expect(retryDecision({ ...alone, sameDeploymentAttempts: 2 }).action).toBe("retry_same");
    expect(retryDecision({ ...alone, sameDeploymentAttempts: 3 }).action).toBe("give_up");
  });
});
