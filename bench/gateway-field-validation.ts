/**
 * What LangGraph's validation of a node's write costs per state field (issue #18): it validates each field a
 * node returns against the gateway's StateSchema (`validateInput({ [field]: value })`, one await per field).
 * Here each field of a real request's final state (one `gateway.invoke`, quiet emulators) is validated in a
 * loop once warm; printed: CPU µs per field and their sum (about what a node writing every field pays). A
 * one-off behind docs/gateway.md:
 *
 *   npx tsx bench/gateway-field-validation.ts          (ROUNDS=5000 validations per field)
 */
import { createGateway } from "../graphs/create-gateway.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { GatewayState } from "../src/state/gateway-state.ts";
import { workloadTasks } from "../src/workload/index.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 5000);
const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() } });
const state: Record<string, unknown> = await gateway.invoke({ input: workloadTasks()[0]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" }, { threadId: "field-validation" });
const fields = Object.keys(GatewayState.fields).filter((field) => state[field] !== undefined);
const perField = new Map<string, number>();
// Twice: the first round warms the JIT, the second is printed.
for (let round = 0; round < 2; round++) {
  for (const field of fields) {
    const started = process.cpuUsage();
    for (let index = 0; index < ROUNDS; index++) await GatewayState.validateInput({ [field]: state[field] });
    const used = process.cpuUsage(started);
    perField.set(field, (used.user + used.system) / ROUNDS);
  }
}
for (const [field, micros] of perField) console.log(`${field.padEnd(16)} ${micros.toFixed(2)} µs`);
console.log(`sum ${[...perField.values()].reduce((sum, micros) => sum + micros, 0).toFixed(1)} µs over ${fields.length} fields`);
await gateway.close();
