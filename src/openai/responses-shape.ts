import type { ChatAnswer } from "./completion-shape.ts";

/** The Responses API object for one answer: a message item (output_text) and function_call items. */
export function responseBody(id: string, createdAt: number, model: string, answer: ChatAnswer, makeId: () => string, status: "completed" | "in_progress" = "completed"): Record<string, unknown> {
  const output: Record<string, unknown>[] = [];
  if (status === "completed") {
    if (answer.content !== null && answer.content !== "") output.push({ type: "message", id: `msg_${makeId()}`, status: "completed", role: "assistant", content: [{ type: "output_text", text: answer.content, annotations: [], logprobs: [] }] });
    for (const call of answer.toolCalls) output.push({ type: "function_call", id: `fc_${makeId()}`, call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: "completed" });
  }
  return {
    id,
    object: "response",
    created_at: createdAt,
    status,
    error: null,
    incomplete_details: null,
    model,
    output,
    parallel_tool_calls: true,
    tool_choice: "auto",
    tools: [],
    usage: status === "completed" ? { input_tokens: answer.usage.prompt_tokens, input_tokens_details: { cached_tokens: answer.usage.prompt_tokens_details?.cached_tokens ?? 0 }, output_tokens: answer.usage.completion_tokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: answer.usage.total_tokens } : null,
  };
}

/**
 * The streaming events of a finished answer, in the Responses API's order: created, the message item with its
 * text deltas, function-call items, completed. Each as `event:` + `data:` with a sequence number.
 */
export function responseEvents(id: string, createdAt: number, model: string, answer: ChatAnswer, makeId: () => string): string[] {
  const events: string[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => events.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: events.length, ...fields })}\n\n`);
  emit("response.created", { response: responseBody(id, createdAt, model, answer, makeId, "in_progress") });
  const done = responseBody(id, createdAt, model, answer, makeId);
  const items = done.output as Array<Record<string, unknown>>;
  items.forEach((item, index) => {
    if (item.type === "message") {
      const text = answer.content ?? "";
      emit("response.output_item.added", { output_index: index, item: { ...item, status: "in_progress", content: [] } });
      emit("response.content_part.added", { output_index: index, item_id: item.id, content_index: 0, part: { type: "output_text", text: "", annotations: [] } });
      emit("response.output_text.delta", { output_index: index, item_id: item.id, content_index: 0, delta: text, logprobs: [] });
      emit("response.output_text.done", { output_index: index, item_id: item.id, content_index: 0, text, logprobs: [] });
      emit("response.content_part.done", { output_index: index, item_id: item.id, content_index: 0, part: { type: "output_text", text, annotations: [] } });
    } else {
      emit("response.output_item.added", { output_index: index, item: { ...item, status: "in_progress", arguments: "" } });
      emit("response.function_call_arguments.delta", { output_index: index, item_id: item.id, delta: item.arguments });
      emit("response.function_call_arguments.done", { output_index: index, item_id: item.id, arguments: item.arguments });
    }
    emit("response.output_item.done", { output_index: index, item });
  });
  emit("response.completed", { response: done });
  return events;
}
