import type { ErrorClass } from "../config/schema.ts";
import { SwitchyardError } from "../errors.ts";

/** What the router needs to know about a failed call. */
export interface ClassifiedError {
  errorClass: ErrorClass;
  status?: number;
  /** From Retry-After / retry-after-ms headers or Gemini's RetryInfo detail. */
  retryAfterMs?: number;
  /** Whether trying again (here or elsewhere) can succeed without changing the request. */
  retryable: boolean;
  message: string;
}

const contextWindowPattern =
  /context_length_exceeded|maximum context length|context window|exceeds the context|too many tokens|input tokens exceed|prompt is too long|input is too long|token limit/i;
const contentPolicyPattern =
  /content_policy|content_filter|content management policy|responsible ai|safety (?:settings|filter|reasons)|blocked due to safety|response was blocked|finish reason:? ?safety|prohibited_content|blocklist|recitation/i;
const rateLimitPattern = /rate limit|too many requests|resource[_ ]exhausted|quota/i;
const timeoutPattern = /timed? ?out|timeout|deadline exceeded|ETIMEDOUT|UND_ERR_(?:HEADERS|BODY|CONNECT)_TIMEOUT/i;
// The Gemini SDK (@google/generative-ai) replaces a broken stream's socket error by "Error reading from the
// stream", and a stream that ends inside an event by "Failed to parse stream", both without a cause. A
// non-streamed body cut mid-way surfaces raw from response.json() as undici's "terminated".
const droppedPattern =
  /terminated|premature close|socket hang up|ECONNRESET|EPIPE|other side closed|UND_ERR_SOCKET|stream (?:ended|closed|interrupted)|aborted|Unexpected end of JSON|Error reading from the stream|Failed to parse stream/i;
const connectPattern = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|fetch failed|connection error/i;
const malformedPattern = /OUTPUT_PARSING_FAILURE|schema validation|output_invalid|decode_failed/i;
// A response body the client could not read (broken JSON, an HTML error page, a bad NDJSON line) is the
// backend's fault, not the output mode's: LangChain's parsers report a model's bad answer with
// OUTPUT_PARSING_FAILURE (caught above), so a bare SyntaxError here means the transport. Retrying the same
// deployment with another mode would spend the request's attempts on a broken backend.
const brokenBodyPattern = /invalid json|not valid json|failed to parse|unexpected token|is not valid JSON/i;

const retryableClasses: ReadonlySet<ErrorClass> = new Set([
  "rate_limit",
  "timeout",
  "server_error",
  "stream_dropped",
  "malformed_output",
]);

/**
 * Sorts an error thrown by @langchain/openai (OpenAI SDK APIError), @langchain/google-genai
 * (GoogleGenerativeAIFetchError / ResponseError), @langchain/ollama (ollama-js ResponseError), fetch/undici or
 * switchyard itself into one of the router's error classes. Causes are followed, because LangChain and undici
 * wrap the error that carries the status or the socket code.
 *
 * @example
 * const classified = classifyError(error);
 * if (classified.errorClass === "rate_limit") await sleep(classified.retryAfterMs ?? 1_000);
 */
export function classifyError(error: unknown, options: { now?: () => number } = {}): ClassifiedError {
  const now = options.now ?? Date.now;
  const chain = causeChain(error);
  const message = chain.map(describe).filter((text) => text.length > 0).join(" <- ") || String(error);
  const status = firstDefined(chain, readStatus);
  const retryAfterMs = firstDefined(chain, (link) => readRetryAfterMs(link, now()));
  const errorClass = classOf(chain, status, message);
  const result: ClassifiedError = { errorClass, retryable: retryableClasses.has(errorClass), message };
  if (status !== undefined) result.status = status;
  if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
  return result;
}

function classOf(chain: readonly unknown[], status: number | undefined, message: string): ErrorClass {
  const names = chain.map((link) => (link instanceof Error ? `${link.name} ${link.constructor.name}` : "")).join(" ");
  const codes = chain.map((link) => String(readField(link, "code") ?? "")).join(" ");
  const lcCode = firstDefined(chain, (link) => stringField(link, "lc_error_code"));
  const ownCode = chain.find((link): link is SwitchyardError => link instanceof SwitchyardError)?.code;

  if (/ContextOverflowError/.test(names) || codes.includes("context_length_exceeded") || contextWindowPattern.test(message)) {
    return "context_window";
  }
  if (codes.includes("content_filter") || codes.includes("content_policy_violation") || /ContentFilterFinishReasonError/.test(names)) {
    return "content_policy";
  }
  if (ownCode === "output_invalid" || ownCode === "decode_failed" || lcCode === "OUTPUT_PARSING_FAILURE" || /OutputParserException/.test(names)) {
    return "malformed_output";
  }
  if (ownCode === "stream_interrupted") return "stream_dropped";
  if (ownCode === "deadline_exceeded") return "timeout";
  if (status !== undefined) {
    if (status === 429) return "rate_limit";
    if (status === 401 || status === 403) return contentPolicyPattern.test(message) ? "content_policy" : "auth";
    if (status === 404) return "not_found";
    if (status === 408 || status === 504 || status === 524) return "timeout";
    if (status >= 500) return "server_error";
    if (status === 400 || status === 422) {
      if (contentPolicyPattern.test(message)) return "content_policy";
      if (/api key not valid|invalid api key|unauthenticated/i.test(message)) return "auth";
      if (rateLimitPattern.test(message) && /quota|exhausted/i.test(message)) return "rate_limit";
      return "bad_request";
    }
    if (status >= 400) return "bad_request";
  }
  if (/APIConnectionTimeoutError|TimeoutError|GoogleGenerativeAIAbortError/.test(names) || timeoutPattern.test(codes) || timeoutPattern.test(message)) {
    return "timeout";
  }
  if (contentPolicyPattern.test(message) || /GoogleGenerativeAIResponseError/.test(names) && /blocked/i.test(message)) {
    return "content_policy";
  }
  if (rateLimitPattern.test(message)) return "rate_limit";
  if (droppedPattern.test(codes) || droppedPattern.test(message) || /AbortError/.test(names)) return "stream_dropped";
  if (connectPattern.test(codes) || connectPattern.test(message) || /APIConnectionError/.test(names)) return "server_error";
  if (malformedPattern.test(message)) return "malformed_output";
  if (brokenBodyPattern.test(message) || isSyntaxError(chain)) return "server_error";
  return "server_error";
}

function isSyntaxError(chain: readonly unknown[]): boolean {
  return chain.some((link) => link instanceof SyntaxError);
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = readField(current, "cause");
  }
  return chain;
}

function describe(link: unknown): string {
  if (link instanceof Error) return link.message.split("\n\nTroubleshooting URL")[0] ?? link.message;
  if (typeof link === "string") return link;
  return "";
}

function readField(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Record<string, unknown>)[key];
}

function stringField(value: unknown, key: string): string | undefined {
  const field = readField(value, key);
  return typeof field === "string" ? field : undefined;
}

function firstDefined<T>(chain: readonly unknown[], read: (link: unknown) => T | undefined): T | undefined {
  for (const link of chain) {
    const value = read(link);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** OpenAI SDK and Gemini use `status`, ollama-js `status_code`, some HTTP clients `statusCode`. */
function readStatus(link: unknown): number | undefined {
  for (const key of ["status", "status_code", "statusCode"]) {
    const value = readField(link, key);
    if (typeof value === "number" && value >= 100 && value < 600) return value;
    if (typeof value === "string" && /^\d{3}$/.test(value)) return Number(value);
  }
  const response = readField(link, "response");
  const responseStatus = readField(response, "status");
  return typeof responseStatus === "number" && responseStatus >= 100 ? responseStatus : undefined;
}

function readRetryAfterMs(link: unknown, nowMs: number): number | undefined {
  const headers = readField(link, "headers") ?? readField(readField(link, "response"), "headers");
  const header = (name: string): string | undefined => {
    if (headers === undefined || headers === null) return undefined;
    const getter = readField(headers, "get");
    if (typeof getter === "function") {
      const value: unknown = getter.call(headers, name);
      return typeof value === "string" ? value : undefined;
    }
    const value = readField(headers, name);
    return typeof value === "string" ? value : undefined;
  };
  const milliseconds = Number(header("retry-after-ms"));
  if (header("retry-after-ms") !== undefined && Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const retryAfter = header("retry-after");
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  return geminiRetryDelayMs(readField(link, "errorDetails"));
}

/** Gemini puts `{ "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37s" }` in the error details. */
function geminiRetryDelayMs(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const type = stringField(detail, "@type");
    const delay = stringField(detail, "retryDelay");
    if (type?.endsWith("RetryInfo") && delay !== undefined) {
      const seconds = Number.parseFloat(delay);
      if (Number.isFinite(seconds)) return seconds * 1_000;
    }
  }
  return undefined;
}
