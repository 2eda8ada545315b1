/**
 * `npx tsx bench/serve-ab.ts`: the A2A and runs/wait hops of two or more checkouts, alternated. Each pass runs
 * `bench/run.ts a2a` (SendMessage, runs/wait and in-process invoke on one server in one process) in every
 * checkout in turn, the order reversed every other pass, and prints per checkout and pass: SendMessage and
 * runs/wait p50 over invoke, and CPU per SendMessage and per runs/wait (client and server, one process), the
 * same two in process without HTTP, and a bare fetch round trip, with the load average beside each pass. For A/B of a change to the serving path, where one run's spread hides it.
 * Checkouts are directories with src/ and node_modules (e.g. `git archive HEAD~1 | tar -x -C /tmp/base`):
 * SERVE_AB_ROOTS=/tmp/base,$PWD SERVE_AB_PASSES=4 SWITCHYARD_BENCH_ROUNDS=200 npx tsx bench/serve-ab.ts
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchFigure } from "./types.ts";

const roots = (process.env.SERVE_AB_ROOTS ?? process.cwd()).split(",");
const PASSES = Number(process.env.SERVE_AB_PASSES ?? 4);
const shown: Array<[string, (figures: Map<string, BenchFigure>) => number]> = [
  ["SendMessage - invoke p50 (ms)", (figures) => value(figures, "SendMessage overhead p50 (SendMessage - invoke)")],
  ["runs/wait - invoke p50 (ms)", (figures) => value(figures, "LangGraph API runs/wait p50 (same server, stateless)") - value(figures, "graph.invoke p50")],
  ["CPU per SendMessage (ms)", (figures) => value(figures, "CPU per SendMessage (client and server, one process)")],
  ["CPU per runs/wait (ms)", (figures) => value(figures, "CPU per runs/wait (client and server, one process)")],
  ["CPU per invoke (ms)", (figures) => value(figures, "CPU per graph.invoke")],
  // The server's own work (app.request, no socket, no SDK client) and the fetch floor; NaN for a checkout whose bench lacks them.
  ["CPU per SendMessage in process (ms)", (figures) => value(figures, "CPU per SendMessage in process (app.request)")],
  ["CPU per runs/wait in process (ms)", (figures) => value(figures, "CPU per runs/wait in process (app.request)")],
  ["CPU per fetch GET /ok (ms)", (figures) => value(figures, "HTTP floor: CPU per fetch GET /ok (client and server)")],
  ["CPU per runs/wait on a thread with history (ms)", (figures) => value(figures, "CPU per runs/wait on a thread with history, in process")],
  ["runs/wait on a thread with history p50 (ms)", (figures) => value(figures, "runs/wait on a thread with history (140 to 260 messages), in process p50")],
];

function value(figures: Map<string, BenchFigure>, metric: string): number {
  return figures.get(metric)?.value ?? Number.NaN;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function runOnce(root: string): Map<string, BenchFigure> {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  execFileSync(process.execPath, [tsx, path.join(root, "bench/run.ts"), "a2a"], { cwd: root, stdio: "ignore", env: process.env });
  const written = JSON.parse(fs.readFileSync(path.join(root, ".switchyard/bench/a2a.json"), "utf8")) as { figures: BenchFigure[] };
  return new Map(written.figures.map((figure) => [figure.metric, figure]));
}

const results = roots.map((): number[][] => shown.map(() => []));
const loads: string[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  const order = roots.map((_, index) => (pass % 2 === 0 ? index : roots.length - 1 - index));
  for (const index of order) {
    const figures = runOnce(roots[index] as string);
    shown.forEach(([, read], row) => results[index]?.[row]?.push(read(figures)));
  }
  loads.push(os.loadavg()[0]?.toFixed(1) ?? "?");
  console.log(`pass ${pass + 1} of ${PASSES} done, load ${loads[loads.length - 1]}`);
}
console.log(`load after each pass: ${loads.join(" ")}`);
roots.forEach((root, index) => {
  console.log(root);
  shown.forEach(([label], row) => {
    const values = results[index]?.[row] ?? [];
    console.log(`  ${label}: ${values.map((entry) => entry.toFixed(2)).join(" ")}; median ${median(values).toFixed(2)}`);
  });
});
