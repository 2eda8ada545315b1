import { describe, expect, it, vi } from "vitest";
import { InMemoryStore, type BaseStore } from "@langchain/langgraph-checkpoint";
import { openSqliteStore } from "../../../checkpoints/index.ts";
import { SwitchyardError } from "../../../src/errors.ts";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { autosavePolicy, DEFAULT_POLICY_NAMESPACE, defaultReplicaId, loadPolicy, POLICY_KEY, REPLICAS_LABEL, savePolicy } from "../../../src/output-modes/policy-store.ts";

const providerOf = (id: string) => (id === "llama" ? ("ollama" as const) : undefined);
const weights = { correctness: 1, latency: 0, cost: 0 };

/**
 * Teaches a policy that on "llama" reconstruct (the Ollama default) is bad and compressed is good: validity
 * and user verdicts both (an invalid answer alone the gateway retries, so it is not counted fully wrong).
 */
function teach(policy: AdaptivePolicy, rounds = 30): void {
  for (let round = 0; round < rounds; round += 1) {
    policy.record({ deployment: "llama", mode: "reconstruct", valid: round % 2 === 0, latencyMs: 500, tokens: 100, costUsd: 0 });
    if (round % 2 === 0) policy.recordEvidence({ deployment: "llama", mode: "reconstruct", score: round % 4 === 0 ? 1 : 0, weight: 1, source: "feedback" });
    policy.record({ deployment: "llama", mode: "compressed", valid: true, latencyMs: 400, tokens: 80, costUsd: 0 });
    policy.recordEvidence({ deployment: "llama", mode: "compressed", score: 1, weight: 1, source: "feedback" });
  }
}

const stores: Array<[string, () => BaseStore]> = [
  ["InMemoryStore", () => new InMemoryStore()],
  ["SQLite store", () => openSqliteStore(":memory:")],
];

describe.each(stores)("policy persistence on %s", (_name, open) => {
  it("a policy loaded after a restart keeps the learned statistics and chooses as the saved one did", async () => {
    const store = open();
    const before = new AdaptivePolicy({ providerOf, epsilon: 0, maxExplorationFraction: 0 });
    expect(before.choose({ deployment: "llama", modes: ["emit", "compressed", "reconstruct"], weights, random: () => 0.5 }).mode).toBe("reconstruct");
    teach(before);
    await savePolicy(store, DEFAULT_POLICY_NAMESPACE, before);

    const after = await loadPolicy(store, DEFAULT_POLICY_NAMESPACE, { providerOf, epsilon: 0, maxExplorationFraction: 0 });
    expect(after.toJSON()).toEqual(before.toJSON());
    expect(after.statisticsOf("llama", "compressed")).toMatchObject({ count: 30 });
    expect(after.statisticsOf("llama", "reconstruct")).toMatchObject({ count: 30 });
    expect(after.choose({ deployment: "llama", modes: ["emit", "compressed", "reconstruct"], weights, random: () => 0.5 }).mode).toBe("compressed");
    expect(after.toJSON().decisions).toEqual([{ deployment: "llama", choices: 2, explorations: 0 }]);
  });

  it("an empty store gives a fresh policy; a malformed entry is refused with the fix", async () => {
    const store = open();
    const fresh = await loadPolicy(store, ["tenant-a"]);
    expect(fresh.toJSON().statistics).toEqual([]);
    await store.put(["tenant-a"], POLICY_KEY, { version: 3, statistics: [], decisions: [] });
    const error = await loadPolicy(store, ["tenant-a"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).code).toBe("output_mode_state_invalid");
    expect((error as Error).message).toMatch(/delete the stored entry/);
  });
});

describe("autosavePolicy", () => {
  it("saves every N recorded outcomes and on flush, and stops when told", async () => {
    const store = new InMemoryStore();
    const policy = new AdaptivePolicy({ providerOf });
    const autosave = autosavePolicy(policy, { store, namespace: ["n"], every: 5 });
    const saved = async () => (await loadPolicy(store, ["n"])).statisticsOf("llama", "compressed")?.count ?? 0;
    const record = () => policy.record({ deployment: "llama", mode: "compressed", valid: true, latencyMs: 1, tokens: 1, costUsd: 0 });
    for (let index = 0; index < 4; index += 1) record();
    await autosave.flush();
    expect(await saved()).toBe(4);
    for (let index = 0; index < 5; index += 1) record();
    await autosave.flush();
    expect(await saved()).toBe(9);
    autosave.stop();
    for (let index = 0; index < 10; index += 1) record();
    expect(await saved()).toBe(9);
  });

  it("saves on its own after N records, without a flush", async () => {
    const store = new InMemoryStore();
    const policy = new AdaptivePolicy();
    autosavePolicy(policy, { store, every: 3 });
    for (let index = 0; index < 3; index += 1) policy.record({ deployment: "gpt", mode: "emit", valid: true, latencyMs: 1, tokens: 1, costUsd: 0 });
    // Under this process's own replica id (policy-store-replicas.int.test.ts covers several replicas).
    await vi.waitFor(async () => expect((await store.get([...DEFAULT_POLICY_NAMESPACE, REPLICAS_LABEL], defaultReplicaId()))?.value).toMatchObject({ version: 1, state: { version: 2 } }));
  });
});

describe("stored policy state from before the gold labels left the request path (version 1)", () => {
  it("loads, keeping validity and cost figures and dropping the gold-scored correct counts", async () => {
    const store = new InMemoryStore();
    const row = { deployment: "llama", mode: "compressed", count: 20, valid: 18, correct: 17, latencyEwma: 300, latencyWindow: [290, 310], tokensEwma: 90, costEwma: 0 };
    await store.put([...DEFAULT_POLICY_NAMESPACE], POLICY_KEY, { version: 1, statistics: [row], decisions: [{ deployment: "llama", choices: 20, explorations: 1 }] });
    const policy = await loadPolicy(store, DEFAULT_POLICY_NAMESPACE, { providerOf });
    expect(policy.statisticsOf("llama", "compressed")).toMatchObject({ count: 20, weight: 20, valid: 18, evidence: 0, latencyEwma: 300 });
    expect(policy.statisticsOf("llama", "compressed")).not.toHaveProperty("correct");
    expect(policy.toJSON().version).toBe(2);
  });
});
