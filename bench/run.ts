/**
 * `npm run bench` runs every benchmark; `npm run bench -- NAME` runs one. Each prints a table and writes
 * `.switchyard/bench/NAME.json` with the node version and core count, since absolute times say little on
 * shared machines: read the ratios.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderTable } from "../src/cli/table.ts";
import type { BenchResult } from "./types.ts";

const benches: Record<string, () => Promise<{ run: () => Promise<BenchResult> }>> = {
  "gateway-overhead": () => import("./gateway-overhead.ts"),
  "request-cost": () => import("./request-cost.ts"),
  checkpoints: () => import("./checkpoints.ts"),
  "checkpoints-pages": () => import("./checkpoints-pages.ts"),
  "routing-selection": () => import("./routing-selection.ts"),
  verification: () => import("./verification.ts"),
  memory: () => import("./memory.ts"),
  "token-counts": () => import("./token-counts.ts"),
  "memory-recall": () => import("./memory-recall.ts"),
  "memory-retention": () => import("./memory-retention.ts"),
  server: () => import("./server.ts"),
  triad: () => import("./triad.ts"),
  guardian: () => import("./guardian.ts"),
  "output-modes": () => import("./output-modes.ts"),
  deadline: () => import("./deadline.ts"),
  "fallback-chain": () => import("./fallback-chain.ts"),
  "slot-wait": () => import("./slot-wait.ts"),
  "reliability-soak": () => import("./reliability-soak.ts"),
  starvation: () => import("./starvation.ts"),
  "pathological-inputs": () => import("./pathological-inputs.ts"),
  "serve-crash-trials": () => import("./serve-crash-trials.ts"),
  ttl: () => import("./ttl.ts"),
  tracing: () => import("./tracing.ts"),
  "sdk-probe": () => import("./sdk-probe.ts"),
  "serve-floor": () => import("./serve-http-floor.ts"),
  "fast-path": () => import("./fast-path.ts"),
  a2a: () => import("./a2a.ts"),
  "scale-out": () => import("./scale-out.ts"),
  "virtual-keys": () => import("./virtual-keys.ts"),
};

// Names come before the first flag; what follows belongs to the bench (`npm run bench -- triad --profile FILE`).
const firstFlag = process.argv.slice(2).findIndex((arg) => arg.startsWith("-"));
const requested = process.argv.slice(2, firstFlag === -1 ? undefined : firstFlag + 2);
const unknown = requested.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(", ")}; available: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : Object.keys(benches);
for (const name of names) {
  const loader = benches[name];
  if (loader === undefined) continue;
  console.log(`\n== ${name}`);
  const result = await (await loader()).run();
  console.log(
    renderTable(
      ["metric", "value", "unit", "goal", "baseline", "ratio"],
      result.figures.map((figure) => [
        figure.metric,
        Number(figure.value.toPrecision(4)),
        figure.unit,
        figure.goal ?? "",
        figure.baseline ?? "",
        figure.ratio === undefined ? "" : Number(figure.ratio.toPrecision(3)),
      ]),
    ),
  );
  const file = path.join(".switchyard", "bench", `${result.name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ name: result.name, node: process.version, cpus: os.cpus().length, figures: result.figures }, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
