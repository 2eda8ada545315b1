import { replyText } from "../src/tokens/content-text.ts";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig, Runtime } from "@langchain/langgraph";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { normaliseActionName } from "../src/verification/action-name.ts";
import { callKey, ledgerView } from "../src/verification/ledger-view.ts";
import { scopesOf } from "../src/verification/scoped-limits.ts";
import { redactAnswer } from "../src/verification/safety-check.ts";
import type { SupportAgentStateUpdate, SupportAgentStateValue } from "../src/verification/support-state.ts";
import { SupportToolLedger, supportToolSpecs, type ToolExecution } from "../src/verification/support-tools.ts";
import { engineOf, type GatewayContext } from "./context.ts";
import { oneReplyPerCall, persistMdp, threadIdOf, viewOf, type SupportEnforcement } from "./support-enforcement.ts";

/** What a support-agent run carries: the engine (or a model) and the (fake) tools. Enforcement is bound at compile time. */
export interface SupportAgentContext extends GatewayContext {
  model?: BaseChatModel;
  /** Deployment whose model the agent uses (default: the config's first). */
  deployment?: string;
  /** The tools' world (fake, in memory): records what really ran, for tests. */
  tools?: SupportToolLedger;
}
export type SupportAgentRuntime = Runtime<SupportAgentContext>;

/** The example policy, policies/support.yaml. */
export const supportPolicyPath = fileURLToPath(new URL("../policies/support.yaml", import.meta.url));
const defaultTools = new SupportToolLedger();

const system = new SystemMessage(
  "You are a customer-support agent. Use the tools to look up orders, refund, lock the database and write to it, and email customers. " +
    "You may submit the whole plan first with submit_plan; every plan is proved against the policy before any step runs.",
);
const maxTurns = 8;

/** Calls the chat model with the support tools bound; the prover and the monitor check whatever it proposes. */
export async function supportAgent(state: SupportAgentStateValue, runtime: SupportAgentRuntime): Promise<SupportAgentStateUpdate> {
  let model = runtime.context?.model;
  if (model === undefined) {
    const engine = engineOf(runtime);
    model = engine.model(runtime.context?.deployment ?? engine.config.deployments[0]?.id ?? "");
  }
  if (model.bindTools === undefined) throw new Error("the support agent needs a chat model that supports tool calling");
  const reply = await model.bindTools(supportToolSpecs.map((spec) => ({ name: spec.name, description: spec.description, schema: spec.schema }))).invoke([system, ...state.messages]);
  // The ledger names a call by its message's id and its tool call id: every turn's message gets an id of its
  // own (a provider's, or a fresh one), so a call repeated in a later turn is a new call, and only a replay
  // of this very message is recognised as one. A client or proxy that numbers replies per process would
  // repeat an id when a thread goes on in another process: keep each turn's.
  const id = reply.id === undefined ? randomUUID() : state.messages.some((message) => message.id === reply.id) ? `${reply.id}-turn${state.turns + 1}` : reply.id;
  // A new message, not an assignment to `reply.id`: the serializer writes the constructor's fields.
  const message = new AIMessage({
    id,
    content: reply.content,
    tool_calls: reply.tool_calls ?? [],
    additional_kwargs: reply.additional_kwargs,
    response_metadata: reply.response_metadata,
    ...(reply.usage_metadata ? { usage_metadata: reply.usage_metadata } : {}),
  });
  return { messages: [message], turns: state.turns + 1 };
}

/**
 * tools: the executor. Each cleared step runs only after an atomic append to the ledger that checks again,
 * inside the ledger's transaction: the call was cleared by the monitor with these arguments, the policy's rules
 * hold on the ledger's state now (another process may have used the last slot meanwhile), and any approval it
 * needs is in the ledger. A call the ledger already holds (a replay) is not run again. Nothing here trusts
 * `pending`: a forged `Command` that fills it runs nothing.
 */
export function runSupportTools(enforcement: SupportEnforcement) {
  return async function tools(state: SupportAgentStateValue, config: LangGraphRunnableConfig & { context?: SupportAgentContext }): Promise<SupportAgentStateUpdate> {
    const threadId = threadIdOf();
    const world = config.context?.tools ?? defaultTools;
    const { policy, monitor, ledger } = enforcement;
    const executed: ToolExecution[] = [];
    const blocked: SupportAgentStateValue["blocked"] = [];
    const messages: ToolMessage[] = [];
    let refused: string | undefined;
    for (const call of state.pending) {
      if (refused !== undefined) {
        blocked.push({ id: call.id, tool: call.name, args: call.args, reasons: [`not run: an earlier step was refused (${refused})`] });
        messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, status: "error", content: `Not run: an earlier step was refused (${refused})` }));
        continue;
      }
      const key = callKey(call.ledger_id, call.name, call.args);
      let before = (await viewOf(enforcement, threadId)).state;
      // The scopes this call counts under across threads (the customer's refunds), from the thread's facts now.
      const scopes = scopesOf(policy, before.facts ?? {}, normaliseActionName(call.name));
      const entry = { kind: "executed" as const, callId: call.ledger_id, action: call.name, args: call.args, ...(scopes.length === 0 ? {} : { scopes }) };
      const result = await ledger.append(threadId, entry, (lineage, scoped) => {
        const view = ledgerView(policy, lineage, scoped);
        before = view.state;
        // A fact changed since the scopes were read: the count would land in the wrong scope.
        if (scopesOf(policy, view.state.facts ?? {}, normaliseActionName(call.name)).join("\n") !== scopes.join("\n")) return "the thread's facts changed while the call was checked; run it again";
        if (!view.cleared.has(key)) return "the call is not a cleared step of the proved plan";
        const decision = monitor.check(view.state, call.name, call.args, { approved: view.approved.has(key), rulesOnly: true });
        if (decision.verdict === "block") return decision.reasons.join("; ");
        if (decision.verdict === "approve") return "it needs an approval the ledger does not hold";
        return undefined;
      });
      if (result.status === "refused") {
        refused = result.reason;
        monitor.mdp?.observe(before, call.name, "violation");
        blocked.push({ id: call.id, tool: call.name, args: call.args, reasons: [result.reason] });
        messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, status: "error", content: `Blocked by policy: ${result.reason}` }));
        continue;
      }
      if (result.status === "duplicate") {
        messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, status: "error", content: "Already executed once on this thread: not run again." }));
        continue;
      }
      const execution = world.execute(call.id, call.name, call.args);
      executed.push(execution);
      messages.push(new ToolMessage({ tool_call_id: execution.id, name: execution.tool, content: execution.result }));
      monitor.mdp?.observe(before, call.name, (await viewOf(enforcement, threadId)).state);
    }
    await persistMdp(enforcement, config.store);
    return { executed, blocked, pending: [], messages: oneReplyPerCall(messages), monitor: (await viewOf(enforcement, threadId)).state };
  };
}

/**
 * check_answer: the final answer, before it leaves: personal data (other than the thread's own facts) is
 * redacted when `safety.no_pii_in_output`, and an answer that breaks an `answer:` rule is withheld.
 */
export function checkSupportAnswer(enforcement: SupportEnforcement) {
  return async function checkAnswer(state: SupportAgentStateValue): Promise<SupportAgentStateUpdate> {
    const last = state.messages.at(-1);
    if (last === undefined || !AIMessage.isInstance(last)) return {};
    const view = await viewOf(enforcement, threadIdOf());
    // Multi-part content is checked as the text it shows (and replaced by it): no part escapes the checks.
    let text = replyText(last.content);
    if (enforcement.policy.safety.no_pii_in_output) text = redactAnswer(text, view.state.facts).text;
    const broken = enforcement.monitor.checkAnswer(view.state, text);
    if (broken.length > 0) text = `The answer was withheld: it broke ${broken.join("; ")}.`;
    if (text === last.content) return { monitor: view.state };
    return { messages: [new AIMessage({ id: last.id, content: text })], monitor: view.state };
  };
}

/** Whether the agent may take another turn (a loop guard against a model that keeps calling blocked tools). */
export function supportTurnsLeft(state: SupportAgentStateValue): boolean {
  return state.turns < maxTurns;
}
