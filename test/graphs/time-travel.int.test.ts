import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGateway, type Gateway } from "../../graphs/index.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import type { GatewayStateValue } from "../../src/state/gateway-state.ts";
import { workloadTasks } from "../../src/workload/index.ts";

// Time travel on a SQLite file through createGateway: list a thread's history, replay from a past
// checkpoint, and fork it with updateState while the original branch stays as it was.
const task = workloadTasks()[0]!;
const threadId = "travel-1";
/**
 * The node that picks deployment and mode: accept (with verification off it makes the first attempt in its
 * own superstep, graphs/folded-steps.ts), the router's call_model inlined, the router subgraph, or a route
 * node in older wirings.
 */
const routing = new Set(["accept", "call_model", "router", "route"]);

describe("time travel on the gateway (SQLite file)", () => {
  let directory: string;
  let gateway: Gateway;
  let original: GatewayStateValue;
  let originalFinalId: unknown;
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-travel-"));
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: path.join(directory, "state.db"), seed: 5 });
    original = await gateway.invoke({ input: task.input, task_id: task.id, deployment: "openai-gpt-4o-mini", mode: "emit" }, { threadId });
    originalFinalId = (await gateway.graph.getState({ configurable: { thread_id: threadId } })).config.configurable?.checkpoint_id;
  });
  afterAll(async () => {
    await gateway.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const config = { configurable: { thread_id: threadId } };
  const context = () => ({ engine: gateway.engine });
  async function history() {
    const snapshots = [];
    for await (const snapshot of gateway.graph.getStateHistory(config)) snapshots.push(snapshot);
    return snapshots;
  }
  async function beforeRoute() {
    const snapshot = (await history()).find((entry) => entry.next.some((step) => routing.has(step)));
    if (snapshot === undefined) throw new Error("no checkpoint before route in the history");
    return snapshot;
  }

  it("lists the thread's checkpoints newest first, one per step, from the input to the answer", async () => {
    expect(original.status).toBe("succeeded");
    const snapshots = await history();
    const steps = snapshots.map((snapshot) => snapshot.next[0] ?? "END");
    expect(steps[0]).toBe("END");
    expect(steps.at(-1)).toBe("__start__");
    expect(steps.at(-2)).toBe("accept");
    // Newest first; routing (the router subgraph, or a route node) comes after accept.
    expect(steps.findIndex((step) => routing.has(step))).toBeGreaterThan(0);
    expect(snapshots[0]?.values.status).toBe("succeeded");
    expect(snapshots.at(-1)?.values.request).toBeUndefined();
  });

  it("replays from the checkpoint before route: null input continues from there to the same answer", async () => {
    const past = await beforeRoute();
    const replayed = (await gateway.graph.invoke(null, { ...past.config, context: context() })) as GatewayStateValue;
    expect(replayed.status).toBe("succeeded");
    expect(replayed.output?.structured).toEqual(original.output?.structured);
    expect(replayed.attempts).toHaveLength(1);
  });

  it("forks at the checkpoint before route with another mode; the fork uses it and the original branch is intact", async () => {
    const past = await beforeRoute();
    const request = past.values.request as GatewayStateValue["request"];
    expect(request?.mode).toBe("emit");
    const forkConfig = await gateway.graph.updateState(past.config, { request: { ...request!, mode: "reconstruct" } });
    expect(forkConfig.configurable?.checkpoint_id).not.toBe(past.config.configurable?.checkpoint_id);
    const forked = (await gateway.graph.invoke(null, { ...forkConfig, context: context() })) as GatewayStateValue;
    expect(forked.status).toBe("succeeded");
    expect(forked.attempts.map((attempt) => attempt.mode)).toEqual(["reconstruct"]);
    // The original run's last checkpoint still reads back as it was: the emit attempt and its answer.
    const kept = await gateway.graph.getState({ configurable: { thread_id: threadId, checkpoint_id: originalFinalId } });
    expect(kept.values.status).toBe("succeeded");
    expect((kept.values.attempts as GatewayStateValue["attempts"]).map((attempt) => attempt.mode)).toEqual(["emit"]);
    expect(kept.values.output).toEqual(original.output);
    expect((await history()).some((snapshot) => snapshot.config.configurable?.checkpoint_id === originalFinalId)).toBe(true);
  });
});
