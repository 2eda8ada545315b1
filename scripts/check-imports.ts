/**
 * Enforces the layer arrows (graphs -> nodes -> src; checkpoints -> saver interfaces) and finds import
 * cycles. Run by `npm run lint`; exits 1 with every offending edge named.
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
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
/** The outer shell may reach the wiring: the CLI and the server build gateways. */
const shell = ["src/cli/", "src/server/"];

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

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
const sources = layers.flatMap((layer) => (fs.existsSync(path.join(root, layer)) ? walk(path.join(root, layer)) : []));
const graph = new Map<string, string[]>();
const problems: string[] = [];

for (const file of sources) {
  const text = fs.readFileSync(file, "utf8");
  const targets: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    if (specifier === undefined) continue;
    const target = path.resolve(path.dirname(file), specifier);
    targets.push(target);
    const from = layerOf(file);
    const to = layerOf(target);
    const relative = path.relative(root, file);
    if (from === to || allowed[from].includes(to)) continue;
    if (shell.some((prefix) => relative.startsWith(prefix)) && (to === "graphs" || to === "checkpoints")) continue;
    // Persistence depends on the saver interfaces, plus the one base error class every layer shares.
    if (from === "checkpoints" && path.relative(root, target) === path.join("src", "errors.ts")) continue;
    problems.push(`${relative} imports ${path.relative(root, target)}: ${from}/ may not import ${to}/ (layers point down: graphs -> nodes -> src)`);
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

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} import problem(s).`);
  process.exit(1);
}
console.log(`imports ok: ${graph.size} files, layers respected, no cycles`);
