import { commandFlags } from "../command-flags.ts";
import { emulatorLauncher } from "../../emulators/index.ts";
import fs from "node:fs";
import { createGateway, type Gateway } from "../../../graphs/create-gateway.ts";
import { gatewayRequestSchema, type GatewayStateValue } from "../../state/gateway-state.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { exitCodeOf, type ExitCode } from "../exit-codes.ts";
import { printSupportAgentState, resumeSupportAgent, resumeValueOf, runSupportAgentTurn, threadGraphOf, withSupportAgent } from "./support-agent-thread.ts";


async function withGateway<T>(values: { config?: string; checkpoints?: string }, body: (gateway: Gateway) => Promise<T>): Promise<T> {
  const gateway = await createGateway({
    // The CLI is the outer shell: it starts the emulators when the config has emulated deployments.
    emulators: emulatorLauncher(),
    ...(values.config ? { configPath: values.config } : {}),
    ...(values.checkpoints ? { checkpoints: values.checkpoints } : {}),
  });
  try {
    return await body(gateway);
  } finally {
    await gateway.close();
  }
}

function readRequestFile(file: string) {
  if (!fs.existsSync(file)) throw new UsageError(`--input ${file} does not exist. Fix: pass a JSON file such as examples/request.json.`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--input ${file} is not valid JSON (${(error as Error).message}). Fix: write one JSON object with an "input" field.`);
  }
  const parsed = gatewayRequestSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${file} ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new UsageError(`${issues.join("\n")}\nFix: see examples/request.json for the fields.`);
  }
  return parsed.data;
}

interface WithInterrupts {
  __interrupt__?: { value?: unknown }[];
}

/** Prints a run's outcome and returns its exit code (src/cli/exit-codes.ts). */
function printOutcome(threadId: string, state: GatewayStateValue & WithInterrupts): ExitCode {
  const waiting = state.__interrupt__?.[0];
  if (waiting !== undefined) {
    console.log(`thread ${threadId} is waiting for a decision:\n${JSON.stringify(waiting.value, null, 2)}`);
    console.log(`Resume it (from any process): npm run switchyard -- resume ${threadId} --value '{"approved": true}'`);
    return exitCodeOf(state);
  }
  console.log(`thread ${threadId}: ${state.status}`);
  for (const [index, attempt] of state.attempts.entries()) {
    const problem = attempt.outcome === "ok" ? "" : ` ${attempt.error_class ?? ""} ${attempt.message ?? ""}`;
    console.log(`  attempt ${index + 1}: ${attempt.deployment}/${attempt.mode} ${attempt.outcome} ${attempt.latency_ms} ms (${attempt.reason})${problem}`);
  }
  if (state.output?.valid) console.log(JSON.stringify(state.output.structured, null, 2));
  if (state.error) console.log(`error ${state.error.code}: ${state.error.message}`);
  return exitCodeOf(state);
}

/** `switchyard run`: resolves to the run's exit code (0 succeeded, 2 rejected, 3 failed, 4 waiting, 5 refused). */
export async function runCommand(argv: string[]): Promise<void | number> {
  const { values } = parseCommandArgs("run", argv, commandFlags.run);
  if (threadGraphOf(values.graph) === "support-agent") {
    if (values.help || !values.thread || values.message === undefined) throw new UsageError('usage: switchyard run --graph support-agent --thread T --message "TEXT" [--fact NAME=VALUE ...] [--config FILE] [--checkpoints URL]');
    const [threadId, message] = [values.thread, values.message];
    return withSupportAgent(values, (session) => runSupportAgentTurn(session, threadId, message, values.fact ?? []));
  }
  if (values.help || !values.thread || !values.input) {
    throw new UsageError("usage: switchyard run --thread T --input FILE.json [--config FILE] [--checkpoints URL]");
  }
  const request = readRequestFile(values.input);
  const threadId = values.thread;
  return withGateway(values, async (gateway) => printOutcome(threadId, await gateway.invoke(request, { threadId })));
}

export async function resumeCommand(argv: string[]): Promise<ExitCode | void> {
  const { values, positionals } = parseCommandArgs("resume", argv, commandFlags.resume);
  const threadId = positionals[0];
  if (values.help || threadId === undefined) {
    throw new UsageError(`usage: switchyard resume T [--graph gateway|support-agent] --approve | --reject [--reason R] | --edit '{ARGS}' | --value JSON\n       switchyard resume T   (no decision: continue a gateway run stopped by a crash)`);
  }
  const graph = threadGraphOf(values.graph);
  // No decision flag on the gateway: continue a run that stopped mid-way (its process crashed).
  if (graph === "gateway" && !hasDecision(values)) return withGateway(values, (gateway) => continueCrashedThread(gateway, threadId));
  const value = resumeValueOf(graph, values);
  if (graph === "support-agent") return withSupportAgent(values, (session) => resumeSupportAgent(session, threadId, value));
  return withGateway(values, async (gateway) => {
    const snapshot = await gateway.graph.getState({ configurable: { thread_id: threadId } });
    if (snapshot.tasks.every((task) => task.interrupts.length === 0)) {
      throw new UsageError(`thread ${threadId} is not waiting for anything (next: ${snapshot.next.join(", ") || "nothing"}). Fix: check "switchyard state ${threadId}".`);
    }
    return printOutcome(threadId, await gateway.resume(threadId, value));
  });
}

function hasDecision(flags: { value?: string; approve?: boolean; reject?: boolean; edit?: string; reason?: string }): boolean {
  return flags.value !== undefined || flags.approve === true || flags.reject === true || flags.edit !== undefined || flags.reason !== undefined;
}

/**
 * `switchyard resume T` with no decision: a thread whose run was killed has steps left (next) and no
 * interrupt. It goes on from its last checkpoint under the thread's lease; tasks that finished before the
 * crash keep their writes in that checkpoint, so a completed model call is not made again.
 */
async function continueCrashedThread(gateway: Gateway, threadId: string): Promise<ExitCode> {
  const snapshot = await gateway.graph.getState({ configurable: { thread_id: threadId } });
  if (snapshot.config.configurable?.checkpoint_id === undefined) {
    throw new UsageError(`thread ${threadId} has no checkpoints in ${gateway.persistence.describe}. Fix: check the thread id and --checkpoints.`);
  }
  if (snapshot.tasks.some((task) => task.interrupts.length > 0)) {
    throw new UsageError(`thread ${threadId} is waiting for a decision. Fix: switchyard resume ${threadId} --approve | --reject [--reason R] | --value JSON.`);
  }
  if (snapshot.next.length === 0) {
    throw new UsageError(`thread ${threadId} has nothing left to run (its last run finished). Fix: start a new request with "switchyard run --thread ${threadId} --input FILE.json".`);
  }
  console.log(`thread ${threadId}: continuing from checkpoint ${snapshot.config.configurable.checkpoint_id} (next: ${snapshot.next.join(", ")})`);
  return printOutcome(threadId, await gateway.continueThread(threadId));
}

export async function stateCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs("state", argv, commandFlags.state);
  const threadId = positionals[0];
  if (values.help || threadId === undefined) throw new UsageError("usage: switchyard state T [--graph gateway|support-agent]");
  if (threadGraphOf(values.graph) === "support-agent") return withSupportAgent(values, (session) => printSupportAgentState(session, threadId), { runs: false });
  await withGateway(values, async (gateway) => {
    const snapshot = await gateway.graph.getState({ configurable: { thread_id: threadId } });
    if (snapshot.config.configurable?.checkpoint_id === undefined) {
      throw new UsageError(`thread ${threadId} has no checkpoints in ${gateway.persistence.describe}. Fix: check the thread id and --checkpoints.`);
    }
    const state = snapshot.values as GatewayStateValue;
    const interrupts = snapshot.tasks.flatMap((task) => task.interrupts.map((item) => item.value));
    console.log(JSON.stringify({ thread: threadId, checkpoint: snapshot.config.configurable.checkpoint_id, next: snapshot.next, interrupts, status: state.status, request: state.request, attempts: state.attempts, output: state.output, error: state.error }, null, 2));
  });
}

export async function historyCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs("history", argv, commandFlags.history);
  const threadId = positionals[0];
  if (values.help || threadId === undefined) throw new UsageError("usage: switchyard history T");
  await withGateway(values, async (gateway) => {
    let count = 0;
    for await (const snapshot of gateway.graph.getStateHistory({ configurable: { thread_id: threadId } })) {
      const state = snapshot.values as Partial<GatewayStateValue>;
      const step = (snapshot.metadata as { step?: number } | undefined)?.step;
      console.log(`${snapshot.config.configurable?.checkpoint_id}  step ${step ?? "?"}  next [${snapshot.next.join(", ")}]  status ${state.status ?? "-"}  attempts ${state.attempts?.length ?? 0}`);
      count++;
    }
    if (count === 0) throw new UsageError(`thread ${threadId} has no checkpoints in ${gateway.persistence.describe}.`);
  });
}
