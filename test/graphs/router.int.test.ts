import { HumanMessage } from "@langchain/core/messages";
import { createGateway, type Gateway } from "../../graphs/index.ts";
import { buildRouterGraph } from "../../graphs/router.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { gatewayRequestSchema, RouterOutputState } from "../../src/state/gateway-state.ts";
import { workloadTasks } from "../../src/workload/index.ts";

const tasks = workloadTasks();
const routerWrites = new Set(RouterOutputState.getChannelKeys());

/** Each node's update keys, in order, for one request on `threadId`. */
async function updateKeys(gateway: Gateway, input: string, threadId: string): Promise<Array<[string, string[]]>> {
  const seen: Array<[string, string[]]> = [];
  for await (const update of gateway.stream({ input, deployment: "openai-gpt-4o-mini", mode: "emit" }, { threadId })) {
    for (const [node, value] of Object.entries(update)) seen.push([node, Object.keys(value ?? {}).sort()]);
  }
  return seen;
}

describe("the router inlined in the gateway, nested lean elsewhere, and accept writing only what changes", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 5 });
  });
  afterAll(async () => gateway.close());

  it("the router's steps write only what the router writes, and accept on a new thread writes no request and clears nothing", async () => {
    const updates = new Map(await updateKeys(gateway, tasks[0]!.input, "lean-1"));
    // `verify` is new to the thread; `status` is already "pending"; request, choice, call, output, error untouched.
    // With verification off the memory step and the first attempt run in accept's superstep
    // (graphs/folded-steps.ts): `memory` too, and the router's writes (the choice, the attempt, the answer...).
    const accepted = [...(updates.get("accept") ?? [])].sort();
    const acceptOwn = ["deadline_at", "memory", "messages", "verify"];
    expect(accepted).toEqual(expect.arrayContaining(acceptOwn));
    // The gateway wires the router's two nodes inline (graphs/gateway.ts): their updates are the router's writes.
    const router = [...accepted.filter((key) => !acceptOwn.includes(key)), ...(updates.get("call_model") ?? []), ...(updates.get("check_output") ?? [])];
    expect(router.length).toBeGreaterThan(0);
    for (const key of router) expect(routerWrites.has(key)).toBe(true);
    expect(router).not.toContain("request");
    expect(router).not.toContain("memory");
    const state = (await gateway.graph.getState({ configurable: { thread_id: "lean-1" } })).values;
    // What the router did not write is still the host's: the request and memory as they were.
    expect(state.request?.input).toBe(tasks[0]!.input);
    expect(state.memory).toBeDefined();
    expect(state.status).toBe("succeeded");
  });

  it("a second request on the thread starts clean: the last answer's attempts, choice and output are cleared", async () => {
    await gateway.invoke({ input: tasks[0]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" }, { threadId: "lean-2" });
    const updates = new Map(await updateKeys(gateway, tasks[1]!.input, "lean-2"));
    expect(updates.get("accept")).toEqual(expect.arrayContaining(["attempts", "choice", "output", "status"]));
    const state = (await gateway.graph.getState({ configurable: { thread_id: "lean-2" } })).values;
    expect(state.status).toBe("succeeded");
    expect(state.attempts).toHaveLength(1);
    expect(state.messages).toHaveLength(4);
    expect(state.request?.input).toBe(tasks[1]!.input);
  });

  it("on its own (the default) the router still hands back its whole state; lean, only what it writes", async () => {
    const request = gatewayRequestSchema.parse({ input: tasks[2]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" });
    const input = { request, deadline_at: gateway.engine.now() + 30_000, messages: [new HumanMessage(request.input)] };
    const whole = await buildRouterGraph().compile().invoke(input, { context: { engine: gateway.engine } });
    expect(whole.status).toBe("succeeded");
    expect(whole).toMatchObject({ request: { input: request.input } });
    const lean = await buildRouterGraph({ lean: true }).compile().invoke(input, { context: { engine: gateway.engine } });
    expect(lean.status).toBe("succeeded");
    expect(Object.keys(lean).every((key) => routerWrites.has(key))).toBe(true);
    expect("request" in lean).toBe(false);
  });
});
