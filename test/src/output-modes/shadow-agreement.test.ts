import { describe, expect, it } from "vitest";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { compareAnswers } from "../../../src/output-modes/compare-answers.ts";
import { ShadowAgreement, type ShadowAnswer, type ShadowTarget } from "../../../src/output-modes/shadow-agreement.ts";

/** A scripted shadow model: answers in order, calls recorded, an extra call throws, each answer released by the test. */
function scriptedAsk(answers: unknown[]) {
  const calls: Array<{ target: ShadowTarget; threadId: string }> = [];
  const gates: Array<() => void> = [];
  const ask = async (target: ShadowTarget, _request: string, threadId: string): Promise<ShadowAnswer> => {
    if (calls.length >= answers.length) throw new Error(`unexpected shadow call ${calls.length + 1}`);
    const answer = answers[calls.length];
    calls.push({ target, threadId });
    await new Promise<void>((resolve) => gates.push(resolve));
    return { structured: answer, valid: true, tokens: 100, costUsd: 0.0001 };
  };
  return { ask, calls, release: () => gates.splice(0).forEach((open) => open()) };
}

const served = { deployment: "gpt", mode: "emit" as const };
// Gemini has two modes, so a verdict on either can change Gemini's decision (a lone mode has none to change).
const candidates = async (): Promise<ShadowTarget[]> => [served, { deployment: "gemini", mode: "compressed" }, { deployment: "gpt", mode: "compressed" }, { deployment: "gemini", mode: "emit" }];
const answer = { category: "billing", priority: "high", items: ["a", "b"] };

function setup(rate = 1, maxConcurrent = 2, arbitrate = false) {
  const policy = new AdaptivePolicy();
  let id = 0;
  const shadow = new ShadowAgreement<string>({ config: { rate, maxConcurrent, weight: 0.5, arbitrate }, policy, random: () => 0, candidates, generateId: () => `id-${(id += 1)}` });
  return { policy, shadow };
}

describe("shadow agreement", () => {
  it("agreement raises the policy's confidence in both (deployment, mode)s", async () => {
    const { policy, shadow } = setup();
    const script = scriptedAsk([{ ...answer, category: " Billing " }]);
    shadow.attach(script.ask);
    const before = [policy.estimatedCorrectness("gpt", "emit"), policy.estimatedCorrectness("gemini", "compressed")];
    expect(shadow.offer({ threadId: "t1", served, request: "ticket", answer })).toBe(true);
    // The shadow call starts a macrotask later at most (candidates are read first).
    await new Promise((resolve) => setImmediate(resolve));
    script.release();
    await shadow.drain();
    expect(script.calls[0]?.target).toEqual({ deployment: "gemini", mode: "compressed" });
    expect(policy.estimatedCorrectness("gpt", "emit")).toBeGreaterThan(before[0]!);
    expect(policy.estimatedCorrectness("gemini", "compressed")).toBeGreaterThan(before[1]!);
    expect(shadow.stats()).toMatchObject({ started: 1, compared: 1, agreed: 1, tokens: 100 });
  });

  it("a shadow the open decision added asks the served deployment's challenger, whose verdict can settle that decision", async () => {
    // Cold, the policy cannot tell gpt's modes apart: the rate is raised from 5 % to 20 %, and three quarters
    // of it (the share the open decision added) go to gpt's other mode, not to the widest posterior anywhere.
    const { shadow } = setup(0.05);
    const script = scriptedAsk([answer]);
    shadow.attach(script.ask);
    expect(shadow.rateFor(served)).toBeGreaterThan(0.15);
    shadow.offer({ threadId: "t1", served, request: "ticket", answer });
    await new Promise((resolve) => setImmediate(resolve));
    script.release();
    await shadow.drain();
    expect(script.calls[0]?.target).toEqual({ deployment: "gpt", mode: "compressed" });
  });

  it("without arbitration (arbitrate: false), a disagreement on one field lowers confidence in both", async () => {
    const { policy, shadow } = setup();
    const script = scriptedAsk([{ ...answer, priority: "low" }]);
    shadow.attach(script.ask);
    const before = [policy.estimatedCorrectness("gpt", "emit"), policy.estimatedCorrectness("gemini", "compressed")];
    shadow.offer({ threadId: "t1", served, request: "ticket", answer });
    await new Promise((resolve) => setImmediate(resolve));
    script.release();
    await shadow.drain();
    expect(policy.estimatedCorrectness("gpt", "emit")).toBeLessThan(before[0]!);
    expect(policy.estimatedCorrectness("gemini", "compressed")).toBeLessThan(before[1]!);
    expect(policy.statisticsOf("gpt", "emit")?.shadowCount).toBe(1);
  });

  it("never delays the reply: offer returns before the shadow call starts, and a shadow that never answers blocks nothing", () => {
    const { shadow } = setup();
    const script = scriptedAsk([answer]);
    shadow.attach(script.ask);
    expect(shadow.offer({ threadId: "t1", served, request: "ticket", answer })).toBe(true);
    // Synchronously back with the shadow not even called yet: the caller's reply is on its way.
    expect(script.calls).toHaveLength(0);
  });

  it("bounds concurrency (skipped offers are counted), honours the rate, and never shadows a shadow's own thread", async () => {
    const { shadow } = setup(1, 1);
    const script = scriptedAsk([answer]);
    shadow.attach(script.ask);
    expect(shadow.offer({ threadId: "t1", served, request: "ticket", answer })).toBe(true);
    expect(shadow.offer({ threadId: "t2", served, request: "ticket", answer })).toBe(false);
    expect(shadow.stats().skippedBusy).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    const shadowThread = script.calls[0]?.threadId;
    expect(shadow.isShadowThread(shadowThread)).toBe(true);
    expect(shadow.offer({ threadId: shadowThread, served, request: "ticket", answer })).toBe(false);
    script.release();
    await shadow.drain();
    const off = setup(0).shadow;
    off.attach(scriptedAsk([]).ask);
    expect(off.offer({ threadId: "t3", served, request: "ticket", answer })).toBe(false);
  });

  it("with arbitration, a disagreement is settled by a third answer: the side it agrees with gains, the other loses, and the arbiter is never shadowed", async () => {
    const { policy, shadow } = setup(1, 2, true);
    // The partner (gemini compressed) says priority low; the arbiter (gpt compressed, the only other candidate) agrees with the served answer.
    const script = scriptedAsk([{ ...answer, priority: "low" }, answer]);
    shadow.attach(script.ask);
    const before = { served: policy.trustGivenValid("gpt", "emit"), partner: policy.trustGivenValid("gemini", "compressed"), arbiter: policy.trustGivenValid("gpt", "compressed") };
    shadow.offer({ threadId: "t1", served, request: "ticket", answer });
    await new Promise((resolve) => setImmediate(resolve));
    script.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(script.calls[1]?.target).toEqual({ deployment: "gpt", mode: "compressed" });
    expect(shadow.isShadowThread(script.calls[1]?.threadId)).toBe(true);
    script.release();
    await shadow.drain();
    expect(policy.trustGivenValid("gpt", "emit")).toBeGreaterThan(before.served);
    expect(policy.trustGivenValid("gemini", "compressed")).toBeLessThan(before.partner);
    expect(policy.trustGivenValid("gpt", "compressed")).toBeGreaterThan(before.arbiter);
    expect(shadow.isShadowThread(script.calls[1]?.threadId)).toBe(false);
    expect(shadow.stats()).toMatchObject({ compared: 1, agreed: 0, arbitrated: 1, arbiterCalls: 1, tokens: 200 });
  });

  it("an arbiter that agrees with neither side settles nothing: the pair's Bayes blame decides, as without arbitration", async () => {
    const { policy, shadow } = setup(1, 2, true);
    const script = scriptedAsk([{ ...answer, priority: "low" }, { ...answer, priority: "medium" }]);
    shadow.attach(script.ask);
    const before = [policy.trustGivenValid("gpt", "emit"), policy.trustGivenValid("gemini", "compressed")];
    shadow.offer({ threadId: "t1", served, request: "ticket", answer });
    for (let turn = 0; turn < 2; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      script.release();
    }
    await shadow.drain();
    expect(policy.trustGivenValid("gpt", "emit")).toBeLessThan(before[0]!);
    expect(policy.trustGivenValid("gemini", "compressed")).toBeLessThan(before[1]!);
    // The arbiter agreed with neither: most likely it was wrong itself, and it is scored so (not left out,
    // which credited arbiters only with their agreements).
    expect(policy.statisticsOf("gpt", "compressed")?.shadowCount).toBe(1);
    expect(policy.trustGivenValid("gpt", "compressed")).toBeLessThan(0.95);
    expect(shadow.stats()).toMatchObject({ compared: 1, arbitrated: 0, arbiterCalls: 1 });
  });

  it("compares field by field: formatting is not disagreement, a missing or extra item is", () => {
    expect(compareAnswers({ a: 1, b: "X" }, { a: 1, b: " x" })).toEqual({ fields: 2, agreed: 2, equal: true });
    expect(compareAnswers({ items: ["a", "b"] }, { items: ["a"] }).equal).toBe(false);
    expect(compareAnswers({ items: [] }, { items: ["a"] }).equal).toBe(false);
    expect(compareAnswers({ n: 1 }, { n: "1" }).equal).toBe(false);
  });

  it("shadows more while the served deployment's modes cannot be told apart, and the configured rate once they can", () => {
    const policy = new AdaptivePolicy();
    const shadow = new ShadowAgreement<string>({ config: { rate: 0.05, maxConcurrent: 2, weight: 0.5 }, policy, random: () => 0, candidates, generateId: () => "id" });
    // Cold: nothing tells the modes apart, so the rate is near its ceiling (4 x 0.05).
    expect(shadow.rateFor(served)).toBeGreaterThan(0.18);
    for (let index = 0; index < 300; index += 1) {
      for (const mode of ["emit", "compressed", "reconstruct"] as const) policy.record({ deployment: "gpt", mode, valid: mode === "emit" || index % 4 !== 0, latencyMs: 100, tokens: 100, costUsd: 0.0001 });
      policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 1, weight: 1, source: "feedback" });
      policy.recordEvidence({ deployment: "gpt", mode: "compressed", score: index % 5 === 0 ? 0 : 1, weight: 1, source: "feedback" });
      policy.recordEvidence({ deployment: "gpt", mode: "reconstruct", score: index % 5 === 0 ? 0 : 1, weight: 1, source: "feedback" });
    }
    // Emit is known to be the best by far: back to the configured rate.
    expect(shadow.rateFor(served)).toBeCloseTo(0.05, 2);
    // A fixed rate when the ceiling is set to it.
    const fixed = new ShadowAgreement<string>({ config: { rate: 0.05, maxRate: 0.05, maxConcurrent: 2, weight: 0.5 }, policy: new AdaptivePolicy(), random: () => 0, candidates, generateId: () => "id" });
    expect(fixed.rateFor(served)).toBe(0.05);
  });

  it("an open decision (a rival's chance to beat the served mode by more than 2 points at least openChance) is shadowed at the full maxRate when openChance is set (opt-in), not a share of it", () => {
    const policy = new AdaptivePolicy();
    // Emit known well and right; compressed seldom asked: its chance to beat emit by 2 points is small but not settled.
    for (let index = 0; index < 60; index += 1) policy.record({ deployment: "gpt", mode: "emit", valid: true, latencyMs: 100, tokens: 100, costUsd: 0.0001 });
    for (let index = 0; index < 12; index += 1) policy.recordEvidence({ deployment: "gpt", mode: "emit", score: 1, weight: 1, source: "feedback" });
    for (const valid of [true, false, true, true]) policy.record({ deployment: "gpt", mode: "compressed", valid, latencyMs: 100, tokens: 100, costUsd: 0.0001 });
    const make = (openChance?: number) => new ShadowAgreement<string>({ config: { rate: 0.05, maxRate: 0.2, maxConcurrent: 2, weight: 0.5, ...(openChance === undefined ? {} : { openChance }) }, policy, random: () => 0, candidates, generateId: () => "id" });
    // Off by default: the linear rule.
    const linear = make().rateFor(served);
    expect(linear).toBeGreaterThan(0.05);
    expect(linear).toBeLessThan(0.15);
    expect(make(0.05).rateFor(served)).toBe(0.2);
  });
});
