import { CheckedEvents } from "../../graphs/checked-updates.ts";
import { createGateway, parseConfigValue, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput } from "../../src/config/index.ts";
import { emulatorLauncher, quietProfile, type RunningEmulators } from "../../src/emulators/index.ts";
import { plantedPii, startPlantedPiiBackend } from "../support/planted-pii.ts";
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
    expect(updates.flatMap((update) => Object.keys(update))).toEqual(["accept", "verify_request", "memory_step", "call_model", "check_output", "verify_output", "guardian"]);
    const state = (await gateway.graph.getState({ configurable: { thread_id: "checked-1" } })).values;
    const router = updates.find((update) => "check_output" in update)?.check_output as { output?: unknown } | undefined;
    expect(router?.output).toEqual(state.output);
    // The caller's own input comes back in `accept`; nothing after the request check carries the card.
    expect(JSON.stringify(updates.filter((update) => !("accept" in update)))).not.toContain("4111 1111 1111 1111");
  });
});

describe("CheckedEvents on the gateway's streamEvents (app code streaming events itself)", () => {
  const planted = plantedPii;
  let emulators: RunningEmulators;
  let gateway: Gateway;
  beforeAll(async () => {
    const backend = await startPlantedPiiBackend();
    emulators = backend.emulators;
    const config = parseConfigValue(backend.configInput, "test.yaml");
    gateway = await createGateway({ config, checkpoints: ":memory:", seed: 3 });
  });
  afterAll(async () => {
    await gateway.close();
    await emulators.close();
  });

  it("the raw events carry the planted data; through CheckedEvents none do, and the graph's end holds the checked answer", async () => {
    const task = workloadTasks()[0]!;
    const raw: unknown[] = [];
    const checked: unknown[] = [];
    const gate = new CheckedEvents({ answer: ["call_model", "check_output"], verdict: "verify_output" });
    const events = gateway.graph.streamEvents({ request: { input: task.input, deployment: "openai-gpt-4o-mini" } }, { version: "v2", configurable: { thread_id: "events-1" }, context: { engine: gateway.engine } });
    for await (const event of events) {
      raw.push(event);
      checked.push(gate.event(event));
    }
    const state = (await gateway.graph.getState({ configurable: { thread_id: "events-1" } })).values;
    expect(state.output?.raw).toContain("[REDACTED:email]");
    expect(planted.some((text) => JSON.stringify(raw).includes(text))).toBe(true);
    expect(planted.filter((text) => JSON.stringify(checked).includes(text))).toEqual([]);
    const end = checked.at(-1) as { event: string; data: { output?: { output?: { raw?: string } } } };
    expect(end.event).toBe("on_chain_end");
    expect(JSON.stringify(end.data)).toContain(JSON.stringify(state.output?.raw));
  });
});
