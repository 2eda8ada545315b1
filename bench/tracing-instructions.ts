/**
 * What tracing costs inside real gateway requests, counted in instructions instead of timed: CPU time on this
 * shared 2-core machine swings by ~1 ms per ~25 ms request between identical gateways, five times the 0.2 ms
 * goal, while the instructions a request executes do not depend on what else the machine runs.
 * bench/tracing-instructions-child.ts runs under callgrind (every thread of the process counted, threads
 * serialised; the emulators answer from this process, uncounted): after a native warm-up, blocks of requests
 * rotating through three gateways, the first two untraced, the third traced (in-memory exporter,
 * the production span processor (SpanBatches), flushed inside its block). V8 runs `--predictable --predictable-gc-schedule` there: no
 * background compiler or GC thread adds a varying count to whichever block it overlaps, and heap growth, idle
 * and memory-reducing GCs no longer follow the wall clock, which callgrind and the machine's load stretch. Each
 * block ends with a full GC, counted in it (what the block left is collected there, not in a later block).
 *
 * Within one process the blocks of 10 requests still differ by far more than tracing costs (58 to 113 M
 * instructions per request in one trial before the full GC per block; 81 to 126 M of work outside GC after it:
 * events such as JIT tiering land in one block or another), so paired blocks of one process do not resolve it.
 * Between two processes on the same schedule the first block repeats (to within 0.05 and 1.1 M per request in
 * two pairs), until their histories part. So the child runs twice, at once: with the third gateway
 * traced and with it untraced. Tracing's cost is the third gateway's blocks of the first process minus the
 * same blocks of the second; the noise floor is the same difference over the untraced gateways' blocks, which
 * tracing does not touch but the two processes' diverging histories do (up to ±8 M per request by the third
 * block in a trial: more blocks, or larger ones, are needed before this resolves 0.2 ms). A block's count minus an empty block's (a dump exchange with vgdb and a full GC), per
 * request; medians over the blocks. Instructions become milliseconds at the untraced request's own rate (its
 * native CPU per request over its instructions per request, the same child run natively): an estimate, since
 * the tracer's code may run at another rate than the average request.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { median, paired } from "./paired-blocks.ts";
import { quietProfile, startEmulators } from "../src/emulators/index.ts";
import type { BenchFigure } from "./types.ts";

const run = promisify(execFile);

/** Whether callgrind can run here (valgrind and vgdb on PATH). */
export function callgrindAvailable(): boolean {
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
    execFileSync("vgdb", ["--help"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The `totals:` line of each dump file in `directory`, by the hint it was dumped with. */
function dumpTotals(directory: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const file of fs.readdirSync(directory)) {
    const text = fs.readFileSync(path.join(directory, file), "utf8");
    const hint = /^desc: Trigger: dump (\S+)$/m.exec(text)?.[1];
    const total = /^totals: (\d+)/m.exec(text)?.[1];
    if (hint !== undefined && total !== undefined) totals.set(hint, Number(total));
  }
  return totals;
}

/** Runs the child natively (for the rate), then twice under callgrind (third gateway traced, untraced), and returns the figures. */
export async function instructionFigures(): Promise<BenchFigure[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-callgrind-"));
  const emulators = await startEmulators({ profile: quietProfile() });
  try {
    const child = [process.execPath, "--predictable", "--predictable-gc-schedule", "--expose-gc", "--import", "tsx", path.join(import.meta.dirname, "tracing-instructions-child.ts")];
    const env = { ...process.env, SWITCHYARD_BENCH_EMULATOR_URLS: JSON.stringify(emulators.urls) };
    const outputOf = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as { blocks: { hint: string; path: string; requests: number }[]; cpuByHint: Record<string, number> };
    // The same child natively first: its untraced blocks' CPU per request, the emulators left out as they are
    // from the counts (they answer from this process).
    const timed = outputOf((await run(child[0]!, child.slice(1), { maxBuffer: 16 * 1024 * 1024, env: { ...env, SWITCHYARD_BENCH_NATIVE: "1" } })).stdout);
    const offCpuMs = median(timed.blocks.filter((block) => block.path === "off").map((block) => timed.cpuByHint[block.hint]! / block.requests));
    const counted = async (third: "on" | "off") => {
      const directory = path.join(root, third);
      fs.mkdirSync(directory);
      const { stdout } = await run("valgrind", ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${path.join(directory, "cg.%p")}`, ...child], { maxBuffer: 16 * 1024 * 1024, env: { ...env, SWITCHYARD_BENCH_CALLGRIND_THIRD: third } });
      const { blocks } = outputOf(stdout);
      const totals = dumpTotals(directory);
      const countOf = (hint: string) => {
        const total = totals.get(hint);
        if (total === undefined) throw new Error(`callgrind wrote no dump for block ${hint} in ${directory}`);
        return total;
      };
      const empty = median(blocks.filter((block) => block.path === "empty").map((block) => countOf(block.hint)));
      // Instructions per request of each block, in the order they ran, by path.
      const perRequest: Record<string, number[]> = { off: [], offAgain: [], on: [] };
      for (const block of blocks) if (block.requests > 0) perRequest[block.path]!.push((countOf(block.hint) - empty) / block.requests);
      return { perRequest, empty };
    };
    const [traced, untraced] = await Promise.all([counted("on"), counted("off")]);
    const cost = paired(traced.perRequest.on!, untraced.perRequest.on!);
    const noise = [...paired(traced.perRequest.off!, untraced.perRequest.off!), ...paired(traced.perRequest.offAgain!, untraced.perRequest.offAgain!)];
    const off = median(untraced.perRequest.off!);
    const msPerInstruction = offCpuMs / off;
    const millions = (value: number) => value / 1e6;
    const largest = (values: number[]) => Math.max(...values.map(Math.abs));
    const figures: BenchFigure[] = [
      { metric: "callgrind: untraced request, instructions", value: millions(off), unit: "M instr" },
      { metric: "callgrind: traced request, instructions", value: millions(median(traced.perRequest.on!)), unit: "M instr" },
      { metric: `callgrind: traced − untraced, same blocks of two processes, median of ${cost.length}`, value: millions(median(cost)), unit: "M instr", baseline: "untraced", ratio: median(traced.perRequest.on!) / median(untraced.perRequest.on!) },
      { metric: "callgrind: traced − untraced, smallest block", value: millions(Math.min(...cost)), unit: "M instr" },
      { metric: "callgrind: traced − untraced, largest block", value: millions(Math.max(...cost)), unit: "M instr" },
      { metric: `callgrind: noise, untraced blocks of the two processes, median of ${noise.length}`, value: millions(median(noise)), unit: "M instr" },
      { metric: "callgrind: noise, largest |difference|", value: millions(largest(noise)), unit: "M instr" },
      { metric: "callgrind: an empty block (dump exchange + full GC, subtracted)", value: millions(untraced.empty), unit: "M instr" },
      { metric: "untraced request's native CPU, same child (the rate)", value: offCpuMs, unit: "ms" },
      { metric: "callgrind: traced − untraced as CPU at the untraced request's rate", value: median(cost) * msPerInstruction, unit: "ms", goal: 0.2, baseline: "native CPU / instructions" },
      { metric: "callgrind: noise as CPU, largest |difference|", value: largest(noise) * msPerInstruction, unit: "ms" },
    ];
    return figures;
  } finally {
    await emulators.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
