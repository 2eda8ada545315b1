import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatMessage } from "./chat-request.ts";
import { OpenAIRequestError } from "./openai-error.ts";

type Content = Extract<ChatMessage, { role: "user" }>["content"];

function textOf(content: Content | null | undefined): string {
  if (content === null || content === undefined) return "";
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}

/** Tool-call arguments arrive as a JSON string; LangChain wants the object. */
function argumentsOf(raw: string, param: string): Record<string, unknown> {
  try {
    const parsed: unknown = raw === "" ? {} : JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the refusal below.
  }
  throw new OpenAIRequestError({ status: 400, param, message: `${param} is not a JSON object. Fix: send the tool call's arguments as a JSON object string, e.g. "{}".` });
}

/**
 * OpenAI chat messages as LangChain messages, for the providers reached through their LangChain client.
 * System and developer messages merge into one leading system message: Gemini refuses a second one.
 */
export function toLangChainMessages(messages: readonly ChatMessage[]): BaseMessage[] {
  const system = messages.filter((message) => message.role === "system" || message.role === "developer").map((message) => textOf(message.content));
  const rest: BaseMessage[] = [];
  messages.forEach((message, index) => {
    switch (message.role) {
      case "system":
      case "developer":
        return;
      case "user":
        rest.push(new HumanMessage(textOf(message.content)));
        return;
      case "assistant":
        rest.push(
          new AIMessage({
            content: textOf(message.content),
            tool_calls: (message.tool_calls ?? []).map((call, callIndex) => ({
              id: call.id,
              name: call.function.name,
              args: argumentsOf(call.function.arguments, `messages.${index}.tool_calls.${callIndex}.function.arguments`),
              type: "tool_call" as const,
            })),
          }),
        );
        return;
      case "tool":
        rest.push(new ToolMessage({ content: textOf(message.content), tool_call_id: message.tool_call_id }));
        return;
    }
  });
  return system.length === 0 ? rest : [new SystemMessage(system.join("\n\n")), ...rest];
}

/** The text a prompt's size is estimated from: every message's content, joined. */
export function promptText(messages: readonly ChatMessage[]): string {
  return messages.map((message) => textOf(message.content)).join("\n");
}
