/** The real gateway graph on emulators under a virtual clock, for the router's fault and fallback tests. */
import type { Routing } from "../../src/runtime/routing.ts";
import { createGateway, type CompiledGateway, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput, parseConfigValue, type SwitchyardConfigInput } from "../../src/config/index.ts";
import { emulatorLauncher, type EmulatorProfile, type RunningEmulators } from "../../src/emulators/index.ts";
import type { GatewayStateValue } from "../../src/state/gateway-state.ts";
import { workloadTasks } from "../../src/workload/index.ts";
import { seeded } from "../src/routing/fixtures.ts";
import { virtualTime } from "../support/test-clocks.ts";

export const tasks = workloadTasks();

export interface Harness {
  gateway: Gateway<RunningEmulators>;
  graph: CompiledGateway;
  time: ReturnType<typeof virtualTime>;
  planner: Routing;
  run(index: number, extra?: Record<string, unknown>): Promise<{ state: GatewayStateValue; endedAt: number }>;
}

export async function harness(
  profile: EmulatorProfile,
  config: SwitchyardConfigInput = defaultConfigInput(),
  onSleep?: (ms: number) => void,
  time: ReturnType<typeof virtualTime> & { timeout?: (ms: number) => AbortSignal } = virtualTime(),
): Promise<Harness> {
  const sleep = async (ms: number) => {
    onSleep?.(ms);
    await time.sleep(ms);
  };
  const gateway = await createGateway({ config: parseConfigValue(config, "test"), emulators: emulatorLauncher({ profile: profile }), checkpoints: ":memory:", seed: 5, random: seeded(29), now: time.now, sleep, ...(time.timeout ? { timeout: time.timeout } : {}) });
  // The real gateway graph (graphs/gateway.ts) on the gateway's own checkpointer, run as the server runs it.
  const graph = gateway.graph;
  let thread = 0;
  return {
    gateway,
    graph,
    time,
    planner: gateway.engine.routing,
    async run(index, extra = {}) {
      const task = tasks[index % tasks.length]!;
      const request = { input: task.input, task_id: task.id, schema_id: "ticket", approval: "none", ...extra };
      thread += 1;
      const state = await graph.invoke({ request } as never, { configurable: { thread_id: `fault-${thread}` }, context: { engine: gateway.engine } });
      return { state, endedAt: time.now() };
    },
  };
}
