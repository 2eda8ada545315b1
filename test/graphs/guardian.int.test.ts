import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGateway, type Gateway } from "../../graphs/index.ts";
import { guardian as guardianGraph } from "../../graphs/guardian.ts";
import { parseConfigValue } from "../../src/config/index.ts";
import type { GuardianConfigInput } from "../../src/config/guardian-config.ts";
import { defaultConfigInput } from "../../src/config/default-config.ts";
import { quietProfile, type EmulatorProfile } from "../../src/emulators/index.ts";
import { attachGuardian, createGuardianRuntime, engineRecoveryTarget, MemoryEventSink, type GuardianEvent, type GuardianRuntime } from "../../src/guardian/index.ts";
import type { RouterPlanner } from "../../src/runtime/router-planner.ts";
import { workloadTasks } from "../../src/workload/index.ts";

const tasks = workloadTasks();

/** Every backend slow enough that its own latency, not the gateway's overhead on a busy host, dominates; answers perfect. */
function steadyProfile(): EmulatorProfile {
  const profile = quietProfile();
  for (const backend of Object.values(profile.backends)) backend.latency = { ttftMs: 60, tokensPerSecond: 1_000_000, jitterMs: 5 };
  return profile;
}

/** Requests run this many at a time, as a gateway serves them. */
const CONCURRENCY = 3;

interface Harness {
  gateway: Gateway;
  runtime: GuardianRuntime;
  lines: MemoryEventSink;
  /** A few concurrent requests through the gateway, each followed by the guardian subgraph on its attempts; returns the guardian's events. */
  request(): Promise<GuardianEvent[]>;
  outcomes: { total: number; succeeded: number };
  modesUsed: Array<{ deployment: string; mode: string }>;
}

async function harness(guardian: GuardianConfigInput): Promise<Harness> {
  const config = parseConfigValue(
    {
      ...defaultConfigInput(),
      guardian: { warmup_samples: 15, window_size: 20, rate_window_size: 30, baseline_size: 200, latency: { min_samples: 15 }, log: "none", ...guardian },
    },
    "guardian.int.test",
  );
  const gateway = await createGateway({ config, emulatorProfile: steadyProfile(), checkpoints: ":memory:", seed: 5 });
  const engine = gateway.engine;
  const lines = new MemoryEventSink();
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-guardian-")), "state.db");
  const runtime = attachGuardian(engine, createGuardianRuntime({ config, now: engine.now, sleep: engine.sleep, target: engineRecoveryTarget(engine)!, stateFile, lines }));
  const outcomes = { total: 0, succeeded: 0 };
  const modesUsed: Array<{ deployment: string; mode: string }> = [];
  let counter = 0;
  return {
    gateway,
    runtime,
    lines,
    outcomes,
    modesUsed,
    async request() {
      const before = lines.events.length;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          counter += 1;
          const task = tasks[counter % tasks.length]!;
          const state = await gateway.invoke({ input: task.input, task_id: task.id }, { threadId: `g-${counter}` });
          outcomes.total += 1;
          if (state.status === "succeeded") outcomes.succeeded += 1;
          modesUsed.push(...state.attempts.map((attempt) => ({ deployment: attempt.deployment, mode: attempt.mode })));
          await guardianGraph.invoke({ trigger: "request", attempts: state.attempts, correct: state.output?.correct }, { context: { engine } });
        }),
      );
      return lines.events.slice(before);
    },
  };
}

/** Requests (in batches) until `done` holds for a batch's events; how many requests that took, or -1. */
async function until(h: Harness, limit: number, done: (events: GuardianEvent[]) => boolean): Promise<number> {
  for (let count = CONCURRENCY; count <= limit; count += CONCURRENCY) if (done(await h.request())) return count;
  return -1;
}

async function warmUp(h: Harness, requests: number): Promise<void> {
  for (let count = 0; count < requests; count += CONCURRENCY) await h.request();
}

describe("the guardian on the gateway", () => {
  it("quarantines a backend whose latency triples, keeps success, and restores when it heals", async () => {
    const h = await harness({ recovery: { quarantine_seconds: 1.5 } });
    try {
      await warmUp(h, 180);
      expect(h.lines.events.map((event) => `${event.kind} ${event.reason}`)).toEqual([]);

      const slow = steadyProfile();
      slow.backends.gemini.latency = { ttftMs: 180, tokensPerSecond: 1_000_000, jitterMs: 15 };
      h.gateway.engine.emulators?.setProfile(slow);
      const detectedAfter = await until(h, 120, (events) => events.some((event) => event.kind === "quarantine"));
      if (detectedAfter < 0) console.log(JSON.stringify(h.runtime.summary(), null, 1), h.modesUsed.slice(-30));
      expect(detectedAfter).toBeGreaterThan(0);
      expect(detectedAfter).toBeLessThanOrEqual(100);
      const quarantine = h.lines.events.find((event) => event.kind === "quarantine")!;
      expect(quarantine.subject).toBe("gemini-2.5-flash");
      expect(Number(quarantine.evidence.p95_ms)).toBeGreaterThan(1.2 * Number(quarantine.evidence.baseline_p95_ms));
      const [cooling] = await (h.gateway.engine.planner as RouterPlanner).router.state.snapshot(["gemini-2.5-flash"], h.gateway.engine.now());
      expect(cooling?.cooldownReason).toMatch(/^guardian: latency p95/);

      h.gateway.engine.emulators?.setProfile(steadyProfile());
      const restoredAfter = await until(h, 500, (events) => events.some((event) => event.category === "restore"));
      expect(restoredAfter).toBeGreaterThan(0);
      expect(h.outcomes.succeeded / h.outcomes.total).toBeGreaterThanOrEqual(0.999);
      console.log(h.runtime.log.query().map((event) => `${event.category}:${event.kind} ${event.subject} ${event.reason}`).reverse().join("\n"));
      const logged = h.runtime.log.query({ subject: "gemini-2.5-flash" }).map((event) => `${event.category}:${event.kind}`);
      expect(logged).toContain("restore:quarantine");
      expect(logged.at(-1)).toBe("recovery:quarantine");
    } finally {
      await h.runtime.close();
      await h.gateway.close();
    }
  }, 120_000);

  it("switches a deployment off an output mode whose structure collapses, and success holds", async () => {
    // The adaptive policy itself steers away from a broken mode after a few failures, so the guardian only sees
    // a handful: it is configured to act on a shallower (but still 2-sigma) drop after two evaluations.
    const h = await harness({ trigger_after: 2, correctness: { min_samples: 15, min_z: 2 }, recovery: { mode_block_seconds: 30 } });
    try {
      await warmUp(h, 180);
      expect(h.lines.events).toEqual([]);
      const broken = steadyProfile();
      broken.modes = { gemini: { compressed: { brokenJson: 1 } } };
      h.gateway.engine.emulators?.setProfile(broken);
      const detectedAfter = await until(h, 120, (events) => events.some((event) => event.kind === "block_mode"));
      if (detectedAfter < 0) console.log(JSON.stringify(h.runtime.summary(), null, 1), h.modesUsed.slice(-30));
      expect(detectedAfter).toBeGreaterThan(0);
      expect(detectedAfter).toBeLessThanOrEqual(80);
      expect(h.lines.events.find((event) => event.category === "detection")).toMatchObject({ kind: "correctness", subject: "gemini-2.5-flash/compressed" });
      const policy = (h.gateway.engine.planner as RouterPlanner).policy;
      expect(policy.blockedModes("gemini-2.5-flash")).toEqual(["compressed"]);

      const from = h.modesUsed.length;
      await warmUp(h, 60);
      const after = h.modesUsed.slice(from).filter((used) => used.deployment === "gemini-2.5-flash");
      expect(after.length).toBeGreaterThan(5);
      expect(after.every((used) => used.mode !== "compressed")).toBe(true);
      expect(h.outcomes.succeeded / h.outcomes.total).toBeGreaterThanOrEqual(0.999);
      expect(h.runtime.log.query({ category: "recovery" }).map((event) => event.kind).sort()).toEqual(["block_mode", "raise_exploration"]);
    } finally {
      await h.runtime.close();
      await h.gateway.close();
    }
  }, 120_000);
});
