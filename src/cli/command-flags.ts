/**
 * Every `switchyard` command and the flags its parser accepts (node:util parseArgs options). The commands parse
 * with these objects, main.ts dispatches over the same names, and test/docs/commands.test.ts checks every command
 * shown in README.md and docs/ against them without running anything.
 *
 * @example
 * parseCommandArgs("serve", ["--port", "2024"], commandFlags.serve);
 */
const common = { config: { type: "string" }, checkpoints: { type: "string" }, help: { type: "boolean" } } as const;
/** `--graph support-agent` drives the example support agent instead of the gateway. */
const graphFlag = { graph: { type: "string" } } as const;

/** Flags shared by the commands that read the guardian's state file (`events`, `guardian`). */
export const stateFileFlags = {
  json: { type: "boolean" },
  config: { type: "string" },
  state: { type: "string" },
  help: { type: "boolean" },
} as const;

export const commandFlags = {
  demo: {
    requests: { type: "string" },
    concurrency: { type: "string" },
    config: { type: "string" },
    checkpoints: { type: "string" },
    report: { type: "string" },
    help: { type: "boolean" },
  },
  run: { ...common, ...graphFlag, thread: { type: "string" }, input: { type: "string" }, message: { type: "string" }, fact: { type: "string", multiple: true } },
  state: { ...common, ...graphFlag },
  history: common,
  resume: { ...common, ...graphFlag, value: { type: "string" }, approve: { type: "boolean" }, reject: { type: "boolean" }, reason: { type: "string" }, edit: { type: "string" } },
  emulate: {
    profile: { type: "string" },
    seed: { type: "string" },
    "openai-port": { type: "string" },
    "gemini-port": { type: "string" },
    "ollama-port": { type: "string" },
  },
  serve: {
    port: { type: "string" },
    host: { type: "string" },
    config: { type: "string" },
    checkpoints: { type: "string" },
    a2a: { type: "boolean" },
    "a2a-peer": { type: "string", multiple: true },
    "a2a-keys": { type: "string" },
    "a2a-url": { type: "string" },
  },
  bench: {
    repetitions: { type: "string" },
    "policy-requests": { type: "string" },
    concurrency: { type: "string" },
    out: { type: "string" },
    profile: { type: "string" },
    drift: { type: "string" },
    "drift-at": { type: "string" },
    shipped: { type: "boolean" },
    "held-out": { type: "boolean" },
    "random-profile": { type: "string" },
    "random-drift": { type: "string" },
    "policies-only": { type: "boolean" },
    "feedback-rate": { type: "string" },
    "shadow-rate": { type: "string" },
    "policy-sees-gold": { type: "boolean" },
    "reuse-fixed": { type: "string" },
    seeds: { type: "string" },
    help: { type: "boolean" },
  },
  guardian: { watch: { type: "boolean" }, interval: { type: "string" }, ...stateFileFlags },
  doctor: { ...common, json: { type: "boolean" } },
  "import": { out: { type: "string" }, help: { type: "boolean" } },
  graph: { png: { type: "string" }, help: { type: "boolean" } },
  keys: { ...common, name: { type: "string" }, models: { type: "string" }, rpm: { type: "string" }, tpm: { type: "string" }, "budget-usd": { type: "string" }, period: { type: "string" }, json: { type: "boolean" } },
  migrate: { from: { type: "string" }, to: { type: "string" }, schema: { type: "string" }, verify: { type: "string" }, concurrency: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } },
  events: { category: { type: "string" }, kind: { type: "string" }, subject: { type: "string" }, since: { type: "string" }, limit: { type: "string" }, ...stateFileFlags },
} as const;

/** A `switchyard` command's name. */
export type CommandName = keyof typeof commandFlags;
