import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { DeferredShadows } from "../../../src/output-modes/shadow-deferral.ts";
import { ShadowAgreement, type ShadowAnswer, type ShadowCandidate, type ShadowTarget } from "../../../src/output-modes/shadow-agreement.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";

const served = { deployment: "gpt", mode: "emit" as const };
const answer = { category: "billing", priority: "high" };
const tick = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  // Only the clock is faked: the shadow's background work still runs on real microtasks and setImmediate.
  vi.useFakeTimers({ toFake: ["Date"], now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the deferred-shadow queue", () => {
  it("keeps shadows for a cooling partner, hands them out once it serves, and drops stale, evicted and down ones", () => {
    const queue = new DeferredShadows<{ partner: ShadowTarget; id: number }>({ maxQueued: 2, maxAgeMs: 60_000 }, Date.now);
    queue.add({ partner: { deployment: "gpt", mode: "compressed" }, id: 1 });
    queue.add({ partner: { deployment: "gemini", mode: "emit" }, id: 2 });
    queue.add({ partner: { deployment: "gpt", mode: "reconstruct" }, id: 3 });
    expect(queue.stats()).toMatchObject({ deferred: 3, evicted: 1 });
    // gpt still cools: nothing of it comes out; gemini went down: its shadow is dropped, never asked.
    expect(queue.take((partner) => (partner.deployment === "gpt" ? "cooling" : "down"))).toEqual([]);
    expect(queue.stats()).toMatchObject({ abandoned: 1 });
    vi.advanceTimersByTime(30_000);
    expect(queue.take(() => "serving").map((item) => item.id)).toEqual([3]);
    queue.add({ partner: { deployment: "gpt", mode: "emit" }, id: 4 });
    vi.advanceTimersByTime(60_001);
    expect(queue.take(() => "serving")).toEqual([]);
    expect(queue.stats()).toEqual({ deferred: 4, resumed: 1, expired: 1, evicted: 1, abandoned: 1 });
  });

  it("hands out at most `limit` at once, oldest first, keeping the rest", () => {
    const queue = new DeferredShadows<{ partner: ShadowTarget; id: number }>({ maxQueued: 8, maxAgeMs: 60_000 }, Date.now);
    for (const id of [1, 2, 3]) queue.add({ partner: { deployment: "gpt", mode: "emit" }, id });
    expect(queue.take(() => "serving", 2).map((item) => item.id)).toEqual([1, 2]);
    expect(queue.size).toBe(1);
  });
});

describe("shadow agreement with a cooling partner", () => {
  function setup(defer: boolean) {
    const states = new Map<string, "serving" | "cooling" | "down">([
      ["gpt", "serving"],
      ["gemini", "cooling"],
    ]);
    const candidates = async (): Promise<ShadowCandidate[]> =>
      ["gpt", "gemini"].flatMap((deployment) => (states.get(deployment) === "down" ? [] : (["emit", "compressed"] as const).map((mode) => ({ deployment, mode, ...(states.get(deployment) === "cooling" ? { cooling: true } : {}) }))));
    const calls: ShadowTarget[] = [];
    const ask = async (target: ShadowTarget): Promise<ShadowAnswer> => {
      calls.push(target);
      return { structured: answer, valid: true, tokens: 10, costUsd: 0.00001 };
    };
    let id = 0;
    const random = seededRandom(11).next;
    const policy = new AdaptivePolicy();
    // gpt's modes are settled and alike, gemini's are not: a base-rate partner is a gemini mode.
    for (let index = 0; index < 40; index += 1) for (const mode of ["emit", "compressed"] as const) policy.record({ deployment: "gpt", mode, valid: true, latencyMs: 100, tokens: 50, costUsd: 0.0001 });
    const shadow = new ShadowAgreement<string>({ config: { rate: 1, maxRate: 1, maxConcurrent: 2, weight: 0.5, ...(defer ? { defer: { maxQueued: 4, maxAgeMs: 60_000 } } : {}) }, policy, random, candidates, generateId: () => `id-${(id += 1)}`, now: Date.now });
    shadow.attach(ask);
    return { shadow, states, calls };
  }

  it("without defer, a cooling deployment is no partner: the shadow goes to a serving one", async () => {
    const { shadow, calls } = setup(false);
    shadow.offer({ threadId: "t1", served, request: "ticket", answer });
    await tick();
    await shadow.drain();
    expect(calls.every((target) => target.deployment === "gpt")).toBe(true);
  });

  it("with defer, a shadow aimed at the cooling deployment waits, off the caller's path, and runs once it serves again", async () => {
    const { shadow, states, calls } = setup(true);
    for (let index = 0; index < 6; index += 1) {
      // offer returns at once; the partner is picked in the background.
      expect(shadow.offer({ threadId: `t${index}`, served, request: "ticket", answer })).toBe(true);
      await tick();
      await shadow.drain();
    }
    const deferred = shadow.stats().deferral.deferred;
    expect(deferred).toBeGreaterThan(0);
    expect(calls.some((target) => target.deployment === "gemini")).toBe(false);
    // Cooldown over: the next answered request resumes the waiting shadows (at most the concurrency cap per pass).
    states.set("gemini", "serving");
    vi.advanceTimersByTime(5_000);
    for (let round = 0; round < 4; round += 1) {
      shadow.offer({ threadId: `r${round}`, served, request: "ticket", answer });
      await tick();
      await shadow.drain();
    }
    expect(calls.some((target) => target.deployment === "gemini")).toBe(true);
    expect(shadow.stats().deferral.resumed).toBeGreaterThan(0);
  });

  it("drops waiting shadows when their partner goes hard down or they grow older than maxAge: never sent", async () => {
    const { shadow, states, calls } = setup(true);
    for (let index = 0; index < 6; index += 1) shadow.offer({ threadId: `t${index}`, served, request: "ticket", answer });
    await tick();
    await shadow.drain();
    const queued = shadow.stats().deferral.deferred - shadow.stats().deferral.evicted;
    expect(queued).toBeGreaterThan(0);
    states.set("gemini", "down");
    shadow.offer({ threadId: "later", served, request: "ticket", answer });
    await tick();
    await shadow.drain();
    expect(shadow.stats().deferral.abandoned).toBe(queued);
    expect(calls.some((target) => target.deployment === "gemini")).toBe(false);
  });

  it("a shadow that waited past maxAge is dropped, not sent", async () => {
    const { shadow, states, calls } = setup(true);
    for (let index = 0; index < 6; index += 1) shadow.offer({ threadId: `t${index}`, served, request: "ticket", answer });
    await tick();
    await shadow.drain();
    vi.advanceTimersByTime(61_000);
    states.set("gemini", "serving");
    const before = calls.length;
    shadow.offer({ threadId: "later", served, request: "ticket", answer });
    await tick();
    await shadow.drain();
    expect(shadow.stats().deferral.expired).toBeGreaterThan(0);
    expect(calls.length - before).toBeLessThanOrEqual(1);
  });
});
