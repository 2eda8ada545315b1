import { createGateway, parseConfigValue, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput } from "../../src/config/index.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { workloadTasks } from "../../src/workload/index.ts";
import { generateConversation } from "../../src/workload/conversation-generator.ts";
import { MEMORY_STATE_VERSION, memoryContext, memoryStateOf } from "../../src/memory/index.ts";

const tasks = workloadTasks();

describe("memory inside the gateway", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    const config = parseConfigValue({ ...defaultConfigInput(), memory: { strategy: "window", budget_tokens: 600 } }, "test");
    gateway = await createGateway({ config, emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:" });
  });
  afterAll(async () => gateway.close());

  it("keeps a long thread inside its token budget by removing messages from the checkpoint", async () => {
    let state = await gateway.invoke({ input: tasks[0]!.input, task_id: tasks[0]!.id }, { threadId: "long-thread" });
    for (let index = 1; index < 8; index++) {
      state = await gateway.invoke({ input: tasks[index]!.input, task_id: tasks[index]!.id }, { threadId: "long-thread" });
      expect(state.status).toBe("succeeded");
    }
    expect(state.memory?.compactions).toBeGreaterThan(0);
    expect(state.memory?.tokens).toBeLessThanOrEqual(600);
    // Eight requests wrote sixteen messages; the window kept fewer, and the newest answer is among them.
    expect(state.messages.length).toBeLessThan(16);
    expect(state.messages.at(-1)?.getType()).toBe("ai");
    const saved = await gateway.graph.getState({ configurable: { thread_id: "long-thread" } });
    expect((saved.values as { messages: unknown[] }).messages.length).toBe(state.messages.length);
  });

  it("recalls what a user stated in another thread, and never another user's", async () => {
    await gateway.invoke(
      { input: "I prefer all invoices for the audit in euros, never dollars. Order ORD-90211 is missing a page.", user_id: "ada" },
      { threadId: "ada-1" },
    );
    const same = await gateway.invoke({ input: "Which currency should the invoices for the audit use?", user_id: "ada" }, { threadId: "ada-2" });
    expect(same.status).toBe("succeeded");
    expect((same.memory?.recalled ?? []).join(" ")).toMatch(/euros/);
    const other = await gateway.invoke({ input: "Which currency should the invoices for the audit use?", user_id: "bob" }, { threadId: "bob-1" });
    expect((other.memory?.recalled ?? []).join(" ")).not.toMatch(/euros/);
  });
});

describe("the gateway's own memory path keeps a fact ledger through compactions", () => {
  let gateway: Gateway;
  const budget = 1_500;
  beforeAll(async () => {
    const config = parseConfigValue({ ...defaultConfigInput(), memory: { strategy: "summary", budget_tokens: budget } }, "test");
    gateway = await createGateway({ config, emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:" });
  });
  afterAll(async () => gateway.close());

  it("plays a long conversation through the real graph; facts stated early survive in the checkpointed ledger", async () => {
    const conversation = generateConversation({ kind: "travel", seed: 11, userTurns: 36 });
    const userTurns = conversation.turns.filter((turn) => turn.role === "user");
    let state = await gateway.invoke({ input: userTurns[0]!.text }, { threadId: "long-trip" });
    for (const turn of userTurns.slice(1)) {
      state = await gateway.invoke({ input: turn.text }, { threadId: "long-trip" });
      expect(state.status).toBe("succeeded");
    }
    expect(state.memory?.compactions).toBeGreaterThan(2);
    expect(state.memory?.tokens).toBeLessThanOrEqual(budget);
    // The summariser is routed like any call: an emulator deployment wrote the blocks, not the local fallback.
    expect(state.memory?.last_compaction?.summariser).not.toBe("local");
    const saved = await gateway.graph.getState({ configurable: { thread_id: "long-trip" } });
    const memory = memoryStateOf((saved.values as { memory?: unknown }).memory);
    expect(memory.version).toBe(MEMORY_STATE_VERSION);
    const context = memoryContext(memory) ?? "";
    const early = conversation.facts.filter((fact) => fact.turn < 20 && (fact.correctedAt === undefined || fact.correctedAt < 20));
    expect(early.length).toBeGreaterThan(3);
    const kept = early.filter((fact) => context.includes(fact.answer));
    // Stated long before the window's edge, so only the ledger (or a summary block) can still hold them.
    expect(kept.length / early.length).toBeGreaterThanOrEqual(0.8);
    expect(memory.ledger.length).toBeGreaterThan(3);
  });
});
