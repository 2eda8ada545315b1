/**
 * scripts/check-imports.ts, the lint that holds the layer table: the repo passes, and a fixture tree with one
 * instance of each kind of problem fails with each named.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const script = path.join(root, "scripts", "check-imports.ts");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

function tree(files: Record<string, string>): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-layers-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    fs.writeFileSync(path.join(directory, file), text);
  }
  return directory;
}

async function check(directory?: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, script, ...(directory ? [`--root=${directory}`] : [])]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe("scripts/check-imports.ts", () => {
  it("passes on the repo", async () => {
    const { code, output } = await check();
    expect(output).toContain("imports ok");
    expect(code).toBe(0);
  }, 30_000);

  it("names an upward import inside src/, a shell import from nodes/, gold reaching routing, a cycle and a long file", async () => {
    const directory = tree({
      "src/state/schema.ts": 'import { mode } from "../output-modes/mode.ts";\nexport const schema = mode;\n',
      "src/output-modes/mode.ts": 'export const mode = "emit";\n',
      "src/config/defaults.ts": 'import { mode } from "../config/mode-names.ts";\nexport const defaults = mode;\n',
      "src/config/mode-names.ts": 'import { defaults } from "./defaults.ts";\nexport const mode = defaults;\n',
      "nodes/start.ts": 'import { startEmulators } from "../src/emulators/start.ts";\nexport const start = startEmulators;\n',
      "src/emulators/start.ts": "export const startEmulators = 1;\n",
      "src/routing/long.ts": "export const line = 1;\n".repeat(301),
      "src/unlisted/thing.ts": 'import { mode } from "../output-modes/mode.ts";\nexport const thing = mode;\n',
      // Gold labels stay in the harness; the ticket schema beside them holds none.
      "src/routing/steer.ts": 'import { gold } from "../workload/tasks.ts";\nexport const steer = gold;\n',
      "src/runtime/schemas.ts": 'import { schema } from "../workload/schema.ts";\nexport const schemas = [schema];\n',
      "src/workload/tasks.ts": "export const gold = 1;\n",
      "src/workload/schema.ts": "export const schema = 1;\n",
    });
    try {
      const { code, output } = await check(directory);
      expect(code).toBe(1);
      expect(output).toContain("src/state/schema.ts imports src/output-modes/mode.ts: src/state/ may not import src/output-modes/");
      expect(output).toContain("nodes/start.ts imports src/emulators/start.ts: nodes/ may not import src/emulators/");
      expect(output).toMatch(/import cycle: src\/config\/(defaults|mode-names)\.ts -> /);
      expect(output).toContain("src/routing/long.ts has 301 lines, over 300");
      expect(output).toContain("src/unlisted/ is not in the layer table");
      expect(output).toContain("src/routing/steer.ts imports src/workload/tasks.ts: src/routing/ may not import src/workload/");
      expect(output).not.toContain("src/runtime/schemas.ts");
      expect(output).toContain("6 import problem(s)");
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }, 30_000);
});
