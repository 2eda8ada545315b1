import { createGateway, parseConfigValue, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput } from "../../src/config/index.ts";
import { quietProfile } from "../../src/emulators/index.ts";
import { workloadTasks } from "../../src/workload/index.ts";

const tasks = workloadTasks();

describe("memory inside the gateway", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    const config = parseConfigValue({ ...defaultConfigInput(), memory: { strategy: "window", budget_tokens: 600 } }, "test");
    gateway = await createGateway({ config, emulatorProfile: quietProfile(), checkpoints: ":memory:" });
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
