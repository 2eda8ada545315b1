import { describe, expect, it } from "vitest";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import type { ShadowTarget } from "../../../src/output-modes/index.ts";
import { createEngine, type DeploymentServiceState } from "../../../src/runtime/engine.ts";
import { createRouting } from "../../../src/runtime/routing.ts";
import { seededRandom } from "../../../src/workload/seeded-random.ts";

function engineWith(defer: boolean, states: Map<string, DeploymentServiceState>) {
  const input = defaultConfigInput();
  const shadow = { rate: 1, max_rate: 1, ...(defer ? { defer: { max_queued: 8, max_age_seconds: 60 } } : {}) };
  const config = parseConfigValue({ ...input, output_modes: { ...input.output_modes, shadow } }, "test");
  const engine = createEngine({ config, routing: (parts) => createRouting(parts), random: seededRandom(5).next, serviceState: async (id) => states.get(id) ?? "serving" });
  const asked: ShadowTarget[] = [];
  engine.shadow.attach(async (target) => {
    asked.push(target);
    return { structured: { a: 1 }, valid: true, tokens: 1, costUsd: 0 };
  });
  return { engine, asked };
}

async function offers(engine: ReturnType<typeof engineWith>["engine"], count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    engine.shadow.offer({ threadId: `t${index}`, served: { deployment: "openai-gpt-4o-mini", mode: "emit" }, request: { messages: [] } as never, answer: { a: 1 } });
    await new Promise((resolve) => setImmediate(resolve));
    await engine.shadow.drain();
  }
}

describe("the engine's shadow partners", () => {
  it("never asks a deployment that is down; a cooling one only once it serves again, and only with defer on", async () => {
    const states = new Map<string, DeploymentServiceState>([
      ["gemini-2.5-flash", "cooling"],
      ["ollama-llama3.1", "down"],
    ]);
    const { engine, asked } = engineWith(true, states);
    await offers(engine, 30);
    expect(asked.some((target) => target.deployment !== "openai-gpt-4o-mini")).toBe(false);
    expect(engine.shadow.stats().deferral.deferred).toBeGreaterThan(0);
    states.set("gemini-2.5-flash", "serving");
    await offers(engine, 10);
    expect(asked.some((target) => target.deployment === "gemini-2.5-flash")).toBe(true);
    expect(asked.some((target) => target.deployment === "ollama-llama3.1")).toBe(false);
    await engine.close();
  });

  it("without defer, a cooling deployment draws no shadow at all", async () => {
    const { engine, asked } = engineWith(false, new Map([["gemini-2.5-flash", "cooling"]]));
    await offers(engine, 30);
    expect(asked.some((target) => target.deployment === "gemini-2.5-flash")).toBe(false);
    expect(engine.shadow.stats().deferral.deferred).toBe(0);
    await engine.close();
  });
});
