import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Command } from "@langchain/langgraph";
import { openPersistence, type Persistence } from "../../../checkpoints/open-persistence.ts";
import { PostgresActionLedger } from "../../../checkpoints/postgres-action-ledger.ts";
import { SqliteActionLedger } from "../../../checkpoints/sqlite-action-ledger.ts";
import { SwitchyardSqliteSaver } from "../../../checkpoints/sqlite-saver.ts";
import { compileSupportAgent, defaultSupportPolicy } from "../../../graphs/support-agent.ts";
import { loadConfig } from "../../config/load.ts";
import { emulatorLauncher } from "../../emulators/index.ts";
import { startEngine, type StartedEngine } from "../../runtime/start-engine.ts";
import type { ActionLedger } from "../../verification/action-ledger.ts";
import { MemoryActionLedger } from "../../verification/memory-action-ledger.ts";
import type { Policy } from "../../verification/policy.ts";
import type { SupportAgentStateValue } from "../../verification/support-state.ts";
import { UsageError } from "../args.ts";
import { applyThreadFacts, parseFactFlags } from "./support-facts.ts";

/** The graphs `switchyard run / resume / state --graph` drive. */
export const threadGraphs = ["gateway", "support-agent"] as const;
export type ThreadGraph = (typeof threadGraphs)[number];

/** Reads `--graph` (default gateway), naming the valid choices when it is wrong. */
export function threadGraphOf(value: string | undefined): ThreadGraph {
  if (value === undefined) return "gateway";
  if ((threadGraphs as readonly string[]).includes(value)) return value as ThreadGraph;
  throw new UsageError(`--graph ${value} is not a graph the CLI runs. Fix: use one of ${threadGraphs.join(", ")}.`);
}

/** The decision flags of `switchyard resume`, one of which must be given. */
export interface DecisionFlags {
  value?: string | undefined;
  approve?: boolean | undefined;
  reject?: boolean | undefined;
  reason?: string | undefined;
  edit?: string | undefined;
}

const parseJson = (flag: string, text: string, example: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag} ${text} is not JSON. Fix: quote it, e.g. --${flag} '${example}'.`);
  }
};

/**
 * The `Command({ resume })` value the flags stand for on a graph: `--approve`, `--reject [--reason R]`,
 * `--edit ARGS` (support agent only) or a raw `--value JSON`.
 */
export function resumeValueOf(graph: ThreadGraph, flags: DecisionFlags): unknown {
  const given = (["value", "approve", "reject", "edit"] as const).filter((flag) => flags[flag] !== undefined && flags[flag] !== false);
  if (given.length !== 1) {
    throw new UsageError(`switchyard resume needs exactly one of --approve, --reject, --edit, --value (got ${given.length === 0 ? "none" : given.map((flag) => `--${flag}`).join(", ")}).`);
  }
  if (flags.reason !== undefined && flags.reject !== true) throw new UsageError("--reason goes with --reject. Fix: switchyard resume T --reject --reason 'why'.");
  if (flags.value !== undefined) return parseJson("value", flags.value, '{"approved": true}');
  if (flags.edit !== undefined) {
    if (graph !== "support-agent") throw new UsageError("--edit changes a tool call's arguments: it applies to --graph support-agent only.");
    const args = parseJson("edit", flags.edit, '{"order_id": "A100", "amount": 25}');
    if (typeof args !== "object" || args === null || Array.isArray(args)) throw new UsageError(`--edit ${flags.edit} must be a JSON object of the tool's arguments, e.g. '{"order_id": "A100", "amount": 25}'.`);
    return { decision: "edit", args };
  }
  const reason = flags.reason === undefined ? {} : graph === "gateway" ? { note: flags.reason } : { reason: flags.reason };
  if (graph === "gateway") return { approved: flags.approve === true, ...reason };
  return flags.approve === true ? { decision: "approve" } : { decision: "reject", ...reason };
}

/** The support agent on the config's persistence, with the engine whose model it calls (when it runs). */
export interface SupportAgentSession {
  graph: ReturnType<typeof compileSupportAgent>;
  engine?: StartedEngine;
  persistence: Persistence;
  /** The ledger the graph enforces from: where `--fact` flags are recorded. */
  ledger: ActionLedger;
  policy: Policy;
}

/**
 * Opens the support agent for one CLI command and closes it afterwards. `runs: false` reads checkpoints
 * only, without starting the engine (and its emulators).
 */
export async function withSupportAgent<T>(
  values: { config?: string | undefined; checkpoints?: string | undefined },
  body: (session: SupportAgentSession) => Promise<T>,
  options: { runs?: boolean } = {},
): Promise<T> {
  const config = loadConfig(values.config).config;
  const url = values.checkpoints ?? config.checkpoints.url;
  const persistence = await openPersistence(url);
  // The ledger of executed actions lives beside the checkpoints: a table in the SQLite file (the graph's
  // default for our SQLite saver), or in the same Postgres database.
  const postgresLedger = /^postgres(ql)?:\/\//.test(url) ? await PostgresActionLedger.open(url) : undefined;
  const ledger: ActionLedger =
    postgresLedger ?? (persistence.checkpointer instanceof SwitchyardSqliteSaver ? new SqliteActionLedger(persistence.checkpointer.database) : new MemoryActionLedger());
  const policy = defaultSupportPolicy();
  try {
    const engine = options.runs === false ? undefined : await startEngine({ config, store: persistence.store, emulators: emulatorLauncher() });
    try {
      const risk = config.verification?.risk;
      const monitor = risk === undefined ? {} : { monitor: { horizon: risk.horizon, threshold: risk.threshold, onRisk: risk.on_exceed, onUnseen: risk.on_unseen } };
      const graph = compileSupportAgent({ checkpointer: persistence.checkpointer, store: persistence.store, policy, ledger, ...monitor });
      return await body({ graph, persistence, ledger, policy, ...(engine === undefined ? {} : { engine }) });
    } finally {
      await engine?.close();
    }
  } finally {
    await postgresLedger?.close();
    await persistence.close();
  }
}

const runConfig = (session: SupportAgentSession, threadId: string) => ({ configurable: { thread_id: threadId }, context: session.engine === undefined ? {} : { engine: session.engine } });

/** Sends one user message to the support agent and prints what ran, what was blocked, and any pause. */
export async function runSupportAgentTurn(session: SupportAgentSession, threadId: string, message: string, facts: readonly string[] = []): Promise<void> {
  await applyThreadFacts(session.ledger, threadId, parseFactFlags(facts, session.policy));
  printSupportOutcome(threadId, await session.graph.invoke({ messages: [new HumanMessage(message)] }, runConfig(session, threadId)));
}

/** Answers the pending approval of a support-agent thread. */
export async function resumeSupportAgent(session: SupportAgentSession, threadId: string, value: unknown): Promise<void> {
  const snapshot = await session.graph.getState({ configurable: { thread_id: threadId } });
  if (snapshot.tasks.every((task) => task.interrupts.length === 0)) {
    throw new UsageError(`support-agent thread ${threadId} is not waiting for a decision (next: ${snapshot.next.join(", ") || "nothing"}). Fix: check "switchyard state ${threadId} --graph support-agent".`);
  }
  printSupportOutcome(threadId, await session.graph.invoke(new Command({ resume: value }), runConfig(session, threadId)));
}

/** Prints a support-agent thread's latest checkpoint as JSON: pending approvals, executed and blocked calls. */
export async function printSupportAgentState(session: SupportAgentSession, threadId: string): Promise<void> {
  const snapshot = await session.graph.getState({ configurable: { thread_id: threadId } });
  if (snapshot.config.configurable?.checkpoint_id === undefined) {
    throw new UsageError(`support-agent thread ${threadId} has no checkpoints in ${session.persistence.describe}. Fix: check the thread id and --checkpoints.`);
  }
  const state = snapshot.values as SupportAgentStateValue;
  const interrupts = snapshot.tasks.flatMap((task) => task.interrupts.map((item) => item.value));
  console.log(JSON.stringify({ thread: threadId, next: snapshot.next, interrupts, executed: state.executed, blocked: state.blocked, monitor: state.monitor }, null, 2));
}

function printSupportOutcome(threadId: string, state: SupportAgentStateValue & { __interrupt__?: { value?: unknown }[] }): void {
  const waiting = state.__interrupt__?.[0];
  if (waiting !== undefined) {
    const resume = `npm run switchyard -- resume ${threadId} --graph support-agent`;
    console.log(`support-agent thread ${threadId} is waiting for a decision:\n${JSON.stringify(waiting.value, null, 2)}`);
    const args = (waiting.value as { args?: unknown } | undefined)?.args ?? {};
    console.log(`Decide (from any process sharing the checkpoints):\n  ${resume} --approve\n  ${resume} --edit '${JSON.stringify(args)}'\n  ${resume} --reject --reason "why"`);
    return;
  }
  console.log(`support-agent thread ${threadId}: finished`);
  for (const execution of state.executed) console.log(`  ran ${execution.tool} ${JSON.stringify(execution.args)}: ${execution.result}`);
  for (const blocked of state.blocked) console.log(`  blocked ${blocked.tool} ${JSON.stringify(blocked.args)}: ${blocked.reasons.join("; ")}`);
  const reply = state.messages.findLast((message) => AIMessage.isInstance(message) && (message.tool_calls ?? []).length === 0);
  if (reply !== undefined) console.log(`  agent: ${typeof reply.content === "string" ? reply.content : JSON.stringify(reply.content)}`);
}
