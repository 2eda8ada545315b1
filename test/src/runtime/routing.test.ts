import { parseConfigValue } from "../../../src/config/index.ts";
import { defaultConfigInput } from "../../../src/config/default-config.ts";
import { z } from "zod";
import { MemoryRoutingStateStore, sleepUnlessWoken, slotPollMs, wakeListener, type Sleep } from "../../../src/routing/index.ts";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { createRouting, leaseRefOf } from "../../../src/runtime/routing.ts";
import { SchemaRegistry } from "../../../src/runtime/schema-registry.ts";
import { gatewayRequestSchema, type Attempt } from "../../../src/state/gateway-state.ts";

const now = 1_000_000;
const config = parseConfigValue({ ...defaultConfigInput(), retry: { max_retries: 3 }, requests: { model_group: "extract", max_attempts: 6 } }, "test");
const request = gatewayRequestSchema.parse({ input: "Refund order 42, please.", model_group: "extract" });

/** An attempt that came back with an answer the schema refused (the backend answered; the body was bad). */
function malformed(deployment: string, mode: Attempt["mode"]): Attempt {
  return { group: "extract", deployment, mode, started_at: now - 500, latency_ms: 100, input_tokens: 50, output_tokens: 20, cost_usd: 0, outcome: "invalid_output", error_class: "malformed_output", reason: "test" };
}

describe("createRouting after malformed output", () => {
  it("gives the untried deployments their try before a third mode of the deployment that answered badly", async () => {
    // Every draw of the weighted strategy: without the untried preference some land on the broken deployment again.
    for (let seed = 0; seed < 20; seed += 1) {
      const planner = createRouting({ config, now: () => now, random: () => (seed + 0.5) / 20 });
      const attempts = [malformed("gemini-2.5-flash", "reconstruct"), malformed("gemini-2.5-flash", "compressed")];
      const decision = await planner.classify({ request, attempts, deadlineAt: now + 10_000 });
      expect(decision.action).toBe("next_deployment");
      const plan = await planner.plan({ request, attempts, deadlineAt: now + 10_000, decision });
      expect(plan.kind).toBe("call");
      if (plan.kind === "call") expect(plan.deployment.id).not.toBe("gemini-2.5-flash");
    }
  });

  it("after one malformed answer still tries the next mode on the same deployment while the share allows", async () => {
    const planner = createRouting({ config, now: () => now, random: () => 0.5 });
    const attempts = [malformed("gemini-2.5-flash", "reconstruct")];
    const decision = await planner.classify({ request, attempts, deadlineAt: now + 10_000 });
    expect(decision.action).toBe("retry_same");
  });
});

describe("createRouting and the request's schema", () => {
  type Tree = { name: string; children: Tree[] };
  const tree: z.ZodType<Tree> = z.object({ name: z.string(), get children() { return z.array(tree); } });
  const schemas = new SchemaRegistry().register({ id: "tree", name: "tree", schema: tree });
  const treeRequest = gatewayRequestSchema.parse({ input: "Draw the org chart.", schema_id: "tree", deployment: "openai-gpt-4o-mini" });

  it.each(["adaptive", "fixed"] as const)("never picks a mode that cannot carry the schema (%s policy)", async (policy) => {
    const configured = parseConfigValue({ ...defaultConfigInput(), output_modes: { policy, defaults: { openai: "emit", "google-genai": "emit", ollama: "emit" } } }, "test");
    for (let seed = 0; seed < 20; seed += 1) {
      const planner = createRouting({ config: configured, schemas, now: () => now, random: () => (seed + 0.5) / 20 });
      const plan = await planner.plan({ request: treeRequest, attempts: [], deadlineAt: now + 10_000 });
      expect(plan.kind).toBe("call");
      if (plan.kind === "call") expect(plan.mode).not.toBe("emit");
    }
  });
});

describe("leases carried in state", () => {
  it("are released by a routing service that did not take them (a thread finishing in another process)", async () => {
    const shared = new MemoryRoutingStateStore();
    const first = createRouting({ config, now: () => now, random: () => 0.5, state: shared });
    const second = createRouting({ config, now: () => now, random: () => 0.5, state: shared });
    const plan = await first.plan({ request, attempts: [], deadlineAt: now + 10_000 });
    if (plan.kind !== "call" || plan.lease === undefined) throw new Error(`expected a leased call, got ${plan.kind}`);
    const inFlight = async () => (await first.router.status()).find((status) => status.id === plan.deployment.id)?.inFlight;
    expect(await inFlight()).toBe(1);
    // What call_model checkpoints: the lease's id, tokens and time, rebuilt from state by whoever finishes.
    const held = { deployment: plan.deployment.id, lease_id: plan.lease.leaseId, lease_tokens: plan.lease.tokens, lease_acquired_at: plan.lease.acquiredAt };
    const attempt: Attempt = { group: "extract", deployment: plan.deployment.id, mode: plan.mode, started_at: now, latency_ms: 100, input_tokens: 50, output_tokens: 20, cost_usd: 0, outcome: "ok", reason: "test" };
    await second.recordSuccess(attempt, leaseRefOf(held), false);
    expect(await inFlight()).toBe(0);
  });
});

describe("a deployment named by the request", () => {
  const pinned = gatewayRequestSchema.parse({ input: "Refund order 42, please.", model_group: "extract", deployment: "ollama-llama3.1" });

  it("takes a slot under the deployment's limits: pinning is no way past max_concurrent", async () => {
    // ollama-llama3.1 is limited to 4 calls at once in the default config.
    const planner = createRouting({ config, now: () => now, random: () => 0.5 });
    const plans = [];
    for (let index = 0; index < 4; index += 1) plans.push(await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 }));
    expect(plans.map((plan) => (plan.kind === "call" ? [plan.deployment.id, plan.lease !== undefined, plan.inFlight] : [plan.kind]))).toEqual([
      ["ollama-llama3.1", true, 1],
      ["ollama-llama3.1", true, 2],
      ["ollama-llama3.1", true, 3],
      ["ollama-llama3.1", true, 4],
    ]);
    const fifth = await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 });
    expect(fifth.kind).not.toBe("call");
    expect(fifth.kind === "call" ? "" : fifth.reason).toMatch(/ollama-llama3\.1: .*max_concurrent|ollama-llama3\.1: .*concurrent/);
    const first = plans[0]!;
    if (first.kind !== "call" || first.lease === undefined) throw new Error("expected a leased call");
    await planner.router.release(first.lease);
    expect((await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 })).kind).toBe("call");
  });

  it("looks for a freed slot again within the poll, not at the oldest lease's expiry (which outlived the deadline)", async () => {
    const planner = createRouting({ config, now: () => now, random: () => 0.5 });
    for (let index = 0; index < 4; index += 1) await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 });
    // Before: the wait ran to the oldest lease's expiry (the lease TTL), so a 10 s deadline gave up at once and a
    // longer one slept through every release until then.
    const fifth = await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 });
    expect(fifth.kind).toBe("wait");
    expect(fifth.kind === "wait" ? fifth.delayMs : -1).toBeLessThanOrEqual(slotPollMs);
    expect(fifth.kind === "wait" ? fifth.wakeOn : []).toEqual(["ollama-llama3.1"]);
    expect((await planner.plan({ request: pinned, attempts: [], deadlineAt: now + slotPollMs - 1 })).kind).toBe("give_up");
  });

  it("wakes a request waiting for the slot when a lease ends in this process, before its poll", async () => {
    const planner = createRouting({ config, now: () => now, random: () => 0.5 });
    const plans = [];
    for (let index = 0; index < 4; index += 1) plans.push(await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 }));
    const wait = await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 });
    if (wait.kind !== "wait") throw new Error("expected a wait");
    // A sleep that never ends by itself: only the release (or an abort) can end it.
    const forever: Sleep = (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
    let woke = false;
    const sleeping = sleepUnlessWoken(forever, wait.delayMs, undefined, wakeListener(planner.router, wait.wakeOn)).then(() => (woke = true));
    expect(planner.router.releases.waiters("ollama-llama3.1")).toBe(1);
    const first = plans[0]!;
    if (first.kind !== "call" || first.lease === undefined) throw new Error("expected a leased call");
    await planner.router.release(first.lease);
    await sleeping;
    expect(woke).toBe(true);
    expect(planner.router.releases.waiters("ollama-llama3.1")).toBe(0);
    expect((await planner.plan({ request: pinned, attempts: [], deadlineAt: now + 10_000 })).kind).toBe("call");
  });
});

describe("the output-mode policy is told whether a retry stands behind the attempt", () => {
  it("ranks by retry-credited scores while attempts remain, and by a mode's own answers on the last one", async () => {
    const adaptive = parseConfigValue({ ...defaultConfigInput(), output_modes: { policy: "adaptive" }, requests: { model_group: "extract", max_attempts: 2 } }, "test");
    const policy = new AdaptivePolicy({ providerOf: () => "openai" });
    const seen: Array<boolean | undefined> = [];
    const choose = policy.choose.bind(policy);
    policy.choose = (options) => {
      seen.push(options.canRetry);
      return choose(options);
    };
    const planner = createRouting({ config: adaptive, policy, now: () => now, random: () => 0.5 });
    await planner.plan({ request, attempts: [], deadlineAt: now + 10_000 });
    await planner.plan({ request, attempts: [malformed("gemini-2.5-flash", "reconstruct")], deadlineAt: now + 10_000 });
    expect(seen).toEqual([true, false]);
  });
});
