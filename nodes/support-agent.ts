import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { SystemMessage, ToolMessage } from "@langchain/core/messages";
import type { Runtime } from "@langchain/langgraph";
import { fileURLToPath } from "node:url";
import { loadPolicyFile, RuntimeMonitor, SupportToolLedger, supportToolSpecs, type Policy } from "../src/verification/index.ts";
import type { SupportAgentStateUpdate, SupportAgentStateValue } from "../src/verification/support-state.ts";
import { engineOf, type GatewayContext } from "./context.ts";

/** What a support-agent run carries: the engine (or a model), the policy's monitor, the tool ledger. */
export interface SupportAgentContext extends GatewayContext {
  model?: BaseChatModel;
  /** Deployment whose model the agent uses (default: the config's first). */
  deployment?: string;
  monitor?: RuntimeMonitor;
  ledger?: SupportToolLedger;
}
export type SupportAgentRuntime = Runtime<SupportAgentContext>;

/** The example policy, policies/support.yaml. */
export const supportPolicyPath = fileURLToPath(new URL("../policies/support.yaml", import.meta.url));
let defaultMonitor: RuntimeMonitor | undefined;
const defaultLedger = new SupportToolLedger();

/** The run's monitor, or one over policies/support.yaml. */
export async function monitorOf(runtime: SupportAgentRuntime | undefined): Promise<RuntimeMonitor> {
  if (runtime?.context?.monitor !== undefined) return runtime.context.monitor;
  defaultMonitor ??= new RuntimeMonitor(loadPolicyFile(supportPolicyPath) satisfies Policy);
  return defaultMonitor;
}

const system = new SystemMessage(
  "You are a customer-support agent. Use the tools to look up orders, refund, lock the database and write to it, and email customers.",
);
const maxTurns = 8;

/** Calls the chat model with the support tools bound; the monitor checks whatever it proposes. */
export async function supportAgent(state: SupportAgentStateValue, runtime: SupportAgentRuntime): Promise<SupportAgentStateUpdate> {
  let model = runtime.context?.model;
  if (model === undefined) {
    const engine = await engineOf(runtime);
    model = engine.model(runtime.context?.deployment ?? engine.config.deployments[0]?.id ?? "");
  }
  if (model.bindTools === undefined) throw new Error("the support agent needs a chat model that supports tool calling");
  const reply = await model.bindTools(supportToolSpecs.map((spec) => ({ name: spec.name, description: spec.description, schema: spec.schema }))).invoke([system, ...state.messages]);
  // The messages reducer replaces a message whose id it already holds. Providers' ids are unique (the
  // emulators' too, per start), but a client or proxy that numbers replies per process would repeat one when
  // a thread goes on in another process and silently overwrite an earlier turn: keep each turn's.
  if (reply.id !== undefined && state.messages.some((message) => message.id === reply.id)) reply.id = `${reply.id}-turn${state.turns + 1}`;
  return { messages: [reply], turns: state.turns + 1 };
}

/** Runs the calls the monitor let through on the in-memory fake tools, recording each in the ledger and state. */
export function runSupportTools(state: SupportAgentStateValue, runtime: SupportAgentRuntime): SupportAgentStateUpdate {
  const ledger = runtime.context?.ledger ?? defaultLedger;
  const executed = state.pending.map((call) => ledger.execute(call.id, call.name, call.args));
  return {
    executed,
    pending: [],
    messages: executed.map((execution) => new ToolMessage({ tool_call_id: execution.id, name: execution.tool, content: execution.result })),
  };
}

/** Whether the agent may take another turn (a loop guard against a model that keeps calling blocked tools). */
export function supportTurnsLeft(state: SupportAgentStateValue): boolean {
  return state.turns < maxTurns;
}
