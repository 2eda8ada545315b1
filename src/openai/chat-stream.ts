import type { ChatService, PreparedChat } from "./chat-service.ts";
import { toLangChainMessages } from "./chat-messages.ts";
import { langchainRun, structuredRun, type RunValue } from "./chat-runs.ts";
import { asOpenAIError, type OpenAIRequestError } from "./openai-error.ts";
import { proxyStreamRun, StreamedAnswer } from "./proxy-stream.ts";
import { routeAttempts, type AttemptResult, type AttemptTarget, type RoutedAnswer } from "./route-attempts.ts";

const encoder = new TextEncoder();

/** A whole answer (LangChain client or triad) sent as chunks, minus text an earlier attempt already sent. */
function sendWhole(answer: StreamedAnswer, resumeFrom: string, result: AttemptResult<RunValue>): void {
  if (result.invalid !== undefined || result.value.kind !== "answer") return;
  const whole = result.value.answer;
  const content = whole.content ?? "";
  const rest = resumeFrom !== "" && content.startsWith(resumeFrom) ? content.slice(resumeFrom.length) : content;
  if (rest !== "") answer.send({ content: rest }, null);
  whole.toolCalls.forEach((call, index) => answer.send({ tool_calls: [{ index, ...call }] }, null));
  answer.send({}, whole.finishReason);
  answer.usage = { prompt_tokens: answer.usage.prompt_tokens + whole.usage.prompt_tokens, completion_tokens: answer.usage.completion_tokens + whole.usage.completion_tokens, total_tokens: answer.usage.total_tokens + whole.usage.total_tokens };
}

export interface StreamOutcome {
  /** The SSE response, or the error to answer with when nothing was sent yet. */
  response: Response | OpenAIRequestError;
  /** Settles with the routed answer (or its failure) once the stream is over: what budgets settle on. */
  done: Promise<RoutedAnswer<unknown>>;
}

/**
 * Streams one chat completion as server-sent events. The HTTP status waits for the first event: a request no
 * deployment can take gets its OpenAI error status; once events went out, a failure ends the stream with an
 * OpenAI-shaped error event and `[DONE]`, never a hang.
 */
export async function streamChat(service: ChatService, prepared: PreparedChat, signal: AbortSignal): Promise<StreamOutcome> {
  const { request } = prepared;
  const includeUsage = request.stream_options?.include_usage === true;
  const queue: Uint8Array[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  let started: (() => void) | undefined;
  const firstEvent = new Promise<void>((resolve) => (started = resolve));
  const push = (text: string) => {
    queue.push(encoder.encode(text));
    started?.();
    wake?.();
  };
  const answer = new StreamedAnswer(`chatcmpl-${service.generateId()}`, Math.floor(service.now() / 1000), request.model, (data) => push(`data: ${data}\n\n`));
  let messages: ReturnType<typeof toLangChainMessages> | undefined;
  const done = routeAttempts(service.engine, { request: prepared.gatewayRequest, promptTokens: prepared.promptTokens, signal, structured: prepared.structured !== undefined, onFinish: (attempts) => service.observe(prepared, attempts), after: service.after }, async (target: AttemptTarget): Promise<AttemptResult<unknown>> => {
    const resumeFrom = answer.emitted;
    if (prepared.structured === undefined && target.deployment.provider === "openai") return proxyStreamRun(service.upstreams, request, target, answer);
    const base = (messages ??= toLangChainMessages(request.messages));
    const continued = resumeFrom === "" || prepared.structured !== undefined ? base : toLangChainMessages([...request.messages, { role: "assistant", content: resumeFrom }]);
    const result = prepared.structured === undefined ? await langchainRun(service.engine, request, continued, target, service.generateId) : await structuredRun(service.engine, prepared.structured, base, target);
    sendWhole(answer, prepared.structured === undefined ? resumeFrom : "", result);
    return result;
  });
  const finished = done.then(
    () => {
      if (includeUsage) answer.sendUsage();
      push("data: [DONE]\n\n");
    },
    (error: unknown) => {
      if (!answer.sentRole) return;
      push(`data: ${JSON.stringify(asOpenAIError(error).body())}\n\n`);
      push("data: [DONE]\n\n");
    },
  );
  void finished.finally(() => {
    closed = true;
    started?.();
    wake?.();
  });
  await firstEvent;
  if (queue.length === 0) {
    const failure = await done.then(() => undefined, (error: unknown) => asOpenAIError(error));
    if (failure !== undefined) return { response: failure, done };
  }
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
      const next = queue.shift();
      if (next !== undefined) controller.enqueue(next);
      else controller.close();
    },
  });
  return { response: new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" } }), done };
}
