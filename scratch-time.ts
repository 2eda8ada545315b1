import { createGateway } from "./graphs/index.ts";
import { quietProfile } from "./src/emulators/index.ts";
import { workloadTasks } from "./src/workload/index.ts";
import { gatewayWithRouter, virtualTime } from "./test/graphs/router-graph-support.ts";
const time = virtualTime();
const profile = quietProfile();
profile.backends.openai.errors.serverError = 0.3;
const gateway = await createGateway({ emulatorProfile: profile, checkpoints: ":memory:", seed: 3, now: time.now, sleep: time.sleep });
const graph = gatewayWithRouter(gateway.persistence.checkpointer);
const tasks = workloadTasks();
const start = Date.now();
let ok = 0;
for (let i = 0; i < 100; i++) {
  const task = tasks[i % tasks.length]!;
  const state = await graph.invoke({ request: { input: task.input, task_id: task.id, schema_id: "ticket", approval: "none" } }, { configurable: { thread_id: `t${i}` }, context: { engine: gateway.engine } });
  if (state.status === "succeeded") ok++;
  if (i < 3 || state.attempts.length > 1 && i < 30) console.log(state.status, JSON.stringify(state.attempts.map(a => [a.deployment, a.mode, a.outcome, a.error_class, a.reason])), JSON.stringify(state.route_decision));
}
console.log("ok", ok, "ms", Date.now() - start, "slept", time.slept);
const t2 = Date.now();
for (let i = 0; i < 50; i++) { const task = tasks[i]!; await gateway.invoke({ input: task.input }, { threadId: `g${i}` }); }
console.log("plain gateway ms/50", Date.now() - t2);
await gateway.close();
