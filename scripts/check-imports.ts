/**
 * Enforces the layers, finds import cycles and files over 300 lines. Run by `npm run lint`; exits 1 with every
 * offending edge or file named. `--root DIR` checks another tree (the tests' fixtures); `--verbose` lists the
 * tolerated known violations.
 *
 * Top level: graphs -> nodes -> src; checkpoints -> the saver interfaces (plus src/errors.ts). Inside src/, the
 * table `srcLayers` says which folder may import which (DESIGN.md, "The house"). Type-only imports count: a
 * layer that names an upper layer's type depends on it as surely as one that calls it.
 */
import fs from "node:fs";
import path from "node:path";
import { knownLongFiles, knownViolations } from "./known-violations.ts";

const rootFlag = process.argv.find((arg) => arg.startsWith("--root="));
const root = rootFlag === undefined ? path.resolve(import.meta.dirname, "..") : path.resolve(rootFlag.slice("--root=".length));
/** STYLE.md: a file does one thing and stays under ~300 lines. */
const MAX_LINES = 300;
const layers = ["graphs", "nodes", "src", "checkpoints"] as const;
type Layer = (typeof layers)[number] | "other";

/** Which top-level folders each layer may import from (itself always allowed). */
const allowed: Record<Layer, readonly Layer[]> = {
  graphs: ["nodes", "src", "checkpoints"],
  nodes: ["src"],
  src: [],
  checkpoints: [],
  other: ["graphs", "nodes", "src", "checkpoints"],
};

const bottom = ["config", "tokens", "telemetry", "state", "threads"] as const;
const services = ["backends", "routing", "output-modes", "memory", "verification", "guardian"] as const;

/**
 * Which src/ folders each src/ folder may import (itself and src/errors.ts always). Ranked bottom-up:
 * - bottom: config, tokens, telemetry, state (the typed state schemas), threads (the worker pool);
 * - services: backends (models, prices) under routing, output-modes, memory, verification and guardian,
 *   which do not import each other except the guardian, which acts on routing and the mode policy;
 * - runtime: the engine that assembles the services;
 * - emulators and workload: the harness. The emulators are imported only by cli (and tests, bench,
 *   scripts/dev.ts); the workload's tasks and gold labels only by the emulators and cli, since gold may score a
 *   run afterwards but never steer one. Its ticket schema and seeded random (`openFiles`) anyone may import;
 * - a2a (protocol pieces any node may use) and openai (the fast path on the engine) under the shell;
 * - server and cli: the outer shell; they alone may also import graphs/ and checkpoints/.
 */
const srcLayers: Record<string, readonly string[]> = {
  config: [],
  tokens: [],
  threads: [],
  workload: [],
  telemetry: ["config"],
  state: ["config", "tokens"],
  backends: [...bottom],
  routing: [...bottom, "backends"],
  "output-modes": [...bottom, "backends"],
  memory: [...bottom, "backends"],
  verification: [...bottom, "backends"],
  guardian: [...bottom, "backends", "routing", "output-modes"],
  runtime: [...bottom, ...services],
  emulators: [...bottom, ...services, "workload"],
  // Agent-to-agent protocol pieces (cards, signatures, tokens, the client): nodes call remote agents with them.
  a2a: [...bottom, ...services],
  // The OpenAI-compatible fast path: requests straight onto the engine's routing, no graph run.
  openai: [...bottom, ...services, "runtime"],
  server: [...bottom, ...services, "runtime", "a2a", "openai"],
  cli: [...bottom, ...services, "runtime", "server", "a2a", "openai", "emulators", "workload"],
};
/** Files of a harness folder that any layer may import: no gold in them. */
const openFiles = ["src/workload/schema.ts", "src/workload/seeded-random.ts"];
/** src/ folders that graphs/, nodes/ and checkpoints/ may never import: the shell and the harness. */
const shellOnly = ["cli", "server", "emulators", "workload"];
/** What checkpoints/ may import from src/: the base error and the interfaces its stores implement. */
const persistenceInterfaces = ["src/errors.ts", "src/verification/action-ledger.ts"];
/** The outer shell may reach the wiring: the CLI and the server build gateways. */
const shell = ["cli", "server"];

function walk(directory: string, files: string[] = []): string[] {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else if (entry.name.endsWith(".ts")) files.push(full);
  }
  return files;
}

const layerOf = (file: string): Layer => {
  const top = path.relative(root, file).split(path.sep)[0];
  return (layers as readonly string[]).includes(top ?? "") ? (top as Layer) : "other";
};

/** The src/ folder of a file (`state` for src/state/x.ts), or undefined for a file directly in src/. */
function srcFolderOf(file: string): string | undefined {
  const parts = path.relative(path.join(root, "src"), file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Why an edge breaks the layers, or undefined when it keeps them. */
function violation(file: string, target: string): string | undefined {
  const from = layerOf(file);
  const to = layerOf(target);
  const toFolder = to === "src" ? srcFolderOf(target) : undefined;
  if (from === "src" && to === "src") {
    const fromFolder = srcFolderOf(file);
    if (fromFolder === undefined || toFolder === undefined || fromFolder === toFolder) return undefined;
    if (openFiles.includes(path.relative(root, target).split(path.sep).join("/"))) return undefined;
    const may = srcLayers[fromFolder];
    if (may === undefined) return `src/${fromFolder}/ is not in the layer table (scripts/check-imports.ts srcLayers): add it`;
    if (srcLayers[toFolder] === undefined) return `src/${toFolder}/ is not in the layer table (scripts/check-imports.ts srcLayers): add it`;
    return may.includes(toFolder) ? undefined : `src/${fromFolder}/ may not import src/${toFolder}/ (it may import: ${may.join(", ") || "nothing in src/"})`;
  }
  if (from !== "src" && toFolder !== undefined && shellOnly.includes(toFolder) && !openFiles.includes(path.relative(root, target).split(path.sep).join("/"))) return `${from}/ may not import src/${toFolder}/ (the outer shell and the emulators are imported only by the CLI, the dev entry and tests)`;
  if (from === to || allowed[from].includes(to)) return undefined;
  const fromFolder = from === "src" ? srcFolderOf(file) : undefined;
  if (fromFolder !== undefined && shell.includes(fromFolder) && (to === "graphs" || to === "checkpoints")) return undefined;
  // Persistence depends on the interfaces it implements (a saver on the saver interface), plus the one base
  // error class every layer shares.
  if (from === "checkpoints" && persistenceInterfaces.includes(path.relative(root, target).split(path.sep).join("/"))) return undefined;
  return `${from}/ may not import ${to}/ (layers point down: graphs -> nodes -> src)`;
}

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
const sources = layers.flatMap((layer) => (fs.existsSync(path.join(root, layer)) ? walk(path.join(root, layer)) : []));
const graph = new Map<string, string[]>();
const problems: string[] = [];
const tolerated: string[] = [];
const usedExceptions = new Set<string>();

/** Flags `text` when over the line limit (known debts tolerated with their plan). */
function checkLength(file: string, text: string): void {
  const lineCount = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lineCount <= MAX_LINES) return;
  const relative = path.relative(root, file);
  const known = knownLongFiles.find((entry) => entry.file === relative);
  if (known !== undefined) tolerated.push(`${relative}: ${lineCount} lines [known since ${known.since}: ${known.plan}]`);
  else problems.push(`${relative} has ${lineCount} lines, over ${MAX_LINES}: split it by concept`);
}

// The harness folders are outside the layer table but under the same limit: one concept per file there too.
for (const folder of ["bench", "test", "scripts", "examples"]) {
  if (fs.existsSync(path.join(root, folder))) for (const file of walk(path.join(root, folder))) checkLength(file, fs.readFileSync(file, "utf8"));
}

for (const file of sources) {
  const text = fs.readFileSync(file, "utf8");
  checkLength(file, text);
  const targets: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    if (specifier === undefined) continue;
    const target = path.resolve(path.dirname(file), specifier);
    targets.push(target);
    const reason = violation(file, target);
    if (reason === undefined) continue;
    const edge = `${path.relative(root, file)} -> ${path.relative(root, target)}`;
    const known = knownViolations.find((entry) => entry.edge === edge);
    if (known !== undefined) {
      usedExceptions.add(known.edge);
      tolerated.push(`${edge}: ${reason} [known since ${known.since}: ${known.plan}]`);
    } else {
      problems.push(`${path.relative(root, file)} imports ${path.relative(root, target)}: ${reason}`);
    }
  }
  graph.set(file, targets);
}

// Depth-first search for cycles; each cycle reported once by its smallest member.
const state = new Map<string, "visiting" | "done">();
const stack: string[] = [];
const seen = new Set<string>();
function visit(file: string): void {
  state.set(file, "visiting");
  stack.push(file);
  for (const target of graph.get(file) ?? []) {
    if (!graph.has(target)) continue;
    if (state.get(target) === "visiting") {
      const cycle = stack.slice(stack.indexOf(target)).map((entry) => path.relative(root, entry));
      const key = [...cycle].sort().join("|");
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${[...cycle, cycle[0]].join(" -> ")}`);
      }
    } else if (state.get(target) === undefined) {
      visit(target);
    }
  }
  stack.pop();
  state.set(file, "done");
}
for (const file of graph.keys()) if (!state.has(file)) visit(file);

const verbose = process.argv.includes("--verbose");
if (tolerated.length > 0) {
  console.log(`${tolerated.length} known violation(s) tolerated (scripts/known-violations.ts)${verbose ? ":" : "; --verbose lists them"}`);
  if (verbose) console.log(tolerated.map((line) => `  ${line}`).join("\n"));
}
const stale = rootFlag === undefined ? knownViolations.filter((entry) => !usedExceptions.has(entry.edge)) : [];
// A fixed edge leaves its entry behind; naming it lets whoever fixed it delete the line in the same change.
if (stale.length > 0) console.log(`no longer needed, delete from scripts/known-violations.ts:\n${stale.map((entry) => `  ${entry.edge}`).join("\n")}`);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} import problem(s).`);
  process.exit(1);
}
console.log(`imports ok: ${graph.size} files, layers respected, no cycles, no file over ${MAX_LINES} lines (bench, test, scripts and examples too) but the known ones`);
