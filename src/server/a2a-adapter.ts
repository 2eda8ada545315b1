import type { Message, Part } from "@a2a-js/sdk";
import { isRecord } from "../output-modes/json-schema.ts";

/** How a task ends as the graph's final values say. */
export interface A2aOutcome {
  state: "completed" | "rejected" | "failed" | "input-required" | "auth-required";
  /** The artifact's parts (completed) or the status message's (the others). */
  parts: Part[];
}

/** How one served graph reads an A2A message and answers with its values. */
export interface A2aGraphAdapter {
  /** The graph input for a new task's first message. */
  input(message: Message): unknown;
  /** The resume value for a message answering an interrupt. */
  resume(message: Message): unknown;
  /** The task's ending from the run's result (`__interrupt__`, `__error__` or the thread's values). */
  outcome(result: unknown): A2aOutcome;
}

const textPart = (text: string): Part => ({ content: { $case: "text", value: text }, metadata: undefined, filename: "", mediaType: "text/plain" });
const dataPart = (value: unknown): Part => ({ content: { $case: "data", value }, metadata: undefined, filename: "", mediaType: "application/json" });

/** The text parts of a message, joined. */
export function messageText(message: Message): string {
  return message.parts.flatMap((part) => (part.content?.$case === "text" ? [part.content.value] : [])).join("\n");
}

/** The first data part holding a JSON object, if any. */
function messageData(message: Message): Record<string, unknown> | undefined {
  for (const part of message.parts) {
    const value: unknown = part.content?.$case === "data" ? part.content.value : undefined;
    if (isRecord(value)) return value;
  }
  return undefined;
}

function lastMessageText(values: Record<string, unknown>): string | undefined {
  const messages = values.messages;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  const last: unknown = messages[messages.length - 1];
  if (!isRecord(last)) return undefined;
  const content = last.content ?? (isRecord(last.kwargs) ? last.kwargs.content : undefined);
  return typeof content === "string" ? content : content === undefined ? undefined : JSON.stringify(content);
}

/**
 * The outcome most graphs want: an error is `failed`, an interrupt `input-required` (its value as the
 * question; `auth-required` when every interrupt is a remote agent refusing our credentials), a `status: "failed"` with a `policy_violation` (a verification block) `rejected`, anything else
 * `completed` with the structured output, else the last message, else the values as data.
 */
export function defaultOutcome(result: unknown): A2aOutcome {
  if (!isRecord(result)) return { state: "completed", parts: [dataPart(result ?? null)] };
  if (isRecord(result.__error__)) return { state: "failed", parts: [textPart(`run failed: ${String(result.__error__.message ?? result.__error__.error ?? "error")}`)] };
  if (Array.isArray(result.__interrupt__) && result.__interrupt__.length > 0) {
    const values = result.__interrupt__.map((item: unknown) => (isRecord(item) && "value" in item ? item.value : item));
    // A remote agent refusing our credentials (nodes/call-remote-agent.ts) waits on an operator, not on the caller's input.
    const authOnly = values.every((value: unknown) => isRecord(value) && value.kind === "remote_auth");
    return { state: authOnly ? "auth-required" : "input-required", parts: values.map((value) => (typeof value === "string" ? textPart(value) : dataPart(value))) };
  }
  const error = isRecord(result.error) ? result.error : undefined;
  if (result.status === "failed") {
    const reason = textPart(String(error?.message ?? "the graph reported failure"));
    return { state: error?.code === "policy_violation" ? "rejected" : "failed", parts: [reason] };
  }
  const output = isRecord(result.output) ? result.output : undefined;
  if (output !== undefined && "structured" in output) return { state: "completed", parts: [dataPart(output.structured)] };
  const text = lastMessageText(result);
  if (text !== undefined) return { state: "completed", parts: [textPart(text)] };
  return { state: "completed", parts: [dataPart(result)] };
}

/** A data part is the input as is; text becomes one user message. */
export const messagesAdapter: A2aGraphAdapter = {
  input: (message) => messageData(message) ?? { messages: [{ role: "user", content: messageText(message) }] },
  resume: (message) => messageData(message) ?? messageText(message),
  outcome: defaultOutcome,
};

/** The gateway's request: a data part is the request object, text is its `input`. */
export const gatewayAdapter: A2aGraphAdapter = {
  input: (message) => ({ request: messageData(message) ?? { input: messageText(message) } }),
  resume: (message) => messageData(message) ?? messageText(message),
  outcome: defaultOutcome,
};

/** The router's deadline for a text message when the caller names none: the engine's default request deadline. */
const routerDeadlineMs = 60_000;

/**
 * The router on its own takes an accepted gateway state (a request, its deadline, the user message), which
 * the gateway's accept step writes. A data part is that state as is; text becomes the request's `input`,
 * the user message and a deadline from now (the request's `deadline_ms` when a data part names one).
 */
export function routerAdapter(now: () => number): A2aGraphAdapter {
  return {
    input: (message) => {
      const data = messageData(message);
      if (data !== undefined) return data;
      const text = messageText(message);
      return { request: { input: text }, deadline_at: now() + routerDeadlineMs, messages: [{ role: "user", content: text }] };
    },
    resume: (message) => messageData(message) ?? messageText(message),
    outcome: defaultOutcome,
  };
}
