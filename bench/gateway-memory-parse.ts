/**
 * What the memory step's zod passes cost, in isolation (issue #18): one parse of a thread's memory state, fresh
 * and after a long conversation (300 ledger entries, 40 summary blocks), and one parse of the default memory
 * section. The memory step made four more state parses and three section parses a request than it does now
 * (src/state/memory-state.ts memoryStateOf, src/runtime/memory-settings.ts). A one-off behind docs/gateway.md:
 *
 *   npx tsx bench/gateway-memory-parse.ts
 */
import { defaultMemoryConfig } from "../src/config/memory-config.ts";
import { memoryStateSchema } from "../src/state/memory-state.ts";

const fresh = memoryStateSchema.parse({ tokens: 420, budget: 120_000 });
const ledger = Array.from({ length: 300 }, (_, index) => ({ text: `Fact ${index}: the customer wrote about order ORD-${1000 + index}.`, score: 2, block: index % 40 }));
const long = memoryStateSchema.parse({ ...fresh, ledger, summary_blocks: Array.from({ length: 40 }, (_, index) => `- (ai) block ${index}: a summary of moderate length.`) });

/** CPU per call (ms), median of 7 rounds of 2,000 calls. */
function cpuPerCall(call: () => unknown): number {
  const rounds = Array.from({ length: 7 }, () => {
    const started = process.cpuUsage();
    for (let index = 0; index < 2_000; index++) call();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000 / 2_000;
  });
  return rounds.sort((a, b) => a - b)[3]!;
}

console.log(`${cpuPerCall(() => memoryStateSchema.parse({ ...fresh })).toFixed(4)} ms  memory state parse, fresh thread`);
console.log(`${cpuPerCall(() => memoryStateSchema.parse({ ...long })).toFixed(4)} ms  memory state parse, 300 ledger entries and 40 summary blocks`);
console.log(`${cpuPerCall(() => defaultMemoryConfig()).toFixed(4)} ms  default memory section parse`);
