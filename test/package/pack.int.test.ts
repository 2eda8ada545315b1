/**
 * The package as a user receives it: `npm pack` (which runs prepack: the tsc build into dist/), unpacked into a
 * fresh project's node_modules/switchyard, its dependencies linked from this repo's node_modules (no registry).
 * Plain `node` imports the root and `switchyard/checkpoints`; tsc checks a TypeScript consumer and the examples
 * against the shipped .d.ts; the examples run against the package; the bin answers.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
const examples = ["invoke.ts", "router-only.ts", "saver-only.ts"];

const consumerMjs = `
import { createGateway, GatewayState, buildRouterGraph, buildMemoryGraph, buildVerificationGraph, buildGuardianGraph,
  buildSupportAgentGraph, acceptRequest, routeAndCall, checkOutput, startEngine, SwitchyardError, EmulatorsRequiredError } from "switchyard";
import { openSqliteSaver, openSqliteStore } from "switchyard/checkpoints";
import { emulatorLauncher } from "switchyard/emulators";
const exported = { GatewayState, buildRouterGraph, buildMemoryGraph, buildVerificationGraph, buildGuardianGraph,
  buildSupportAgentGraph, acceptRequest, routeAndCall, checkOutput, startEngine, SwitchyardError, openSqliteSaver, openSqliteStore };
const missing = Object.entries(exported).filter(([, value]) => value === undefined).map(([name]) => name);
if (missing.length > 0) throw new Error("missing exports: " + missing.join(", "));
// The built-in config's backends are emulated: without the harness the engine says so instead of faking them.
const refused = await createGateway({ checkpoints: ":memory:" }).then(() => "started", (error) => error);
if (!(refused instanceof EmulatorsRequiredError)) throw new Error("expected EmulatorsRequiredError, got " + refused);
const gateway = await createGateway({ checkpoints: ":memory:", emulators: emulatorLauncher() });
try {
  const state = await gateway.invoke({ input: "Order ORD-4411 arrived broken, I want a refund. — Ana" }, { threadId: "pack-1" });
  console.log("status:", state.status);
} finally {
  await gateway.close();
}
openSqliteSaver(":memory:").close();
`;

const consumerTs = `
import { createGateway, type Gateway, type GatewayStateValue, type Engine } from "switchyard";
import { emulatorLauncher } from "switchyard/emulators";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "switchyard/checkpoints";

export async function answer(input: string): Promise<GatewayStateValue["status"]> {
  const gateway: Gateway = await createGateway({ checkpoints: ":memory:", emulators: emulatorLauncher() });
  const engine: Engine | undefined = undefined;
  void engine;
  // @ts-expect-error checkpoints is a path or URL: a real type, not any, reached the consumer
  await createGateway({ checkpoints: 42 });
  const state = await gateway.invoke({ input }, { threadId: "t" });
  await gateway.close();
  return state.status;
}
export const saver: SwitchyardSqliteSaver = openSqliteSaver(":memory:");
`;

const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  },
  include: ["*.ts"],
};

/** The fenced `ts` blocks of README.md that import from the package. */
function readmeExamples(): string[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "").filter((code) => /from "switchyard(\/checkpoints|\/emulators)?"/.test(code));
}

/** Links a dependency from the repo, as an install would place it (scoped names get their scope folder). */
function link(consumer: string, name: string): void {
  const target = path.join(consumer, "node_modules", name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(path.join(root, "node_modules", name), target, "dir");
}

describe.concurrent("the packed package", () => {
  let directory: string;
  let consumer: string;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-pack-"));
    consumer = path.join(directory, "consumer");
    await run("npm", ["pack", "--pack-destination", directory], { cwd: root, env: { ...process.env, npm_config_update_notifier: "false" }, maxBuffer: 16 << 20 });
    const tarball = fs.readdirSync(directory).find((file) => file.endsWith(".tgz"));
    if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${directory}`);
    fs.mkdirSync(path.join(consumer, "node_modules"), { recursive: true });
    await run("tar", ["-xzf", path.join(directory, tarball), "-C", path.join(consumer, "node_modules")]);
    fs.renameSync(path.join(consumer, "node_modules", "package"), path.join(consumer, "node_modules", "switchyard"));
    for (const name of [...Object.keys(manifest.dependencies), "@types/node"]) link(consumer, name);
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify(tsconfig));
    fs.writeFileSync(path.join(consumer, "consumer.mjs"), consumerMjs);
    fs.writeFileSync(path.join(consumer, "consumer.ts"), consumerTs);
    // The README's TypeScript examples that import the package are type-checked as they stand.
    readmeExamples().forEach((code, index) => fs.writeFileSync(path.join(consumer, `readme-${index + 1}.ts`), code));
    // The examples import the repo's sources; in a user's project the same lines read "switchyard".
    for (const example of examples) {
      const text = fs.readFileSync(path.join(root, "examples", example), "utf8");
      fs.writeFileSync(path.join(consumer, example), text.replaceAll('"../index.ts"', '"switchyard"').replaceAll('"../checkpoints/index.ts"', '"switchyard/checkpoints"').replaceAll('"../src/emulators/index.ts"', '"switchyard/emulators"'));
    }
  }, 180_000);

  afterAll(() => {
    if (directory !== undefined) fs.rmSync(directory, { recursive: true, force: true });
  });

  it("ships JavaScript and declarations, not the TypeScript sources", () => {
    const installed = path.join(consumer, "node_modules", "switchyard");
    expect(fs.existsSync(path.join(installed, "dist", "index.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "index.d.ts"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "checkpoints", "index.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "src"))).toBe(false);
  });

  it("imports createGateway from 'switchyard' and the saver from 'switchyard/checkpoints' on plain node, and answers", async () => {
    const { stdout } = await run(process.execPath, ["consumer.mjs"], { cwd: consumer });
    expect(stdout).toContain("status: succeeded");
  }, 60_000);

  it("type-checks a TypeScript consumer, the examples and the README's examples against the shipped declarations", async () => {
    expect(readmeExamples().length).toBeGreaterThanOrEqual(2);
    await expect(run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], { cwd: consumer })).resolves.toBeDefined();
  }, 90_000);

  it.each(examples)("runs examples/%s against the package", async (example) => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", example], { cwd: consumer });
    const expected: Record<string, RegExp> = { "invoke.ts": /status: succeeded/, "router-only.ts": /status: succeeded/, "saver-only.ts": /notes: note 1, note 2/ };
    expect(stdout).toMatch(expected[example] ?? /never/);
  }, 60_000);

  it("runs the switchyard bin from the package", async () => {
    const { stdout } = await run(process.execPath, [path.join(consumer, "node_modules", "switchyard", "bin", "switchyard.mjs"), "help"], { cwd: consumer });
    expect(stdout).toContain("switchyard COMMAND");
  }, 30_000);
});
