/**
 * Every command shown in README.md and docs/ still parses: fenced `sh`/`bash` blocks are read, and each
 * `switchyard` command is checked against the CLI's own flag table (src/cli/command-flags.ts) with the parser the
 * CLI uses, each bench name against bench/run.ts, each `npm run X` against package.json, each `npx tsx FILE` and
 * `npx vitest run PATH` against the tree. Nothing is run.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { commandFlags } from "../../src/cli/command-flags.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
// bench/run.ts runs on import, so its registry is read as text: the keys of `const benches = { ... }`.
const benchRunner = fs.readFileSync(path.join(root, "bench", "run.ts"), "utf8");
const benchNames = [...(benchRunner.match(/const benches[^{]*\{([\s\S]*?)\n\};/)?.[1] ?? "").matchAll(/^\s*"?([\w-]+)"?: \(\) => import/gm)].map((match) => match[1]);

interface Shown {
  file: string;
  line: number;
  text: string;
}

/** The command lines of every fenced sh/bash block in README.md and docs/ (continuations joined). */
function shownCommands(): Shown[] {
  const files = ["README.md", ...fs.readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md")).map((file) => path.join("docs", file))];
  const shown: Shown[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(root, file), "utf8").split("\n");
    let inBlock = false;
    let pending: Shown | undefined;
    lines.forEach((raw, index) => {
      const fence = /^\s*```(\w*)/.exec(raw);
      if (fence) {
        inBlock = !inBlock && (fence[1] === "sh" || fence[1] === "bash");
        return;
      }
      if (!inBlock) return;
      const line = pending ? `${pending.text} ${raw.trim()}` : raw.trim();
      const start = pending?.line ?? index + 1;
      if (line.endsWith("\\")) {
        pending = { file, line: start, text: line.slice(0, -1).trim() };
        return;
      }
      pending = undefined;
      if (line !== "" && !line.startsWith("#")) shown.push({ file, line: start, text: line });
    });
  }
  return shown;
}

/** Shell words of one line: quotes kept together and removed, an unquoted `#` starts a comment. */
function words(line: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  let quote: string | undefined;
  const end = () => {
    // Usage-style optional parts (`[--drift FILE]`) are checked as the flags they are.
    if (word !== undefined) commands.at(-1)?.push(word.replace(/^\[/, "").replace(/\]$/, ""));
    word = undefined;
  };
  for (let index = 0; index < line.length; index++) {
    const char = line[index] as string;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word = (word ?? "") + char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word = word ?? "";
    } else if (char === "#" && word === undefined) {
      break;
    } else if (/\s/.test(char)) {
      end();
    } else if (char === "&" || char === ";" || char === "|") {
      end();
      if (line[index + 1] === char) index++;
      commands.push([]);
    } else {
      word = (word ?? "") + char;
    }
  }
  end();
  // Leading VAR=value assignments and `export` are the shell's, not the command's.
  return commands.map((command) => command.slice(command.findIndex((token) => !/^[A-Z_][A-Z0-9_]*=/.test(token)))).filter((command) => command.length > 0 && command[0] !== "export");
}

/** Why a shown command would not parse, or undefined. */
function problemOf(command: string[]): string | undefined {
  const [program, ...rest] = command;
  let cli: string[] | undefined;
  if (program === "switchyard") cli = rest;
  if (program === "npx" && rest[0] === "switchyard") cli = rest.slice(1);
  if (program === "npm" && rest[0] === "run" && rest[1] === "switchyard") cli = rest[2] === "--" ? rest.slice(3) : [];
  if (program === "npm" && rest[0] === "start") cli = ["demo", ...(rest[1] === "--" ? rest.slice(2) : [])];
  if (cli !== undefined) return cliProblem(cli);
  if (program === "npm" && (rest[0] === "run" || rest[0] === "test" || rest[0] === "start")) {
    const script = rest[0] === "run" ? rest[1] : rest[0];
    if (script === undefined || !scripts.includes(script)) return `npm script "${script}" is not in package.json (has: ${scripts.join(", ")})`;
    if (script === "bench" && rest[2] === "--") {
      const firstFlag = rest.findIndex((token, index) => index > 2 && token.startsWith("-"));
      const names = rest.slice(3, firstFlag === -1 ? undefined : firstFlag);
      const unknown = names.filter((name) => !benchNames.includes(name));
      if (unknown.length > 0) return `bench ${unknown.join(", ")} is not registered in bench/run.ts (has: ${benchNames.join(", ")})`;
    }
    return undefined;
  }
  if (program === "npx" && rest[0] === "tsx") return missing(rest.slice(1).filter((token) => !token.startsWith("-")).slice(0, 1));
  if (program === "npx" && rest[0] === "vitest") return missing(rest.slice(rest[1] === "run" ? 2 : 1).filter((token) => !token.startsWith("-")));
  return undefined;
}

function missing(paths: string[]): string | undefined {
  const absent = paths.filter((file) => !fs.existsSync(path.join(root, file)));
  return absent.length > 0 ? `${absent.join(", ")} does not exist` : undefined;
}

function cliProblem(argv: string[]): string | undefined {
  const [name, ...flags] = argv;
  if (name === undefined || name === "help" || name === "--help") return undefined;
  if (!Object.hasOwn(commandFlags, name)) return `"switchyard ${name}" is not a command (has: ${Object.keys(commandFlags).join(", ")})`;
  try {
    parseArgs({ args: flags, options: commandFlags[name as keyof typeof commandFlags], allowPositionals: true, strict: true });
    return undefined;
  } catch (error) {
    return `switchyard ${name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe("commands shown in README.md and docs/", () => {
  const shown = shownCommands();

  it("finds the commands to check", () => {
    expect(benchNames).toContain("gateway-overhead");
    expect(shown.filter((entry) => /switchyard/.test(entry.text)).length).toBeGreaterThan(10);
  });

  it("every one parses against the CLI, the bench registry, package.json and the tree", () => {
    const commands = shown.flatMap((entry) => words(entry.text));
    console.log(`checked ${commands.length} commands from ${new Set(shown.map((entry) => entry.file)).size} files`);
    const problems = shown.flatMap((entry) => words(entry.text).flatMap((command) => {
      const problem = problemOf(command);
      return problem === undefined ? [] : [`${entry.file}:${entry.line}: ${entry.text}\n    ${problem}`];
    }));
    expect(problems).toEqual([]);
  });

  it("every registered bench has a row in docs/benchmarks.md", () => {
    const table = fs.readFileSync(path.join(root, "docs", "benchmarks.md"), "utf8");
    expect(benchNames.filter((name) => !table.includes(`| \`${name}\` |`))).toEqual([]);
  });

  it("catches a misspelt flag, an unknown command, bench, script and file", () => {
    expect(problemOf(words("npm run switchyard -- serve --prot 2024")[0] ?? [])).toMatch(/Unknown option '--prot'/);
    expect(problemOf(words("npx switchyard servve")[0] ?? [])).toMatch(/not a command/);
    expect(problemOf(words("npm run bench -- gateway-overheads")[0] ?? [])).toMatch(/not registered/);
    expect(problemOf(words("npm run bulid")[0] ?? [])).toMatch(/not in package.json/);
    expect(problemOf(words("npx tsx examples/nope.ts")[0] ?? [])).toMatch(/does not exist/);
    expect(problemOf(words("npm run switchyard -- bench triad [--drift FILE --drfit-at 0.5]")[0] ?? [])).toMatch(/Unknown option '--drfit-at'/);
    expect(problemOf(words("SWITCHYARD_SOAK_SECONDS=1200 npm run bench -- reliability-soak # 20 min")[0] ?? [])).toBeUndefined();
  });
});
