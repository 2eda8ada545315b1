import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { interrupt } from "@langchain/langgraph";
import { z } from "zod";
import { initialMonitorState, type MonitorState, type RuntimeMonitor } from "../src/verification/index.ts";
import type { BlockedCall, PendingToolCall, SupportAgentStateUpdate, SupportAgentStateValue } from "../src/verification/support-state.ts";
import { monitorOf, type SupportAgentRuntime } from "./support-agent.ts";

/** What a reviewer sends back through `Command({ resume })` for a critical tool call. */
export const toolDecisionSchema = z.union([
  z.enum(["approve", "reject"]).transform((word) => ({ decision: word, args: undefined, reason: undefined })),
  z.strictObject({ decision: z.literal("approve"), args: z.undefined().optional(), reason: z.undefined().optional() }),
  z.strictObject({ decision: z.literal("edit"), args: z.record(z.string(), z.unknown()), reason: z.undefined().optional() }),
  z.strictObject({ decision: z.literal("reject"), args: z.undefined().optional(), reason: z.string().optional() }),
]);

/**
 * Checks every proposed tool call before the tools node may run it. Blocked calls become ToolMessages that
 * say why; critical (or risky) calls pause with `interrupt()` for approve / edit / reject, and an edited
 * call is checked again, so an edit cannot smuggle in what the policy forbids.
 */
export async function monitorToolCalls(state: SupportAgentStateValue, runtime: SupportAgentRuntime): Promise<SupportAgentStateUpdate> {
  const last = state.messages.at(-1);
  if (last === undefined || !AIMessage.isInstance(last) || (last.tool_calls ?? []).length === 0) return { pending: [] };
  const monitor: RuntimeMonitor = await monitorOf(runtime);
  let current: MonitorState = state.monitor ?? initialMonitorState(monitor.policy);
  const pending: PendingToolCall[] = [];
  const blocked: BlockedCall[] = [];
  const messages: ToolMessage[] = [];

  for (const [index, call] of (last.tool_calls ?? []).entries()) {
    const id = call.id ?? `call_${index}`;
    const refuse = (args: Record<string, unknown>, reasons: string[]) => {
      blocked.push({ id, tool: call.name, args, reasons });
      messages.push(new ToolMessage({ tool_call_id: id, name: call.name, status: "error", content: `Blocked by policy: ${reasons.join("; ")}` }));
    };
    let args = call.args as Record<string, unknown>;
    let decision = monitor.check(current, call.name, args);
    if (decision.verdict === "approve") {
      const answer = toolDecisionSchema.safeParse(
        interrupt({ kind: "tool_approval", tool: call.name, args, reasons: decision.reasons, resume_with: '{"decision":"approve"} | {"decision":"edit","args":{...}} | {"decision":"reject","reason":"..."}' }),
      );
      if (!answer.success || answer.data.decision === "reject") {
        refuse(args, [answer.success ? `rejected by reviewer${answer.data.reason === undefined ? "" : `: ${answer.data.reason}`}` : "the resume value was not a decision"]);
        continue;
      }
      if (answer.data.decision === "edit") {
        args = answer.data.args;
        decision = monitor.check(current, call.name, args);
        // The reviewer approved this call by editing it: only a hard rule can still stop it.
        if (decision.verdict === "approve") decision = { ...decision, verdict: "allow" };
      } else {
        decision = { ...decision, verdict: "allow" };
      }
    }
    if (decision.verdict !== "allow") {
      refuse(args, decision.reasons);
      continue;
    }
    pending.push({ id, name: call.name, args });
    current = decision.next;
  }
  return { pending, blocked, messages, monitor: current };
}
