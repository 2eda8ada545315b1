import { describe, it, expect } from "vitest";
import { GoogleGenerativeAIFetchError, GoogleGenerativeAIResponseError } from "@google/generative-ai";
import { ContextOverflowError } from "@langchain/core/errors";
import { Ollama } from "ollama";
import { APIConnectionTimeoutError, APIError, AuthenticationError, InternalServerError, NotFoundError, RateLimitError } from "openai";
import { SwitchyardError } from "../../../src/errors.ts";
import { classifyError } from "../../../src/routing/index.ts";

function openAiError(status: number, body: object, headers: Record<string, string> = {}) {
  return APIError.generate(status, { error: body }, undefined, new Headers(headers));
}

/** ollama-js does not export ResponseError; get the real one by letting the client meet an HTTP error. */
async function ollamaError(status: number, body: string): Promise<unknown> {
  const client = new Ollama({ host: "http://127.0.0.1:1", fetch: async () => new Response(JSON.stringify({ error: body }), { status }) });
  try {
    await client.chat({ model: "llama3.1", messages: [{ role: "user", content: "hi" }] });
  } catch (error) {
    return error;
  }
  throw new Error("expected the Ollama client to throw");
}

describe("classifyError", () => {
  it("reads a 429 from the OpenAI SDK with its Retry-After header", () => {
    const error = openAiError(429, { message: "Rate limit reached for gpt-4o", type: "requests" }, { "retry-after": "7" });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(classifyError(error)).toMatchObject({ errorClass: "rate_limit", status: 429, retryAfterMs: 7_000, retryable: true });
  });

  it("prefers retry-after-ms over retry-after", () => {
    const error = openAiError(429, { message: "slow down" }, { "retry-after": "7", "retry-after-ms": "1500" });
    expect(classifyError(error).retryAfterMs).toBe(1_500);
  });

  it("sorts OpenAI 401, 404, 500 and connection timeouts", () => {
    expect(openAiError(401, { message: "Incorrect API key" })).toBeInstanceOf(AuthenticationError);
    expect(classifyError(openAiError(401, { message: "Incorrect API key" }))).toMatchObject({ errorClass: "auth", retryable: false });
    expect(openAiError(404, { message: "model gpt-9 does not exist" })).toBeInstanceOf(NotFoundError);
    expect(classifyError(openAiError(404, { message: "model gpt-9 does not exist" })).errorClass).toBe("not_found");
    expect(openAiError(500, { message: "oops" })).toBeInstanceOf(InternalServerError);
    expect(classifyError(openAiError(503, { message: "overloaded" }))).toMatchObject({ errorClass: "server_error", status: 503 });
    expect(classifyError(new APIConnectionTimeoutError())).toMatchObject({ errorClass: "timeout", retryable: true });
  });

  it("tells context-length and content-policy 400s from other bad requests", () => {
    const tooLong = openAiError(400, { message: "This model's maximum context length is 128000 tokens.", code: "context_length_exceeded" });
    expect(classifyError(tooLong)).toMatchObject({ errorClass: "context_window", retryable: false });
    expect(classifyError(ContextOverflowError.fromError(tooLong)).errorClass).toBe("context_window");
    const policy = openAiError(400, { message: "Your request was rejected as a result of our safety system.", code: "content_policy_violation" });
    expect(classifyError(policy).errorClass).toBe("content_policy");
    expect(classifyError(openAiError(400, { message: "Invalid value for 'temperature'" })).errorClass).toBe("bad_request");
  });

  it("reads Gemini fetch errors, including RetryInfo on 429", () => {
    const details = [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" }];
    const quota = new GoogleGenerativeAIFetchError("[429 Too Many Requests] Resource has been exhausted", 429, "Too Many Requests", details);
    expect(classifyError(quota)).toMatchObject({ errorClass: "rate_limit", status: 429, retryAfterMs: 37_000 });
    const denied = new GoogleGenerativeAIFetchError("[403 Forbidden] Permission denied", 403, "Forbidden");
    expect(classifyError(denied).errorClass).toBe("auth");
    const badKey = new GoogleGenerativeAIFetchError("[400 Bad Request] API key not valid. Please pass a valid API key.", 400, "Bad Request");
    expect(classifyError(badKey).errorClass).toBe("auth");
    const blocked = new GoogleGenerativeAIResponseError("Candidate was blocked due to SAFETY");
    expect(classifyError(blocked).errorClass).toBe("content_policy");
  });

  it("reads ollama-js ResponseError status_code", async () => {
    const missing = await ollamaError(404, 'model "llama9" not found, try pulling it first');
    expect((missing as { name: string }).name).toBe("ResponseError");
    expect(classifyError(missing)).toMatchObject({ errorClass: "not_found", status: 404 });
    expect(classifyError(await ollamaError(500, "llama runner process has terminated")).errorClass).toBe("server_error");
  });

  it("treats abort-signal timeouts as timeouts and dropped sockets as dropped streams", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(classifyError(timeout).errorClass).toBe("timeout");
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const terminated = new TypeError("terminated", { cause: reset });
    expect(classifyError(terminated)).toMatchObject({ errorClass: "stream_dropped", retryable: true });
    expect(classifyError(new Error("Premature close")).errorClass).toBe("stream_dropped");
    expect(classifyError(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })).errorClass).toBe("server_error");
  });

  it("maps switchyard's own errors", () => {
    expect(classifyError(new SwitchyardError("output_invalid", "missing field category")).errorClass).toBe("malformed_output");
    expect(classifyError(new SwitchyardError("stream_interrupted", "stream ended early")).errorClass).toBe("stream_dropped");
  });

  it("blames the backend, not the output mode, for a body the client could not read", async () => {
    // A broken body as the Ollama client meets it over HTTP: an HTML page where NDJSON should be.
    const client = new Ollama({ host: "http://127.0.0.1:1", fetch: async () => new Response("<html>502 Bad Gateway</html>", { status: 200 }) });
    const raw = await client.chat({ model: "llama3.1", messages: [{ role: "user", content: "hi" }] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(raw).toBeDefined();
    expect(classifyError(raw).errorClass).toBe("server_error");
    expect(classifyError(new SyntaxError("Unexpected token '<', \"<html>\" is not valid JSON")).errorClass).toBe("server_error");
    // The model's own bad answer, as LangChain's parsers report it, still switches the output mode.
    const parsing = Object.assign(new Error("Failed to parse. Text: '{broken'"), { lc_error_code: "OUTPUT_PARSING_FAILURE" });
    expect(classifyError(parsing).errorClass).toBe("malformed_output");
  });

  it("reads an HTTP-date Retry-After against the injected clock", () => {
    const error = openAiError(429, { message: "slow" }, { "retry-after": "Wed, 21 Oct 2015 07:28:10 GMT" });
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(classifyError(error, { now: () => now }).retryAfterMs).toBe(10_000);
  });
});
