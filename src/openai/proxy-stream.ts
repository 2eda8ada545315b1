import type { ChatRequest } from "./chat-request.ts";
import { chunkBody, type ChatUsage } from "./completion-shape.ts";
import { StreamInterruptedError } from "../routing/index.ts";
import { OpenAIRequestError } from "./openai-error.ts";
import type { AttemptResult, AttemptTarget } from "./route-attempts.ts";
import { sseData } from "./sse-lines.ts";
import type { Upstreams } from "./upstream.ts";
import { postUpstream } from "./upstream-request.ts";
import { usageFrom } from "./chat-runs.ts";

interface StreamChunk {
  choices?: Array<{ delta?: { content?: string | null; tool_calls?: unknown[]; role?: string }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null } | null;
}

/**
 * One streamed answer across attempts, as the client sees it: text already sent, whether tool calls went out
 * (a stream cut inside a tool call cannot be continued), the chunk id, the summed usage.
 */
export class StreamedAnswer {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  emitted = "";
  sentRole = false;
  sentToolCalls = false;
  finished = false;
  usage: ChatUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  readonly #write: (data: string) => void;

  constructor(id: string, created: number, model: string, write: (data: string) => void) {
    this.id = id;
    this.created = created;
    this.model = model;
    this.#write = write;
  }

  send(delta: Record<string, unknown>, finishReason: string | null): void {
    if (!this.sentRole) {
      this.#write(chunkBody(this.id, this.created, this.model, { role: "assistant", content: "" }, null));
      this.sentRole = true;
    }
    if (typeof delta.content === "string") this.emitted += delta.content;
    if (delta.tool_calls !== undefined) this.sentToolCalls = true;
    if (finishReason !== null) this.finished = true;
    this.#write(chunkBody(this.id, this.created, this.model, delta, finishReason));
  }

  sendUsage(): void {
    this.#write(chunkBody(this.id, this.created, this.model, {}, null, this.usage));
  }
}

/** The request that asks another deployment to continue the text already sent (an assistant prefix). */
function continuation(request: ChatRequest, emitted: string): ChatRequest {
  return emitted === "" ? request : { ...request, messages: [...request.messages, { role: "assistant", content: emitted }] };
}

/**
 * One streamed attempt on an OpenAI-compatible deployment, relayed as it arrives. After a failover the new
 * deployment continues from the text already sent: its output is held back until it either repeats that text
 * (then the repeat is dropped) or diverges from it (then it is a true continuation and goes out as is), so the
 * client never sees text twice. A stream that ends without a finish reason counts as dropped.
 */
export async function proxyStreamRun(upstreams: Upstreams, request: ChatRequest, target: AttemptTarget, answer: StreamedAnswer): Promise<AttemptResult<null>> {
  if (answer.sentToolCalls) throw new OpenAIRequestError({ status: 502, type: "api_error", code: "stream_interrupted", message: `the stream broke inside a tool call; a tool call cannot be continued on another deployment. Fix: retry the request.` });
  const resumeFrom = answer.emitted;
  const body = JSON.stringify({ ...continuation(request, resumeFrom), model: target.deployment.model, stream: true, stream_options: { include_usage: true } });
  const response = await postUpstream(target.deployment.id, upstreams.of(target.deployment), body, target.signal);
  let held = resumeFrom === "" ? undefined : "";
  let usage: StreamChunk["usage"];
  let finish: string | null = null;
  const received = () => answer.emitted.slice(resumeFrom.length) + (held ?? "");
  try {
    for await (const data of sseData(response, target.signal)) {
      if (data === "[DONE]") break;
      const chunk = JSON.parse(data) as StreamChunk;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (choice === undefined) continue;
      let content = choice.delta?.content ?? "";
      if (held !== undefined && content !== "") {
        held += content;
        content = "";
        if (held.length >= resumeFrom.length || !resumeFrom.startsWith(held)) {
          // Repeated the sent text: drop the repeat; diverged: a real continuation, send all of it.
          content = held.startsWith(resumeFrom) ? held.slice(resumeFrom.length) : held;
          held = undefined;
        }
      }
      const delta: Record<string, unknown> = {};
      if (content !== "") delta.content = content;
      if (choice.delta?.tool_calls !== undefined) delta.tool_calls = choice.delta.tool_calls;
      if (choice.finish_reason) finish = choice.finish_reason;
      if (Object.keys(delta).length > 0) answer.send(delta, null);
    }
  } catch (error) {
    throw new StreamInterruptedError(target.deployment.id, received(), error);
  }
  if (finish === null) throw new StreamInterruptedError(target.deployment.id, received(), new Error("the stream ended without a finish reason"));
  // A continuation shorter than the sent text that only repeated it adds nothing more.
  if (held !== undefined && !resumeFrom.startsWith(held)) answer.send({ content: held }, null);
  answer.send({}, finish);
  const counted = usageFrom(target, usage ?? undefined);
  answer.usage = { prompt_tokens: answer.usage.prompt_tokens + counted.inputTokens, completion_tokens: answer.usage.completion_tokens + counted.outputTokens, total_tokens: answer.usage.total_tokens + counted.inputTokens + counted.outputTokens };
  return { value: null, ...counted };
}
