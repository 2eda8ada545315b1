import { AIMessage, ToolMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { normaliseActionName } from "../src/verification/action-name.ts";
import { callKey } from "../src/verification/ledger-view.ts";
import { planSchema } from "../src/verification/plan.ts";
import { provePlan } from "../src/verification/prove-plan.ts";
import type { BlockedCall, PendingToolCall, ProofRecord, SupportAgentStateUpdate, SupportAgentStateValue } from "../src/verification/support-state.ts";
import { adoptCopiedLineage, askApproval, ensureMdpLoaded, ensurePolicyConsistent, oneReplyPerCall, persistMdp, threadIdOf, viewOf, type SupportEnforcement, type ToolCallRef } from "./support-enforcement.ts";

/** A bound on one proof's size: a hostile model cannot make the prover work without limit. */
const maxPlanSteps = 50;

/**
 * The plan the agent's last message proposes: the steps of a `submit_plan` call, or else its tool calls in
 * order. Names are normalised so the proof, the monitor and the executor agree on them.
 */
export function proposedPlan(message: AIMessage, turn: number): ToolCallRef[] {
  const messageId = message.id ?? `turn${turn}`;
  return (message.tool_calls ?? []).flatMap((call, index) => {
    const toolCallId = call.id ?? `call_${index}`;
    if (call.name === "submit_plan" && Array.isArray(call.args.steps)) {
      return call.args.steps.map((step: unknown, stepIndex: number) => {
        const record = typeof step === "object" && step !== null ? (step as { action?: unknown; args?: unknown }) : {};
        const args = typeof record.args === "object" && record.args !== null && !Array.isArray(record.args) ? (record.args as Record<string, unknown>) : {};
        return { ledgerId: `${messageId}:${toolCallId}#${stepIndex}`, toolCallId, action: normaliseActionName(String(record.action ?? "")), args };
      });
    }
    return [{ ledgerId: `${messageId}:${toolCallId}`, toolCallId, action: normaliseActionName(call.name), args: call.args }];
  });
}

/**
 * prove: turns the proposal into a plan and proves it with z3 from the thread's ledger state (counts, values,
 * facts), before anything runs. A step that needs approval pauses for a person (then the plan is proved again
 * with the approval, which only the ledger can grant); a rule the plan can break stops the whole plan, with
 * the counterexample in state and shown to the model. A proved plan goes to the monitor step by step.
 */
export function proveSupportPlan(enforcement: SupportEnforcement) {
  return async function prove(state: SupportAgentStateValue, config: LangGraphRunnableConfig): Promise<SupportAgentStateUpdate> {
    // The proposal: the last message that is not a tool reply (a run again after a rejection follows its reply).
    const last = state.messages.findLast((message) => !ToolMessage.isInstance(message));
    if (last === undefined || !AIMessage.isInstance(last)) return { pending: [], again: false };
    const threadId = threadIdOf();
    await ensurePolicyConsistent(enforcement.policy);
    await adoptCopiedLineage(enforcement, threadId, state.messages);
    await ensureMdpLoaded(enforcement, config.store);
    let steps = proposedPlan(last, state.turns);
    if (steps.length > maxPlanSteps) {
      const reason = `the plan has ${steps.length} steps; at most ${maxPlanSteps} are proved at once: split it`;
      const blocked = steps.map((step) => ({ id: step.toolCallId, tool: step.action, args: step.args, reasons: [reason] }));
      const replies = steps.map((step) => new ToolMessage({ tool_call_id: step.toolCallId, name: step.action, status: "error", content: `Blocked by policy: ${reason}` }));
      return { pending: [], again: false, blocked, messages: oneReplyPerCall(replies) };
    }
    const blocked: BlockedCall[] = [];
    const messages: ToolMessage[] = [];
    const refuse = (step: ToolCallRef, reasons: string[]) => {
      blocked.push({ id: step.toolCallId, tool: step.action, args: step.args, reasons });
      messages.push(new ToolMessage({ tool_call_id: step.toolCallId, name: step.action, status: "error", content: `Blocked by policy: ${reasons.join("; ")}` }));
    };

    // Decisions already in the ledger: a rejected step leaves the plan (it was reported when rejected), an
    // approved edit replaces the step's arguments.
    const view = await viewOf(enforcement, threadId);
    steps = steps.filter((step) => !view.rejected.has(step.ledgerId)).map((step) => ({ ...step, args: view.approvedArgs.get(step.ledgerId) ?? step.args }));
    if (steps.length === 0) return { pending: [], again: false };
    const parsed = planSchema.safeParse({ steps: steps.map((step) => ({ action: step.action, args: step.args })) });
    if (!parsed.success) {
      for (const step of steps) refuse(step, [`the plan's arguments are not values the policy can check (${parsed.error.issues[0]?.message ?? "invalid"})`]);
      return { pending: [], again: false, blocked, messages: oneReplyPerCall(messages) };
    }
    const approved = new Set(steps.flatMap((step, index) => (view.approved.has(callKey(step.ledgerId, step.action, step.args)) ? [index] : [])));
    const result = await provePlan(enforcement.policy, parsed.data, { cache: enforcement.proofs, start: view.state, facts: view.state.facts ?? {}, approved });
    const record: ProofRecord = { status: result.status, key: result.key, steps: steps.map((step) => ({ action: step.action, args: step.args })) };
    if (result.status === "proved") {
      const pending: PendingToolCall[] = steps.map((step) => ({ id: step.toolCallId, ledger_id: step.ledgerId, name: step.action, args: step.args }));
      return { pending, again: false, blocked, messages: oneReplyPerCall(messages), proof: record };
    }
    const counterexample = result.counterexample;
    const step = steps[counterexample.step] as ToolCallRef;
    if (counterexample.needsApproval === true) {
      // One question per task: after the answer this node runs again as a new task and proves the plan anew.
      const outcome = await askApproval(enforcement, threadId, view, step, [counterexample.text]);
      if (!outcome.approved) refuse(step, [outcome.reason]);
      return { pending: [], again: true, blocked, messages: oneReplyPerCall(messages) };
    }
    // The plan can break a rule: nothing in it runs. The model sees why, with the values that break it.
    enforcement.monitor.mdp?.observe(view.state, step.action, "violation");
    await persistMdp(enforcement, config.store);
    const why = `the plan was not proved: step ${counterexample.step + 1} (${counterexample.action}) can break ${counterexample.rule} "${counterexample.text}": ${counterexample.reason}; counterexample ${JSON.stringify({ symbols: counterexample.symbols, state: counterexample.state })}`;
    for (const [index, candidate] of steps.entries()) refuse(candidate, [index === counterexample.step ? why : `not run: ${why}`]);
    return { pending: [], again: false, blocked, messages: oneReplyPerCall(messages), proof: { ...record, counterexample } };
  };
}
