import type { ChatRequest } from "./chat-request.ts";

/** Top-level fields the fast check knows; a body with any other (tools, response_format…) goes to zod. */
const KNOWN = new Set(["model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p", "seed", "user", "n", "stop", "parallel_tool_calls"]);

type Check = (value: unknown) => boolean;

const optionalNullable = (check: Check): Check => (value) => value === undefined || value === null || check(value);
const positiveInt: Check = (value) => Number.isSafeInteger(value) && (value as number) > 0;
const between = (low: number, high: number): Check => (value) => typeof value === "number" && value >= low && value <= high;

const FIELDS: Record<string, Check> = {
  model: (value) => typeof value === "string" && value.length > 0,
  stream: optionalNullable((value) => typeof value === "boolean"),
  stream_options: optionalNullable((value) => isPlain(value) && onlyKeys(value, INCLUDE_USAGE) && (value.include_usage === undefined || typeof value.include_usage === "boolean")),
  max_tokens: optionalNullable(positiveInt),
  max_completion_tokens: optionalNullable(positiveInt),
  temperature: optionalNullable(between(0, 2)),
  top_p: optionalNullable(between(0, 1)),
  seed: optionalNullable(Number.isSafeInteger),
  user: (value) => value === undefined || (typeof value === "string" && value.length <= 256),
  n: (value) => value === undefined || value === null || value === 1,
  stop: optionalNullable((value) => typeof value === "string" || (Array.isArray(value) && value.length <= 4 && value.every((item) => typeof item === "string"))),
  parallel_tool_calls: (value) => value === undefined || typeof value === "boolean",
};
const INCLUDE_USAGE = new Set(["include_usage"]);
const SPEAKER_KEYS = new Set(["role", "content", "name"]);
const TOOL_KEYS = new Set(["role", "content", "tool_call_id"]);

/** A plain object as JSON.parse builds it: anything with another prototype (inherited fields) goes to zod. */
function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

/** The common messages only: string content, no tool calls, no content parts. */
function plainMessage(value: unknown): boolean {
  if (!isPlain(value) || typeof value.content !== "string") return false;
  const role = value.role;
  if (role === "tool") return onlyKeys(value, TOOL_KEYS) && typeof value.tool_call_id === "string" && value.tool_call_id.length > 0;
  if (role !== "system" && role !== "developer" && role !== "user" && role !== "assistant") return false;
  return onlyKeys(value, SPEAKER_KEYS) && (value.name === undefined || typeof value.name === "string");
}

/**
 * A hand-written check for the shape most chat requests have (model, plain-text messages, sampling fields).
 * It accepts only bodies chatRequestSchema accepts as they are, so it returns the body itself, unchanged;
 * anything else (tools, response_format, content parts, a field it does not know, any value it doubts)
 * returns undefined and goes to the zod schema, which names the field at fault. zod's walk over every
 * message cost more than the routing decision on the hot path.
 */
export function fastChatRequest(body: unknown): ChatRequest | undefined {
  if (!isPlain(body)) return undefined;
  for (const key in body) {
    if (!KNOWN.has(key)) return undefined;
    if (key !== "messages" && !(FIELDS[key] as Check)(body[key])) return undefined;
  }
  if (body.model === undefined) return undefined;
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  for (const message of messages) if (!plainMessage(message)) return undefined;
  return body as ChatRequest;
}
