import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BaseStore } from "@langchain/langgraph-checkpoint";
import Database from "better-sqlite3";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../../checkpoints/index.ts";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { PolicyContributionError } from "../../../src/output-modes/policy-replicas.ts";
import { autosavePolicy, DEFAULT_POLICY_NAMESPACE, loadPolicy, POLICY_KEY, refreshPolicy, REPLICAS_LABEL, savePolicy } from "../../../src/output-modes/policy-store.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";

const providerOf = (id: string) => (id === "llama" ? ("ollama" as const) : undefined);
const config = { providerOf, epsilon: 0, maxExplorationFraction: 0 };
const weights = { correctness: 1, latency: 0, cost: 0 };
const namespace = DEFAULT_POLICY_NAMESPACE;
const replicas = [...namespace, REPLICAS_LABEL];
const call = (mode: "emit" | "compressed" | "reconstruct", valid: boolean, latencyMs = 300) => ({ deployment: "llama", mode, valid, latencyMs, tokens: 100, costUsd: 0 });

const directories: string[] = [];
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

const postgres = await serviceAvailable("postgres");
const stores: Array<[string, boolean, () => Promise<BaseStore>]> = [
  [
    "a SQLite file",
    true,
    async () => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-replicas-"));
      directories.push(directory);
      const store = openSqliteStore(path.join(directory, "state.db"));
      closers.push(async () => store.close());
      return store;
    },
  ],
  [
    "the machine's Postgres",
    postgres,
    async () => {
      const schema = runScopedName("switchyard_policy_replicas");
      const store = new PostgresStore({ connectionOptions: postgresUrl, schema });
      await store.setup();
      closers.push(async () => {
        await store.stop();
        await dropPostgresSchema(schema);
      });
      return store;
    },
  ],
];

describe.each(stores)("two replicas' learned output-mode statistics on %s", (_name, available, open) => {
  it.skipIf(!available)("each saves its own contribution and every replica decides on the sum; re-saving never counts a peer twice", async () => {
    const store = await open();
    const a = await loadPolicy(store, namespace, config, { replicaId: "pod-a" });
    const b = await loadPolicy(store, namespace, config, { replicaId: "pod-b" });
    // Pod A saw compressed always valid and reconstruct (the Ollama default) mostly invalid; pod B saw only a
    // few valid reconstruct answers.
    for (let index = 0; index < 30; index += 1) a.record(call("compressed", true, 200));
    for (let index = 0; index < 30; index += 1) a.record(call("reconstruct", index % 3 === 0, 400));
    // And its users said compressed was right (an invalid answer alone the gateway retries: not counted fully wrong).
    for (let index = 0; index < 10; index += 1) a.recordEvidence({ deployment: "llama", mode: "compressed", score: 1, weight: 1, source: "feedback" });
    for (let index = 0; index < 5; index += 1) b.record(call("reconstruct", true, 400));
    await savePolicy(store, namespace, a, { replicaId: "pod-a" });
    await savePolicy(store, namespace, b, { replicaId: "pod-b" });
    // Before a refresh, B knows only its own evidence: it still serves its default.
    expect(b.choose({ deployment: "llama", modes: ["compressed", "reconstruct"], weights, random: () => 0.5 }).mode).toBe("reconstruct");

    expect((await refreshPolicy(store, namespace, b, { replicaId: "pod-b" })).merged).toEqual(["pod-a"]);
    expect(b.statisticsOf("llama", "compressed")).toMatchObject({ count: 30, valid: a.toJSON().statistics[0]!.valid });
    expect(b.choose({ deployment: "llama", modes: ["compressed", "reconstruct"], weights, random: () => 0.5 }).mode).toBe("compressed");
    // What B saves is still its own: A's evidence is not written back under B's name.
    await savePolicy(store, namespace, b, { replicaId: "pod-b" });
    expect(b.toJSON().statistics.map((row) => [row.mode, row.count])).toEqual([["reconstruct", 5]]);

    // A third replica starting now sees both, once each; last-writer-wins would have lost pod A's 30 calls.
    const c = await loadPolicy(store, namespace, config, { replicaId: "pod-c" });
    expect(c.peerReplicas().sort()).toEqual(["pod-a", "pod-b"]);
    expect(c.statisticsOf("llama", "compressed")).toMatchObject({ count: 30 });
    expect(c.statisticsOf("llama", "reconstruct")).toMatchObject({ count: 35 });
    expect(c.statisticsOf("llama", "reconstruct")?.valid).toBeCloseTo(a.toJSON().statistics[1]!.valid + b.toJSON().statistics[0]!.valid, 9);
    expect(c.toJSON().statistics).toEqual([]);
    // A restarted replica takes its own contribution back as its own, and merges the other's.
    const restartedA = await loadPolicy(store, namespace, config, { replicaId: "pod-a" });
    expect(restartedA.toJSON()).toEqual(a.toJSON());
    expect(restartedA.statisticsOf("llama", "reconstruct")).toMatchObject({ count: 35 });
  });

  it.skipIf(!available)("on the same mode counts add and the decayed sums and averages merge by their weights", async () => {
    const store = await open();
    const a = new AdaptivePolicy(config);
    const b = new AdaptivePolicy(config);
    for (let index = 0; index < 40; index += 1) a.record(call("compressed", index % 4 !== 0, 100));
    for (let index = 0; index < 10; index += 1) b.record(call("compressed", true, 500));
    const autosaveA = autosavePolicy(a, { store, replicaId: "pod-a" });
    const autosaveB = autosavePolicy(b, { store, replicaId: "pod-b" });
    await autosaveA.flush();
    await autosaveB.flush();
    await autosaveA.flush();
    const own = { a: a.toJSON().statistics[0]!, b: b.toJSON().statistics[0]! };
    const merged = (await loadPolicy(store, namespace, config, { replicaId: "pod-c" })).statisticsOf("llama", "compressed")!;
    expect(merged.count).toBe(50);
    expect(merged.weight).toBeCloseTo(own.a.weight + own.b.weight, 9);
    expect(merged.valid).toBeCloseTo(own.a.valid + own.b.valid, 9);
    const share = own.b.weight / (own.a.weight + own.b.weight);
    expect(merged.latencyEwma).toBeCloseTo(own.a.latencyEwma + share * (own.b.latencyEwma - own.a.latencyEwma), 6);
    expect(a.statisticsOf("llama", "compressed")?.count).toBe(50);
    autosaveA.stop();
    autosaveB.stop();
  });

  it.skipIf(!available)("a hostile replica id or a garbage contribution is refused with a clear error and does not poison the merge", async () => {
    const store = await open();
    const honest = new AdaptivePolicy(config);
    for (let index = 0; index < 20; index += 1) honest.record(call("compressed", true));
    await savePolicy(store, namespace, honest, { replicaId: "pod-a" });

    for (const replicaId of ["", "../pod-a", "pod a", "x".repeat(200), "pod\u0000a"]) {
      await expect(savePolicy(store, namespace, honest, { replicaId })).rejects.toThrow(PolicyContributionError);
      await expect(loadPolicy(store, namespace, config, { replicaId })).rejects.toThrow(/is not a valid replica id.*Fix:/);
    }

    const row = { ...honest.toJSON().statistics[0]!, deployment: "llama", mode: "reconstruct" };
    const state = (rows: unknown[]) => ({ version: 2, statistics: rows, steps: [], decisions: [] });
    const now = Date.now();
    const garbage: Array<[string, unknown, RegExp]> = [
      ["mallory-1", { hello: "world" }, /not version-1 state/],
      ["mallory-2", { version: 1, replica: "pod-a", savedAt: now, state: state([row]) }, /signed by replica "pod-a"/],
      ["mallory-3", { version: 1, replica: "mallory-3", savedAt: now, state: state([{ ...row, weight: 1e12, count: 1e12, valid: 1e12 }]) }, /weight 1000000000000 over the 200\.0/],
      ["mallory-4", { version: 1, replica: "mallory-4", savedAt: now, state: state([{ ...row, valid: row.weight + 5 }]) }, /valid .* over its weight/],
      ["mallory-5", { version: 1, replica: "mallory-5", savedAt: now, state: state([{ ...row, latencyEwma: -3 }]) }, /latencyEwma/],
      ["mallory-6", { version: 1, replica: "mallory-6", savedAt: now, state: state([row, row]) }, /twice/],
      ["mallory-7", { version: 1, replica: "mallory-7", savedAt: now, state: { version: 9 } }, /unreadable statistics/],
      ["mallory-8", { version: 1, replica: "mallory-8", savedAt: now, state: state([row]), extra: "field" }, /not version-1 state/],
      ["bad key!", { version: 1, replica: "bad key!", savedAt: now, state: state([row]) }, /is not a valid replica id/],
    ];
    for (const [key, value] of garbage) await store.put(replicas, key, value as Record<string, unknown>);

    const told: string[] = [];
    const victim = new AdaptivePolicy(config);
    const refresh = await refreshPolicy(store, namespace, victim, { replicaId: "pod-b", onRefused: (error) => told.push(error.message) });
    expect(refresh.merged).toEqual(["pod-a"]);
    expect(refresh.refused).toHaveLength(garbage.length);
    for (const [key, , message] of garbage) {
      const error = refresh.refused.find((refused) => refused.replica === key);
      expect(error, key).toBeInstanceOf(PolicyContributionError);
      expect(error?.message, key).toMatch(message);
      expect(error?.message, key).toMatch(/Fix:/);
    }
    expect(told).toHaveLength(garbage.length);
    // Only the honest replica's evidence is in: nothing of the forged reconstruct rows.
    expect(victim.statisticsOf("llama", "reconstruct")).toBeUndefined();
    expect(victim.statisticsOf("llama", "compressed")).toMatchObject({ count: 20 });
    expect(victim.statisticsOf("llama", "compressed")?.valid).toBeCloseTo(honest.toJSON().statistics[0]!.valid, 9);
  });

  it.skipIf(!available)("at most maxReplicas peers are merged, the newest; stale ones are aged out and deleted", async () => {
    const store = await open();
    let clock = 1_000_000;
    const now = () => clock;
    for (const [index, replicaId] of ["old", "p1", "p2", "p3"].entries()) {
      const policy = new AdaptivePolicy(config);
      policy.record(call("compressed", true));
      clock = 1_000_000 + index * 60_000;
      await savePolicy(store, namespace, policy, { replicaId, now });
    }
    clock = 1_000_000 + 3 * 60_000 + 1;
    const reader = new AdaptivePolicy(config);
    const refresh = await refreshPolicy(store, namespace, reader, { replicaId: "reader", now, maxReplicas: 2, staleAfterMs: 2 * 60_000 + 30_000 });
    expect(refresh.agedOut).toEqual(["old"]);
    expect(refresh.merged).toEqual(["p3", "p2"]);
    expect(reader.statisticsOf("llama", "compressed")?.count).toBe(2);
    expect(await store.get(replicas, "old")).toBeNull();
  });
});

describe("a raw row the SQLite store cannot read back", () => {
  it("is refused, counted and told; the other replicas' contributions are still merged", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-replicas-raw-"));
    directories.push(directory);
    const file = path.join(directory, "state.db");
    const store = openSqliteStore(file);
    closers.push(async () => store.close());
    const honest = new AdaptivePolicy(config);
    for (let index = 0; index < 20; index += 1) honest.record(call("compressed", true));
    await savePolicy(store, namespace, honest, { replicaId: "pod-a" });
    await savePolicy(store, namespace, honest, { replicaId: "pod-c" });
    // A hand edit or another writer left values that are not JSON objects: the store throws on each of them.
    for (const key of ["mallory-number", "mallory-array", "mallory-text"]) await store.put(replicas, key, { placeholder: true });
    const raw = new Database(file);
    const update = raw.prepare("UPDATE sy_store SET value = ? WHERE key = ?");
    update.run("42", "mallory-number");
    update.run("[1, 2]", "mallory-array");
    update.run("not json at all", "mallory-text");
    raw.close();
    await expect(store.search(replicas, { limit: 10 })).rejects.toThrow(/is corrupt/);

    const told: string[] = [];
    const victim = await loadPolicy(store, namespace, config, { replicaId: "pod-b", onRefused: (error) => told.push(error.message) });
    expect(victim.peerReplicas().sort()).toEqual(["pod-a", "pod-c"]);
    expect(victim.statisticsOf("llama", "compressed")).toMatchObject({ count: 40 });
    const refresh = await refreshPolicy(store, namespace, victim, { replicaId: "pod-b" });
    expect(refresh.merged.sort()).toEqual(["pod-a", "pod-c"]);
    expect(refresh.refused).toHaveLength(3);
    for (const key of ["mallory-number", "mallory-array", "mallory-text"]) {
      const error = refresh.refused.find((refused) => refused.message.includes(key));
      expect(error, key).toBeInstanceOf(PolicyContributionError);
      expect(error?.message, key).toMatch(/could not be read back.*Fix:/s);
    }
    expect(told).toHaveLength(3);
  });
});

describe("merging on one store (in memory of the policy)", () => {
  it("a peer that stopped saving fades with this replica's own calls instead of counting in full at every refresh", async () => {
    const store = openSqliteStore(":memory:");
    const peer = new AdaptivePolicy(config);
    for (let index = 0; index < 100; index += 1) peer.record(call("reconstruct", true));
    await savePolicy(store, namespace, peer, { replicaId: "gone" });
    const live = await loadPolicy(store, namespace, config, { replicaId: "live" });
    const before = live.statisticsOf("llama", "reconstruct")!.weight;
    for (let index = 0; index < 200; index += 1) live.record(call("compressed", true));
    await refreshPolicy(store, namespace, live, { replicaId: "live" });
    expect(live.statisticsOf("llama", "reconstruct")!.weight).toBeCloseTo(before * 0.995 ** 200, 6);
    store.close();
  });

  it("a pre-replica entry is taken over once, then removed by the first save", async () => {
    const store = openSqliteStore(":memory:");
    const old = new AdaptivePolicy(config);
    for (let index = 0; index < 12; index += 1) old.record(call("compressed", true));
    await store.put([...namespace], POLICY_KEY, { ...old.toJSON() });
    const upgraded = await loadPolicy(store, namespace, config, { replicaId: "pod-a" });
    expect(upgraded.toJSON()).toEqual(old.toJSON());
    await savePolicy(store, namespace, upgraded, { replicaId: "pod-a" });
    expect(await store.get([...namespace], POLICY_KEY)).toBeNull();
    const other = await loadPolicy(store, namespace, config, { replicaId: "pod-b" });
    expect(other.statisticsOf("llama", "compressed")?.count).toBe(12);
    expect(other.toJSON().statistics).toEqual([]);
    store.close();
  });

  it("a change this replica detects on a mode forgets the peers' history of it too", async () => {
    const store = openSqliteStore(":memory:");
    const peer = new AdaptivePolicy(config);
    for (let index = 0; index < 100; index += 1) peer.record(call("compressed", true));
    await savePolicy(store, namespace, peer, { replicaId: "peer" });
    const live = await loadPolicy(store, namespace, config, { replicaId: "live" });
    const peerWeight = live.statisticsOf("llama", "compressed")!.weight;
    for (let index = 0; index < 20; index += 1) live.record(call("compressed", true));
    // The mode breaks: the validity detector fires within a few dozen invalid answers.
    for (let index = 0; index < 40 && (live.statisticsOf("llama", "compressed")?.alarms ?? 0) === 0; index += 1) live.record(call("compressed", false));
    expect(live.statisticsOf("llama", "compressed")?.alarms).toBeGreaterThan(0);
    expect(live.statisticsOf("llama", "compressed")!.weight).toBeLessThan(0.5 * peerWeight);
    store.close();
  });
});
