import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { groupUnits, toolCallIdsOf, toolResultIdOf } from "../../../src/memory/index.ts";

const filler = [
  "Thanks, that makes sense and I will have a look at the logs later on",
  "Could you explain again how the retry loop behaves when the upstream is slow",
  "Here is a longer explanation of how the queue drains under pressure and why it matters for the workers",
  "Sure, the short answer is that the worker pool picks jobs in order and acknowledges each one when done",
];

/**
 * A synthetic conversation of about `targetTokens` tokens: a system prompt, then user/assistant turns
 * with a tool call and its result every fifth turn. Deterministic: same arguments, same history.
 */
export function syntheticHistory(targetTokens: number, options: { wordsPerTurn?: number; plant?: Record<number, string> } = {}): BaseMessage[] {
  const wordsPerTurn = options.wordsPerTurn ?? 60;
  const messages: BaseMessage[] = [new SystemMessage({ id: "system", content: "You are a careful assistant for the billing platform team." })];
  let tokens = 20;
  for (let turn = 0; tokens < targetTokens; turn += 1) {
    const sentence = filler[turn % filler.length]!;
    const body = Array.from({ length: Math.ceil(wordsPerTurn / 16) }, (_, index) => `${sentence} (part ${index + 1} of turn ${turn}).`).join(" ");
    const planted = options.plant?.[turn];
    messages.push(new HumanMessage({ id: `h${turn}`, content: planted === undefined ? body : `${body} ${planted}` }));
    if (turn % 5 === 4) {
      messages.push(new AIMessage({ id: `c${turn}`, content: "", tool_calls: [{ id: `call-${turn}`, name: "lookup_invoice", args: { invoice: turn } }] }));
      messages.push(new ToolMessage({ id: `t${turn}`, tool_call_id: `call-${turn}`, content: `invoice ${turn}: status paid, lines 3` }));
    }
    messages.push(new AIMessage({ id: `a${turn}`, content: `${body} Answer ${turn}.` }));
    tokens += Math.round(body.length / 2.3) + 20;
  }
  return messages;
}

/** True when every tool result kept has its call kept, and every call kept has all its results. */
export function toolPairsIntact(messages: readonly BaseMessage[]): boolean {
  const calls = new Set(messages.flatMap(toolCallIdsOf));
  const results = new Set(messages.map(toolResultIdOf).filter((id): id is string => id !== undefined));
  return [...calls].every((id) => results.has(id)) && [...results].every((id) => calls.has(id));
}

/** Number of units (a call with its results counts once). */
export const unitCount = (messages: readonly BaseMessage[]) => groupUnits(messages).length;
