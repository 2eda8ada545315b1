import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodePositional } from "../../../src/output-modes/positional-codec.ts";
import type { JsonSchema } from "../../../src/output-modes/json-schema.ts";
import { COMPRESSED_MARKER, RECONSTRUCT_MARKER, renderSchemaBlock } from "../../../src/output-modes/protocol.ts";
import type { ChatRequest } from "../../../src/emulators/chat-request.ts";
import { planReply, type PlanContext } from "../../../src/emulators/plan-reply.ts";
import { defaultProfile, quietProfile, workloadOracle, type EmulatorProfile } from "../../../src/emulators/index.ts";
import { buildTaskPrompt, isCorrect, ticketExtractionSchema, workloadTasks } from "../../../src/workload/index.ts";

const schema = z.toJSONSchema(ticketExtractionSchema) as JsonSchema;
const tasks = workloadTasks();

function context(profile: EmulatorProfile, seed = 1): PlanContext {
  const counts = new Map<string, number>();
  return {
    profile,
    seed,
    oracle: workloadOracle,
    occurrence: (key) => {
      const count = counts.get(key) ?? 0;
      counts.set(key, count + 1);
      return count;
    },
  };
}

function request(overrides: Partial<ChatRequest> & { user: string }): ChatRequest {
  const { user, ...rest } = overrides;
  return { provider: "openai", model: "gpt-4o-mini", stream: false, streamUsage: false, system: "", turns: [{ role: "user", text: user }], tools: [], toolChoice: { kind: "auto" }, ...rest };
}

function withFidelity(fidelity: Partial<EmulatorProfile["backends"]["openai"]["fidelity"]>): EmulatorProfile {
  const profile = quietProfile();
  profile.backends.openai.fidelity = { ...profile.backends.openai.fidelity, ...fidelity };
  return profile;
}

describe("planReply", () => {
  const task = tasks[3]!;

  it("renders the gold per mode: JSON for emit, positional array for compressed, key: value lines for reconstruct", () => {
    const quiet = context(quietProfile());
    const emit = planReply(request({ user: buildTaskPrompt(task), structured: { schema } }), quiet);
    expect(emit.mode).toBe("emit");
    expect(JSON.parse(emit.text)).toEqual(task.gold);

    const compressed = planReply(request({ user: buildTaskPrompt(task), system: `${COMPRESSED_MARKER}\n${renderSchemaBlock(schema)}` }), quiet);
    expect(compressed.mode).toBe("compressed");
    expect(isCorrect(task.gold, decodePositional(schema, JSON.parse(compressed.text)))).toBe(true);

    const reconstruct = planReply(request({ user: buildTaskPrompt(task), system: `${RECONSTRUCT_MARKER}\n${renderSchemaBlock(schema)}` }), quiet);
    expect(reconstruct.mode).toBe("reconstruct");
    expect(reconstruct.text).toContain(`category: ${task.gold.category}`);
    expect(reconstruct.text).toContain(`entities: ${JSON.stringify(task.gold.entities)}`);
  });

  it("synthesises a schema-conforming value for prompts the oracle does not know", () => {
    const plan = planReply(request({ user: "who is this?", structured: { schema } }), context(quietProfile()));
    const value = JSON.parse(plan.text) as unknown;
    expect(ticketExtractionSchema.safeParse(value).success).toBe(true);
    // Varied like a real answer, but the same for the same prompt (seeded), whatever the mode.
    const again = JSON.parse(planReply(request({ user: "who is this?", structured: { schema } }), context(quietProfile())).text) as unknown;
    expect(again).toEqual(value);
    const lengths = new Set(Array.from({ length: 30 }, (_, index) => {
      const other = JSON.parse(planReply(request({ user: `who is caller ${index}?`, structured: { schema } }), context(quietProfile())).text) as { entities: unknown[] };
      return other.entities.length;
    }));
    expect(lengths.size).toBeGreaterThan(3);
  });

  it("wrongValue keeps the answer schema-valid but incorrect; missingField drops a required key", () => {
    const wrong = planReply(request({ user: buildTaskPrompt(task), structured: { schema } }), context(withFidelity({ wrongValue: 1 })));
    expect(wrong.fidelityFaults).toEqual(["wrongValue"]);
    const value = JSON.parse(wrong.text) as unknown;
    expect(ticketExtractionSchema.safeParse(value).success).toBe(true);
    expect(isCorrect(task.gold, value)).toBe(false);

    const missing = planReply(request({ user: buildTaskPrompt(task), structured: { schema } }), context(withFidelity({ missingField: 1 })));
    const partial = JSON.parse(missing.text) as Record<string, unknown>;
    expect(Object.keys(partial)).toHaveLength(Object.keys(task.gold).length - 1);
  });

  it("brokenJson leaves text that does not parse; extraProse wraps parseable JSON in chatter", () => {
    const broken = planReply(request({ user: buildTaskPrompt(task), structured: { schema } }), context(withFidelity({ brokenJson: 1 })));
    expect(() => JSON.parse(broken.text)).toThrow();
    const prose = planReply(request({ user: buildTaskPrompt(task), structured: { schema } }), context(withFidelity({ extraProse: 1 })));
    expect(() => JSON.parse(prose.text)).toThrow();
    const fenced = /```json\n([\s\S]*?)\n```/.exec(prose.text)?.[1] ?? "";
    expect(JSON.parse(fenced)).toEqual(task.gold);
  });

  it("repeats exactly for the same seed, and differs for another seed", () => {
    const noisy = defaultProfile();
    noisy.backends.openai.errors.rateLimit = 0.3;
    noisy.backends.openai.fidelity.wrongValue = 0.3;
    const outcomes = (seed: number) => {
      const shared = context(noisy, seed);
      return tasks.slice(0, 60).map((item) => {
        const plan = planReply(request({ user: buildTaskPrompt(item), structured: { schema } }), shared);
        return `${plan.fault ?? "-"}:${plan.fidelityFaults.join(",")}:${plan.firstTokenDelayMs.toFixed(3)}`;
      });
    };
    expect(outcomes(42)).toEqual(outcomes(42));
    expect(outcomes(42)).not.toEqual(outcomes(43));
  });

  it("draws afresh for a repeated prompt, so a retry can succeed", () => {
    const profile = quietProfile();
    profile.backends.openai.errors.rateLimit = 0.5;
    const shared = context(profile, 9);
    const faults = Array.from({ length: 20 }, () => planReply(request({ user: buildTaskPrompt(task) }), shared).fault ?? "none");
    expect(new Set(faults)).toEqual(new Set(["rateLimit", "none"]));
  });

  it("the default profile makes the best mode differ by backend", () => {
    const correctRate = (provider: ChatRequest["provider"], mode: "emit" | "compressed" | "reconstruct") => {
      const shared = context(defaultProfile(), 5);
      const sample = tasks.slice(0, 200);
      let correct = 0;
      for (const item of sample) {
        const system = mode === "emit" ? "" : `${mode === "compressed" ? COMPRESSED_MARKER : RECONSTRUCT_MARKER}\n${renderSchemaBlock(schema)}`;
        const plan = planReply(request({ provider, user: buildTaskPrompt(item), system, structured: mode === "emit" ? { schema } : undefined }), shared);
        if (plan.fault !== undefined) continue;
        try {
          const value = mode === "emit" ? JSON.parse(plan.text) : mode === "compressed" ? decodePositional(schema, JSON.parse(plan.text)) : Object.fromEntries(plan.text.split("\n").filter((line) => line.includes(": ")).map((line) => [line.slice(0, line.indexOf(": ")), parseLoose(line.slice(line.indexOf(": ") + 2))]));
          if (isCorrect(item.gold, value)) correct += 1;
        } catch {
          // broken output counts as wrong
        }
      }
      return correct / sample.length;
    };
    expect(correctRate("ollama", "emit")).toBeLessThan(correctRate("ollama", "compressed") - 0.1);
    expect(correctRate("gemini", "reconstruct")).toBeLessThan(correctRate("gemini", "emit") - 0.1);
  });
});

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
