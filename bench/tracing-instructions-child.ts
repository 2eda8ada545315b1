/**
 * The process bench/tracing-instructions.ts runs under `valgrind --tool=callgrind --instr-atstart=no`: three
 * gateways on the parent's emulators (quiet profile; untraced, a second untraced one, traced into an in-memory exporter
 * through the production span processor (SpanBatches)), warmed up natively, then blocks of real requests rotating through
 * them with callgrind's counters dumped around each block (`vgdb dump HINT`: write the counts since the last
 * dump, then zero them). The last line on stdout names each block's hint, path and request count (and, run
 * natively, each block's CPU).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { createGateway, type Gateway } from "../graphs/create-gateway.ts";
import { defaultConfigInput, parseConfigValue } from "../src/config/index.ts";
import type { EmulatorUrls } from "../src/backends/build-model.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { workloadTasks } from "../src/workload/index.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_CALLGRIND_ROUNDS ?? 4);
const BLOCK = Number(process.env.SWITCHYARD_BENCH_CALLGRIND_BLOCK ?? 10);
const WARM = Number(process.env.SWITCHYARD_BENCH_CALLGRIND_WARM ?? 40);
const DEPLOYMENT = "openai-gpt-4o-mini";

const run = promisify(execFile);
// Run natively (SWITCHYARD_BENCH_NATIVE=1) the same blocks are timed instead: the CPU of each, by its hint.
const native = process.env.SWITCHYARD_BENCH_NATIVE === "1";
const cpuByHint: Record<string, number> = {};
let lastCpu = process.cpuUsage();
/** One callgrind monitor command to this process (it answers while the process runs, so it is awaited, not blocked on). */
const monitor = async (...command: string[]) => {
  if (!native) return void (await run("vgdb", [`--pid=${process.pid}`, ...command]));
  const used = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  if (command[0] === "dump") cpuByHint[command[1]!] = (used.user + used.system) / 1000;
};

const exporter = new InMemorySpanExporter();
// Thread-lease heartbeats beat on the wall clock, which callgrind stretches ~50x and the machine's load
// stretches further: at the default 5 s they added a count that varied with load. Slowed to once per half hour.
const input = defaultConfigInput();
const slowBeats = { ...input.checkpoints, lease: { ttl_ms: 3_600_000, heartbeat_ms: 1_800_000 } };
const untraced = parseConfigValue({ ...input, checkpoints: slowBeats }, "bench/tracing-instructions-child.ts");
const traced = parseConfigValue({ ...input, checkpoints: slowBeats, telemetry: { tracing: { enabled: true, service_name: "switchyard-bench" } } }, "bench/tracing-instructions-child.ts");
// The emulators run in the parent, natively: not counted, and their timers (a stats report every 50 ms) do
// not add a count that grows with how long callgrind takes over a block.
const urls = JSON.parse(process.env.SWITCHYARD_BENCH_EMULATOR_URLS ?? "null") as EmulatorUrls | null;
if (urls === null) throw new Error("SWITCHYARD_BENCH_EMULATOR_URLS is not set: run this through bench/tracing-instructions.ts");
const emulators = async () => ({ urls, close: async () => {} });
const start = (extra: Parameters<typeof createGateway>[0] = {}) => createGateway({ emulators, checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() }, ...extra });
// SWITCHYARD_BENCH_CALLGRIND_THIRD=off: the third gateway untraced too, the rest the same. Counts repeat
// between two such processes block for block, so the "on" blocks of the two differ by tracing alone.
const thirdTraced = process.env.SWITCHYARD_BENCH_CALLGRIND_THIRD !== "off";
const gateways: Record<"off" | "offAgain" | "on", Gateway> = { off: await start({ config: untraced }), offAgain: await start({ config: untraced }), on: thirdTraced ? await start({ config: traced, tracing: { exporter } }) : await start({ config: untraced }) };
const tasks = workloadTasks();
const one = async (path: keyof typeof gateways, index: number) => {
  const gateway = gateways[path];
  const state = await gateway.invoke({ input: tasks[Math.abs(index) % tasks.length]!.input, deployment: DEPLOYMENT, mode: "emit" }, { threadId: `${path}-${index}` });
  if (state.status !== "succeeded") throw new Error(`request failed: ${state.error?.message ?? state.status}`);
};
/** A full collection (`--expose-gc`); without the flag (a plain run) none. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * A block of requests on one path; the traced one flushes its batch at the end, inside the block, as production
 * exports. It ends with a full collection, counted in it: a major GC otherwise lands in whichever block crosses
 * the heap's limit (a trial's blocks of 10 requests read 58 to 113 M instructions apiece), while one at each
 * block's end costs about the same in each and collects what that block left, the spans' garbage included.
 */
const block = async (path: keyof typeof gateways, offset: number) => {
  for (let index = 0; index < BLOCK; index++) await one(path, offset + index);
  if (path === "on") {
    await gateways.on.engine.tracing?.flush();
    exporter.reset();
  }
  collect();
};

const blocks: { hint: string; path: string; requests: number }[] = [];
try {
  for (let index = 0; index < WARM; index += BLOCK) for (const path of ["off", "offAgain", "on"] as const) await block(path, -1000 - index);
  await monitor("instrumentation", "on");
  // One block of each path after instrumentation starts, dumped and dropped: the first block in callgrind ran
  // well above the rest (twice, in a trial), whichever path it was.
  for (const path of ["off", "on", "offAgain"] as const) await block(path, -2000);
  await monitor("dump", "settle");
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // The order rotates per round, so no path always follows the same one (GC debt carries over a block's end).
    const order = (["off", "on", "offAgain"] as const).map((_, shift, all) => all[(shift + round) % all.length]!);
    for (const path of order) {
      await block(path, round * BLOCK);
      const hint = `b${count++}-${path}`;
      await monitor("dump", hint);
      blocks.push({ hint, path, requests: BLOCK });
    }
  }
  // An empty block: what a dump exchange and a full collection cost, subtracted from every block.
  for (let index = 0; index < 3; index++) {
    collect();
    const hint = `b${count++}-empty`;
    await monitor("dump", hint);
    blocks.push({ hint, path: "empty", requests: 0 });
  }
} finally {
  for (const gateway of Object.values(gateways)) await gateway.close();
}
console.log(JSON.stringify({ blocks, cpuByHint }));
