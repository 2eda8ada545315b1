import { createGateway, parseConfigValue, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput } from "../../src/config/index.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { workloadTasks } from "../../src/workload/index.ts";

describe("gateway.stream with verification on", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    const config = parseConfigValue({ ...defaultConfigInput(), verification: { enabled: true, pii: { strategy: "redact" } } }, "test.yaml");
    gateway = await createGateway({ config, emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
  });
  afterAll(async () => gateway.close());

  it("sends the router's answer only after verify_output, as the checked answer the thread keeps", async () => {
    const task = workloadTasks()[0]!;
    const updates: Array<Record<string, unknown>> = [];
    for await (const update of gateway.stream({ input: `${task.input}\nMy card is 4111 1111 1111 1111.`, deployment: "openai-gpt-4o-mini" }, { threadId: "checked-1" })) updates.push(update);
    expect(updates.flatMap((update) => Object.keys(update))).toEqual(["accept", "verify_request", "memory_step", "router", "verify_output", "guardian"]);
    const state = (await gateway.graph.getState({ configurable: { thread_id: "checked-1" } })).values;
    const router = updates.find((update) => "router" in update)?.router as { output?: unknown } | undefined;
    expect(router?.output).toEqual(state.output);
    // The caller's own input comes back in `accept`; nothing after the request check carries the card.
    expect(JSON.stringify(updates.filter((update) => !("accept" in update)))).not.toContain("4111 1111 1111 1111");
  });
});
