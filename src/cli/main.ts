import { SwitchyardError } from "../errors.ts";
import { benchCommand } from "./commands/bench.ts";
import { demoCommand } from "./commands/demo.ts";
import { emulateCommand } from "./commands/emulate.ts";
import { historyCommand, resumeCommand, runCommand, stateCommand } from "./commands/threads.ts";
import { didYouMean } from "../config/did-you-mean.ts";
import { EXIT_CODES, exitCodeOfError } from "./exit-codes.ts";
import type { CommandName } from "./command-flags.ts";

/** A command resolves to its exit code, or to nothing for 0 (see src/cli/exit-codes.ts). */
const commands: Record<CommandName, (argv: string[]) => Promise<void | number>> = {
  demo: demoCommand,
  run: runCommand,
  state: stateCommand,
  history: historyCommand,
  resume: resumeCommand,
  emulate: emulateCommand,
  serve: (argv) => import("./commands/serve.ts").then((module) => module.serveCommand(argv)),
  bench: benchCommand,
  guardian: (argv) => import("./commands/guardian.ts").then((module) => module.guardianCommand(argv)),
  events: (argv) => import("./commands/events.ts").then((module) => module.eventsCommand(argv)),
  doctor: (argv) => import("./commands/doctor.ts").then((module) => module.doctorCommand(argv)),
  import: (argv) => import("./commands/import-litellm.ts").then((module) => module.importCommand(argv)),
  graph: (argv) => import("./commands/graph.ts").then((module) => module.graphCommand(argv)),
  keys: (argv) => import("./commands/keys.ts").then((module) => module.keysCommand(argv)),
  migrate: (argv) => import("./commands/migrate.ts").then((module) => module.migrateCommand(argv)),
};

const help = `switchyard COMMAND [flags]

  demo      run the bundled workload across every backend x output mode (npm start)
  run       switchyard run --thread T --input FILE.json     one request on a thread
  state     switchyard state T                              the thread's latest state
  history   switchyard history T                            the thread's checkpoints
  resume    switchyard resume T --approve | --reject | --value JSON   answer an interrupted thread
            (--graph support-agent: also --edit '{ARGS}'; run/state take --graph too)
  emulate   switchyard emulate [--profile FILE]             serve the provider emulators
  serve     switchyard serve [--port 2024] [--host H]       LangGraph API + Studio on our SQLite saver and store
  bench     switchyard bench triad [--repetitions N]        the output-mode factorial study and policy comparison
  guardian  switchyard guardian [--watch]                   baselines, degradation detection and recovery
  events    switchyard events [--kind K]                    the guardian's append-only event log
  doctor    switchyard doctor [--json]                      config, backends, checkpoints, Postgres/Redis, clock, disk, incidents
  import    switchyard import litellm FILE [--out F]        a LiteLLM proxy config as switchyard.yaml
  graph     switchyard graph NAME [--png FILE]              a graph of langgraph.json as Mermaid, subgraphs expanded
  keys      switchyard keys create|list|revoke              virtual keys (budgets, rpm/tpm, model groups) for /v1
  migrate   switchyard migrate --from FILE --to postgres://…   copy a SQLite state file to Postgres, verified, re-runnable

Common flags: --config FILE (default: built-in), --checkpoints URL (default .switchyard/state.db)

Exit codes: 0 succeeded, 1 usage/config error, 2 request rejected (fix the request), 3 request failed
(backends tried), 4 waiting for a decision (switchyard resume), 5 refused by policy or reviewer, 6 thread busy
(another run holds it), 70 bug`;

/** Own names only: `switchyard toString` is an unknown command, not Object.prototype's. */
function isCommand(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help") {
    console.log(help);
    return 0;
  }
  if (!isCommand(name)) {
    const suggestion = didYouMean(name, Object.keys(commands));
    console.error(`switchyard: unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}\n\n${help}`);
    return EXIT_CODES.usage;
  }
  const command = commands[name];
  try {
    return (await command(rest)) ?? EXIT_CODES.succeeded;
  } catch (error) {
    // A SwitchyardError's message already says what, where and the fix; a stack trace would bury it.
    if (error instanceof SwitchyardError) console.error(`switchyard ${name}: ${error.message}`);
    else console.error(`switchyard ${name}: internal error (please report it with this trace):`, error);
    return exitCodeOfError(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
