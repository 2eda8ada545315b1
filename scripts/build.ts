/**
 * Builds the package's JavaScript (`npm run build`, run by `prepack`): tsc with tsconfig.build.json into dist/,
 * then the data files the code reads beside itself (tsc copies only what it compiles). A consumer on plain
 * Node cannot load .ts from node_modules, so the package ships dist/.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, "dist");

/** Read at run time by path relative to the module that reads them; each lands where that module's build does. */
const assets = [
  "src/workload/tickets.json", // src/workload/tasks.ts
  "policies", // nodes/support-agent.ts: ../policies/support.yaml
];

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
for (const asset of assets) fs.cpSync(path.join(root, asset), path.join(dist, asset), { recursive: true });
console.log(`built ${path.relative(process.cwd(), dist) || "."}/ (${assets.length} asset paths copied)`);
