/**
 * What tracing costs inside real gateway requests, counted in instructions instead of timed: CPU time on this
 * shared 2-core machine swings by ~1 ms per ~24 ms request between identical gateways, five times the 0.2 ms
 * goal, while the instructions a request executes do not depend on what else the machine runs.
 * bench/tracing-instructions-child.ts runs under callgrind (every thread of the process counted, threads
 * serialised; the emulators answer from this process, uncounted); after a native warm-up it runs blocks of requests rotating through an untraced gateway (off), a
 * second untraced one (off′: the noise floor) and a traced one (on, in-memory exporter, BatchSpanProcessor,
 * flushed inside its block). V8 runs `--predictable --predictable-gc-schedule` there: no background compiler or
 * GC thread adds a varying count to whichever block it overlaps (their work lands on the main thread, in the
 * block that caused it), and heap growth, idle and memory-reducing GCs no longer follow the wall clock, which
 * callgrind and the machine's load stretch.
 * A block's count minus an empty block's (what one dump exchange with vgdb costs), per request; per round, the
 * paired differences on − off and off′ − off; their medians over the rounds are the figures. Instructions become
 * milliseconds at the untraced request's own rate (its native CPU per request / its instructions per request):
 * an estimate, since the tracer's code may run at another rate than the average request.
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

/** Runs the child natively (for the rate), then under callgrind, and returns the instruction figures. */
export async function instructionFigures(): Promise<BenchFigure[]> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-callgrind-"));
  const emulators = await startEmulators({ profile: quietProfile() });
  try {
    const child = [process.execPath, "--predictable", "--predictable-gc-schedule", "--import", "tsx", path.join(import.meta.dirname, "tracing-instructions-child.ts")];
    const env = { ...process.env, SWITCHYARD_BENCH_EMULATOR_URLS: JSON.stringify(emulators.urls) };
    const outputOf = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as { blocks: { hint: string; path: string; requests: number }[]; cpuByHint: Record<string, number> };
    // The same child natively first: its untraced blocks' CPU per request, the emulators left out as they are
    // from the counts (they answer from this process).
    const timed = outputOf((await run(child[0]!, child.slice(1), { maxBuffer: 16 * 1024 * 1024, env: { ...env, SWITCHYARD_BENCH_NATIVE: "1" } })).stdout);
    const offCpuMs = median(timed.blocks.filter((block) => block.path === "off").map((block) => timed.cpuByHint[block.hint]! / block.requests));
    const { stdout } = await run("valgrind", ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${path.join(directory, "cg.%p")}`, ...child], { maxBuffer: 16 * 1024 * 1024, env });
    const { blocks } = outputOf(stdout);
    const totals = dumpTotals(directory);
    const countOf = (hint: string) => {
      const total = totals.get(hint);
      if (total === undefined) throw new Error(`callgrind wrote no dump for block ${hint} in ${directory}`);
      return total;
    };
    const exchange = median(blocks.filter((block) => block.path === "empty").map((block) => countOf(block.hint)));
    // Per round: one block per path, in the order they ran; a block's instructions per request.
    const rounds: Record<string, number>[] = [];
    const measured = blocks.filter((block) => block.requests > 0);
    for (let index = 0; index < measured.length; index += 3) {
      const round: Record<string, number> = {};
      for (const block of measured.slice(index, index + 3)) round[block.path] = (countOf(block.hint) - exchange) / block.requests;
      rounds.push(round);
    }
    const perRequest = (key: string) => median(rounds.map((round) => round[key]!));
    const column = (key: string) => rounds.map((round) => round[key]!);
    const onDifferences = paired(column("on"), column("off"));
    const noiseDifferences = paired(column("offAgain"), column("off"));
    const off = perRequest("off");
    const msPerInstruction = offCpuMs / off;
    const millions = (value: number) => value / 1e6;
    const figures: BenchFigure[] = [
      { metric: "callgrind: off, instructions per request", value: millions(off), unit: "M instr" },
      { metric: "callgrind: off′ (second untraced gateway), instructions per request", value: millions(perRequest("offAgain")), unit: "M instr" },
      { metric: "callgrind: on, instructions per request", value: millions(perRequest("on")), unit: "M instr" },
      { metric: `callgrind: on − off, median of ${rounds.length} paired blocks`, value: millions(median(onDifferences)), unit: "M instr", baseline: "off", ratio: perRequest("on") / off },
      { metric: "callgrind: on − off, smallest pair", value: millions(Math.min(...onDifferences)), unit: "M instr" },
      { metric: "callgrind: on − off, largest pair", value: millions(Math.max(...onDifferences)), unit: "M instr" },
      { metric: "callgrind: noise, off′ − off, median of paired blocks", value: millions(median(noiseDifferences)), unit: "M instr" },
      { metric: "callgrind: noise, largest |off′ − off| pair", value: millions(Math.max(...noiseDifferences.map(Math.abs))), unit: "M instr" },
      { metric: "callgrind: one vgdb dump exchange (subtracted)", value: millions(exchange), unit: "M instr" },
      { metric: "untraced request's native CPU, same child (the rate)", value: offCpuMs, unit: "ms" },
      { metric: "callgrind: on − off as CPU at the untraced request's rate", value: median(onDifferences) * msPerInstruction, unit: "ms", goal: 0.2, baseline: "off native CPU / off instructions" },
      { metric: "callgrind: noise off′ − off as CPU, largest pair", value: Math.max(...noiseDifferences.map(Math.abs)) * msPerInstruction, unit: "ms" },
    ];
    return figures;
  } finally {
    await emulators.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
