import type { BaseMessage } from "@langchain/core/messages";
import { contentText } from "./content-text.ts";

/**
 * What a message is counted from: its text, plus the tool calls an AI message carries.
 *
 * @example
 * countedText(new AIMessage({ content: "ok", tool_calls: [call] })) // "ok\n[{...}]"
 */
export function countedText(message: BaseMessage): string {
  const calls = (message as { tool_calls?: unknown[] }).tool_calls;
  const text = contentText(message.content);
  return calls !== undefined && calls.length > 0 ? `${text}\n${JSON.stringify(calls)}` : text;
}
