import type { JsonSchema } from "../output-modes/json-schema.ts";
import type { EmulatorProvider } from "./profile.ts";

/** One turn of a conversation, reduced to what the emulators read. */
export interface ChatTurn {
  role: "user" | "assistant" | "tool";
  text: string;
}

/** A tool the client offers, in any provider's dialect. */
export interface ChatTool {
  name: string;
  parameters?: JsonSchema;
}

export type ToolChoice = { kind: "auto" } | { kind: "none" } | { kind: "required" } | { kind: "named"; name: string };

/**
 * A chat request in provider-neutral form: each server parses its wire body into this, the planner
 * decides the answer from it, and the server renders the answer back in its own dialect.
 */
export interface ChatRequest {
  provider: EmulatorProvider;
  model: string;
  stream: boolean;
  /** OpenAI's stream_options.include_usage: send a usage chunk at the end of the stream. */
  streamUsage: boolean;
  /** Every system (or developer / systemInstruction) text, joined. */
  system: string;
  turns: ChatTurn[];
  /** Native structured output: a schema (json_schema, responseSchema, format: {...}) or bare JSON mode. */
  structured?: { schema?: JsonSchema };
  tools: ChatTool[];
  toolChoice: ToolChoice;
}

/** The text of all user turns, which is what the oracle reads. */
export function userText(request: ChatRequest): string {
  return request.turns
    .filter((turn) => turn.role === "user")
    .map((turn) => turn.text)
    .join("\n");
}

/** Everything the model reads, for token counting and for keying a request's draws. */
export function promptText(request: ChatRequest): string {
  const parts = [request.system, ...request.turns.map((turn) => `${turn.role}: ${turn.text}`)];
  if (request.structured?.schema !== undefined) parts.push(JSON.stringify(request.structured.schema));
  if (request.tools.length > 0) parts.push(JSON.stringify(request.tools));
  return parts.join("\n");
}
