import { z } from "zod";
import type { ChatMessage } from "./chat-request.ts";
import { OpenAIRequestError } from "./openai-error.ts";

const inputText = z.strictObject({ type: z.enum(["input_text", "output_text"]), text: z.string(), annotations: z.array(z.unknown()).optional() });
const messageItem = z.strictObject({
  type: z.literal("message").optional(),
  id: z.string().optional(),
  status: z.string().optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(inputText).min(1)]),
});
const functionCallItem = z.strictObject({ type: z.literal("function_call"), id: z.string().optional(), call_id: z.string().min(1), name: z.string().min(1), arguments: z.string(), status: z.string().optional() });
const functionOutputItem = z.strictObject({ type: z.literal("function_call_output"), id: z.string().optional(), call_id: z.string().min(1), output: z.string(), status: z.string().optional() });

const formatSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text") }),
  z.strictObject({ type: z.literal("json_object") }),
  z.strictObject({ type: z.literal("json_schema"), name: z.string(), schema: z.record(z.string(), z.unknown()), description: z.string().optional(), strict: z.boolean().nullable().optional() }),
]);

/** POST /v1/responses, the part switchyard carries; strict, so anything else is a 400 naming it. */
export const responsesRequestSchema = z.strictObject({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.union([messageItem, functionCallItem, functionOutputItem])).min(1)]),
  instructions: z.string().nullable().optional(),
  text: z.strictObject({ format: formatSchema.optional() }).optional(),
  tools: z.array(z.strictObject({ type: z.literal("function"), name: z.string().min(1), description: z.string().nullable().optional(), parameters: z.record(z.string(), z.unknown()).nullable().optional(), strict: z.boolean().nullable().optional() })).optional(),
  tool_choice: z.union([z.enum(["none", "auto", "required"]), z.strictObject({ type: z.literal("function"), name: z.string().min(1) })]).optional(),
  stream: z.boolean().nullable().optional(),
  max_output_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  user: z.string().max(256).optional(),
  store: z.boolean().nullable().optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
});
export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

const textOf = (content: string | Array<{ text: string }>) => (typeof content === "string" ? content : content.map((part) => part.text).join(""));

/**
 * A Responses request as the Chat Completions request the fast path serves: instructions become the system
 * message, input items messages (function calls and their outputs as tool calls and tool messages),
 * `text.format` the response_format, tools and tool_choice the chat forms. `store` is refused when true:
 * nothing is stored for `previous_response_id`.
 */
export function toChatBody(body: unknown): { request: ResponsesRequest; chat: Record<string, unknown> } {
  const parsed = responsesRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = (issue?.path ?? []).map(String).join(".");
    throw new OpenAIRequestError({ status: 400, param: param === "" ? null : param, code: "invalid_request", message: `${param === "" ? "body" : param}: ${issue?.message ?? "invalid"}. Fix: send a Responses request switchyard carries (model, input, instructions, text.format, tools, tool_choice, stream, max_output_tokens, temperature, top_p, user).` });
  }
  const request = parsed.data;
  if (request.store === true) throw new OpenAIRequestError({ status: 400, param: "store", code: "unsupported", message: "store: switchyard keeps no responses for previous_response_id. Fix: send store: false (or leave it out) and pass the conversation in input." });
  const messages: ChatMessage[] = [];
  if (request.instructions) messages.push({ role: "system", content: request.instructions });
  if (typeof request.input === "string") messages.push({ role: "user", content: request.input });
  else {
    for (const item of request.input) {
      if (item.type === "function_call") messages.push({ role: "assistant", content: null, tool_calls: [{ id: item.call_id, type: "function", function: { name: item.name, arguments: item.arguments } }] });
      else if (item.type === "function_call_output") messages.push({ role: "tool", content: item.output, tool_call_id: item.call_id });
      else messages.push({ role: item.role, content: textOf(item.content) });
    }
  }
  const format = request.text?.format;
  const choice = request.tool_choice;
  const chat: Record<string, unknown> = {
    model: request.model,
    messages,
    ...(format === undefined || format.type === "text" ? {} : { response_format: format.type === "json_object" ? { type: "json_object" } : { type: "json_schema", json_schema: { name: format.name, schema: format.schema, ...(format.description ? { description: format.description } : {}), ...(format.strict == null ? {} : { strict: format.strict }) } } }),
    ...(request.tools ? { tools: request.tools.map((tool) => ({ type: "function", function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), ...(tool.parameters ? { parameters: tool.parameters } : {}), ...(tool.strict == null ? {} : { strict: tool.strict }) } })) } : {}),
    ...(choice === undefined ? {} : { tool_choice: typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } } }),
    ...(request.max_output_tokens == null ? {} : { max_tokens: request.max_output_tokens }),
    ...(request.temperature == null ? {} : { temperature: request.temperature }),
    ...(request.top_p == null ? {} : { top_p: request.top_p }),
    ...(request.user === undefined ? {} : { user: request.user }),
    ...(request.parallel_tool_calls == null ? {} : { parallel_tool_calls: request.parallel_tool_calls }),
  };
  return { request, chat };
}
