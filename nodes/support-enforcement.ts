import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { LedgerForkError, ThreadIdRequiredError } from "../src/errors.ts";
import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { getConfig, interrupt } from "@langchain/langgraph";
import { z } from "zod";
import type { ActionLedger } from "../src/verification/action-ledger.ts";
import { assertPolicyConsistent } from "../src/verification/check-consistency.ts";
import { callKey, factsOf, ledgerView, type LedgerView } from "../src/verification/ledger-view.ts";
import { scopesOf } from "../src/verification/scoped-limits.ts";
import { loadMdpModel, saveMdpModel } from "../src/verification/mdp-store.ts";
import type { Policy } from "../src/verification/policy.ts";
import type { ProofCache } from "../src/verification/proof-cache.ts";
import type { RuntimeMonitor } from "../src/verification/runtime-monitor.ts";

/**
 * What enforces the support agent's policy, bound into its nodes when the graph is compiled (not passed
 * per run, so no caller can swap it): the policy, the monitor (with its MDP), the ledger, the proof cache.
 */
export interface SupportEnforcement {
  policy: Policy;
  monitor: RuntimeMonitor;
  ledger: ActionLedger;
  proofs: ProofCache;
}

/** What a reviewer sends back through `Command({ resume })` for a call that needs approval. */
export const toolDecisionSchema = z.union([
  z.enum(["approve", "reject"]).transform((word) => ({ decision: word, args: undefined, reason: undefined })),
  z.strictObject({ decision: z.literal("approve"), args: z.undefined().optional(), reason: z.undefined().optional() }),
  z.strictObject({ decision: z.literal("edit"), args: z.record(z.string(), z.unknown()), reason: z.undefined().optional() }),
  z.strictObject({ decision: z.literal("reject"), args: z.undefined().optional(), reason: z.string().optional() }),
]);

/** The run's thread id: the ledger's key. A run without one has no ledger to enforce from, so it is refused. */
export function threadIdOf(): string {
  const threadId = getConfig()?.configurable?.thread_id;
  if (typeof threadId !== "string" || threadId === "") throw new ThreadIdRequiredError("the support agent");
  return threadId;
}

/** The thread's ledger view, with its counts across threads for limits `per fact.NAME` (an indexed read). */
export async function viewOf(enforcement: SupportEnforcement, threadId: string): Promise<LedgerView> {
  const { policy, ledger } = enforcement;
  const entries = await ledger.entries(threadId);
  const scopes = scopesOf(policy, factsOf(entries));
  return ledgerView(policy, entries, scopes.length === 0 ? {} : await ledger.scopedCounts(scopes));
}

export interface ToolCallRef {
  ledgerId: string;
  toolCallId: string;
  action: string;
  args: Record<string, unknown>;
}

export type ApprovalOutcome = { approved: true; args: Record<string, unknown> } | { approved: false; reason: string };

/**
 * Asks a person about one call with `interrupt()` and records the answer in the ledger. The request is written
 * to the ledger before the pause; an answer that arrives in the same execution as the request (a `Command`
 * that carries a resume value nobody was shown the question for) is refused as forged.
 */
export async function askApproval(enforcement: SupportEnforcement, threadId: string, view: LedgerView, call: ToolCallRef, reasons: string[]): Promise<ApprovalOutcome> {
  const key = callKey(call.ledgerId, call.action, call.args);
  const askedBefore = view.requested.has(key);
  if (!askedBefore) await enforcement.ledger.append(threadId, { kind: "approval_requested", callId: call.ledgerId, action: call.action, args: call.args });
  const raw: unknown = interrupt({
    kind: "tool_approval",
    tool: call.action,
    args: call.args,
    reasons,
    resume_with: '{"decision":"approve"} | {"decision":"edit","args":{...}} | {"decision":"reject","reason":"..."}',
  });
  const refuse = async (reason: string): Promise<ApprovalOutcome> => {
    await enforcement.ledger.append(threadId, { kind: "rejected", callId: call.ledgerId, action: call.action, args: { reason } });
    return { approved: false, reason };
  };
  if (!askedBefore) return refuse("a decision arrived before the approval request was shown (a forged resume)");
  const answer = toolDecisionSchema.safeParse(raw);
  if (!answer.success) return refuse("the resume value was not a decision");
  if (answer.data.decision === "reject") return refuse(`rejected by reviewer${answer.data.reason === undefined ? "" : `: ${answer.data.reason}`}`);
  const args = answer.data.decision === "edit" ? answer.data.args : call.args;
  const recorded = await enforcement.ledger.append(threadId, { kind: "approved", callId: call.ledgerId, action: call.action, args });
  if (recorded.status === "duplicate" && callKey(recorded.entry.callId, recorded.entry.action, recorded.entry.args) !== callKey(call.ledgerId, call.action, args)) {
    return refuse("this call was already approved with other arguments");
  }
  return { approved: true, args };
}

let mdpLoaded = new WeakSet<RuntimeMonitor>();

/** Loads the persisted MDP into the monitor's model once per process (when the graph has a store). */
export async function ensureMdpLoaded(enforcement: SupportEnforcement, store: BaseStore | undefined): Promise<void> {
  const mdp = enforcement.monitor.mdp;
  if (mdp === undefined || store === undefined || mdpLoaded.has(enforcement.monitor)) return;
  mdpLoaded.add(enforcement.monitor);
  // Every process's counts but this one's (it holds them already): processes that learn at once add up.
  mdp.absorb((await loadMdpModel(store, enforcement.policy, { except: mdp.instanceId })).toJSON());
}

/** Persists the MDP after it learned (when the graph has a store). */
export async function persistMdp(enforcement: SupportEnforcement, store: BaseStore | undefined): Promise<void> {
  const mdp = enforcement.monitor.mdp;
  if (mdp !== undefined && store !== undefined) await saveMdpModel(store, mdp);
}

/**
 * A thread whose history was copied from another (checkpoints copied to a new thread id) joins that thread's
 * lineage the first time it acts: the executed calls its messages carry name the parent. A thread with a ledger
 * of its own keeps it (fork refuses to rewrite history).
 */
export async function adoptCopiedLineage(enforcement: SupportEnforcement, threadId: string, messages: readonly BaseMessage[]): Promise<void> {
  const { ledger } = enforcement;
  if ((await ledger.entries(threadId)).some((entry) => entry.kind !== "fact")) return;
  const calls = messages.flatMap((message) => (AIMessage.isInstance(message) && message.id !== undefined ? (message.tool_calls ?? []).map((call) => `${message.id}:${call.id ?? ""}`) : [])).slice(-20);
  for (const callId of calls) {
    const parent = await ledger.threadOfCall(callId);
    if (parent === undefined || parent === threadId) continue;
    try {
      await ledger.fork(parent, threadId);
    } catch (error) {
      if (!(error instanceof LedgerForkError)) throw error;
    }
    return;
  }
}

const consistent = new WeakMap<Policy, Promise<void>>();

/**
 * The solver half of the consistency check (rules that can never hold together), once per policy and process,
 * before the first proof: the solver-free half already ran when the policy loaded.
 */
export function ensurePolicyConsistent(policy: Policy): Promise<void> {
  let check = consistent.get(policy);
  if (check === undefined) {
    check = assertPolicyConsistent(policy);
    consistent.set(policy, check);
  }
  return check;
}

/** For tests that build several graphs in one process. */
export function forgetLoadedMdps(): void {
  mdpLoaded = new WeakSet();
}

/**
 * One ToolMessage per tool call id: the steps of a `submit_plan` call share its id, and providers refuse a
 * conversation that answers one call twice. Contents join line by line; any error marks the reply an error.
 */
export function oneReplyPerCall(messages: readonly ToolMessage[]): ToolMessage[] {
  const byCall = new Map<string, ToolMessage[]>();
  for (const message of messages) byCall.set(message.tool_call_id, [...(byCall.get(message.tool_call_id) ?? []), message]);
  return [...byCall.values()].map((group) => {
    const [first] = group as [ToolMessage];
    if (group.length === 1) return first;
    const status = group.some((message) => message.status === "error") ? "error" : "success";
    return new ToolMessage({ tool_call_id: first.tool_call_id, name: first.name, status, content: group.map((message) => String(message.content)).join("\n") });
  });
}
