import type { BaseMessage } from "@langchain/core/messages";
import { contentText } from "../tokens/content-text.ts";

/** The roles memory tells apart; `other` covers chat-role and function messages. */
export type MessageRole = "system" | "human" | "ai" | "tool" | "other";

/** A message's role from its LangChain type. */
export function roleOf(message: BaseMessage): MessageRole {
  const type: string = message.type;
  return type === "system" || type === "human" || type === "ai" || type === "tool" ? type : "other";
}

/** The text of string content, or the text parts of multimodal content (other parts as JSON). */
export function textOf(message: BaseMessage): string {
  return contentText(message.content);
}

/** Ids of the tool calls an AI message makes (empty for every other message). */
export function toolCallIdsOf(message: BaseMessage): string[] {
  if (message.type !== "ai") return [];
  const calls = (message as { tool_calls?: Array<{ id?: string }> }).tool_calls ?? [];
  return calls.map((call) => call.id).filter((id): id is string => typeof id === "string");
}

/** The tool call a tool message answers. */
export function toolResultIdOf(message: BaseMessage): string | undefined {
  if (message.type !== "tool") return undefined;
  const id = (message as { tool_call_id?: unknown }).tool_call_id;
  return typeof id === "string" ? id : undefined;
}

/** Tags set by app code in `additional_kwargs.memory_tags` ("pinned", "decision", ...). */
export function tagsOf(message: BaseMessage): string[] {
  const tags = message.additional_kwargs?.memory_tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
}

/** Whether app code tagged a message `pinned` (see tagsOf), without building the tag list. */
export function isPinned(message: BaseMessage): boolean {
  const tags = message.additional_kwargs?.memory_tags;
  return Array.isArray(tags) && tags.includes("pinned");
}

/**
 * Messages grouped into the units memory may drop: an AI message that calls tools travels with the
 * tool results that answer it, so a call is never separated from its result.
 */
export interface MessageUnit {
  /** Index of the unit's first message in the history. */
  start: number;
  messages: BaseMessage[];
}

/** Splits a history into units (see `MessageUnit`), in order. One pass, no allocation for a message without tool calls. */
export function groupUnits(messages: readonly BaseMessage[]): MessageUnit[] {
  const units: MessageUnit[] = [];
  let open: { unit: MessageUnit; pending: Set<string> } | undefined;
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index]!;
    const resultOf = toolResultIdOf(message);
    // A tool result joins the call it answers; an orphan result stays with whatever precedes it.
    if (resultOf !== undefined && units.length > 0) {
      const target = open !== undefined && open.pending.has(resultOf) ? open.unit : units[units.length - 1]!;
      target.messages.push(message);
      open?.pending.delete(resultOf);
      continue;
    }
    const unit: MessageUnit = { start: index, messages: [message] };
    units.push(unit);
    const calls = message.type === "ai" && ((message as { tool_calls?: unknown[] }).tool_calls?.length ?? 0) > 0 ? toolCallIdsOf(message) : [];
    open = calls.length > 0 ? { unit, pending: new Set(calls) } : undefined;
  }
  return units;
}
