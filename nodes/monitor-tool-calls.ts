import { ToolMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callKey } from "../src/verification/ledger-view.ts";
import { planSchema } from "../src/verification/plan.ts";
import { provePlan } from "../src/verification/prove-plan.ts";
import type { BlockedCall, PendingToolCall, SupportAgentStateUpdate, SupportAgentStateValue } from "../src/verification/support-state.ts";
import { askApproval, oneReplyPerCall, persistMdp, threadIdOf, viewOf, type SupportEnforcement } from "./support-enforcement.ts";

export { toolDecisionSchema } from "./support-enforcement.ts";

/**
 * check_tools: the runtime monitor on each step of the proved plan, in order, over the state the steps before
 * it will leave (from the ledger, never from graph state): the policy's rules, approvals, and the MDP's risk
 * and unseen rule. A risky or unseen step pauses for a person; an edited step is proved again on its own.
 * Steps that pass are written to the ledger as cleared: the executor runs nothing else.
 */
export function monitorSupportCalls(enforcement: SupportEnforcement) {
  return async function monitorToolCalls(state: SupportAgentStateValue, config: LangGraphRunnableConfig): Promise<SupportAgentStateUpdate> {
    if (state.pending.length === 0) return { pending: [], again: false };
    const threadId = threadIdOf();
    const view = await viewOf(enforcement, threadId);
    const { monitor, ledger } = enforcement;
    let current = view.state;
    const pending: PendingToolCall[] = [];
    const blocked: BlockedCall[] = [];
    const messages: ToolMessage[] = [];
    const refuse = (call: PendingToolCall, reasons: string[]) => {
      blocked.push({ id: call.id, tool: call.name, args: call.args, reasons });
      messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, status: "error", content: `Blocked by policy: ${reasons.join("; ")}` }));
    };

    for (const proposed of state.pending) {
      // Decisions already in the ledger (this node may run again after a person answered): rejected steps were
      // reported then; a cleared step stays cleared; an approved edit replaces the arguments.
      if (view.rejected.has(proposed.ledger_id)) continue;
      const edited = view.approvedArgs.get(proposed.ledger_id);
      const call = edited === undefined ? proposed : { ...proposed, args: edited };
      const key = callKey(call.ledger_id, call.name, call.args);
      const stop = async (reasons: string[]) => {
        refuse(call, reasons);
        await ledger.append(threadId, { kind: "rejected", callId: call.ledger_id, action: call.name, args: { reason: reasons.join("; ") } });
      };
      if (view.cleared.has(key)) {
        pending.push(call);
        current = monitor.check(current, call.name, call.args, { approved: true }).next;
        continue;
      }
      if (edited !== undefined && callKey(proposed.ledger_id, proposed.name, proposed.args) !== key) {
        // An edit is a deviation from the proved plan: prove the edited step again from here.
        const plan = planSchema.safeParse({ steps: [{ action: call.name, args: call.args }] });
        if (!plan.success) {
          await stop([`the edited arguments are not values the policy can check (${plan.error.issues[0]?.message ?? "invalid"})`]);
          continue;
        }
        const reproved = await provePlan(enforcement.policy, plan.data, { start: current, facts: current.facts ?? {}, approved: new Set([0]), cache: enforcement.proofs });
        if (reproved.status === "violated") {
          await stop([`the edited call was not proved: ${reproved.counterexample.rule} "${reproved.counterexample.text}": ${reproved.counterexample.reason}`]);
          continue;
        }
      }
      const decision = monitor.check(current, call.name, call.args, { approved: view.approved.has(key) });
      if (decision.verdict === "approve") {
        // One question per task: after the answer this node runs again as a new task over the same steps.
        const outcome = await askApproval(enforcement, threadId, view, { ledgerId: call.ledger_id, toolCallId: call.id, action: call.name, args: call.args }, decision.reasons);
        if (!outcome.approved) refuse(call, [outcome.reason]);
        await persistMdp(enforcement, config.store);
        return { again: true, blocked, messages: oneReplyPerCall(messages) };
      }
      if (decision.verdict !== "allow") {
        monitor.mdp?.observe(current, call.name, "violation");
        await stop(decision.reasons);
        continue;
      }
      await ledger.append(threadId, { kind: "cleared", callId: call.ledger_id, action: call.name, args: call.args });
      pending.push(call);
      current = decision.next;
    }
    await persistMdp(enforcement, config.store);
    return { pending, again: false, blocked, messages: oneReplyPerCall(messages) };
  };
}
