import type { Context } from "hono";
import { A2aRefusalError, bodySignatureHeader, type RefusalReason, type VerifiedCaller } from "../a2a/index.ts";
import type { A2aGate } from "./a2a-gate.ts";
import { bufferedBody } from "./body-limit.ts";
import { tooDeep } from "./json-depth.ts";

export interface AdmissionOptions {
  gate: A2aGate;
  /** The token audience: this agent's URL, for either binding. */
  audience: string;
  maxBodyBytes: number;
  /** Read, parse and check the body (POST methods); GET methods carry none. */
  readBody: boolean;
}

const utf8 = new TextDecoder();

/** A request past the zero-trust checks (who called, its JSON body, undefined without one), or the refusal. */
export type Admission = { refused?: undefined; caller: VerifiedCaller | undefined; body: unknown } | { refused: A2aRefusalError; caller: VerifiedCaller | undefined };

/**
 * The checks both bindings run, in this order, before anything executes: declared size, bearer token
 * (before the body is read), actual size, JSON, nesting depth, the detached body signature. A refusal
 * comes back with the caller when the token had passed, so it is recorded against that peer.
 *
 * @example
 * const admission = await admit(context, { gate, audience: agentUrl(base, graph), maxBodyBytes, readBody: true });
 */
export async function admit(context: Context, options: AdmissionOptions): Promise<Admission> {
  let caller: VerifiedCaller | undefined;
  try {
    const declared = Number(context.req.header("content-length") ?? 0);
    if (declared > options.maxBodyBytes) throw new A2aRefusalError("payload_too_large", `body of ${declared} bytes; at most ${options.maxBodyBytes}.`);
    caller = await options.gate.authenticate(context.req.header("authorization"), options.audience);
    if (!options.readBody) return { caller, body: undefined };
    // The body-limit middleware already holds the bytes: asking Hono for text would wrap them in a web stream first.
    const buffered = bufferedBody(context);
    const text = buffered === undefined ? await context.req.text() : utf8.decode(buffered);
    if (Buffer.byteLength(text) > options.maxBodyBytes) throw new A2aRefusalError("payload_too_large", `body of ${Buffer.byteLength(text)} bytes; at most ${options.maxBodyBytes}.`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new A2aRefusalError("payload_malformed", "the body is not JSON. Fix: send a JSON request body.");
    }
    const depth = tooDeep(body);
    if (depth !== undefined) throw new A2aRefusalError("payload_malformed", `the body nests ${depth} levels deep. Fix: flatten it.`);
    await options.gate.checkBody(caller, body, context.req.header(bodySignatureHeader));
    return { caller, body };
  } catch (error) {
    if (!(error instanceof A2aRefusalError)) throw error;
    return { refused: error, caller };
  }
}

/** HTTP status and JSON-RPC code for a refusal: credentials 401, size 413, the rest a malformed request. */
export function refusalAnswer(reason: RefusalReason): { status: 400 | 401 | 413; code: number } {
  if (reason === "payload_too_large") return { status: 413, code: -32600 };
  if (reason === "payload_malformed") return { status: 400, code: -32700 };
  if (reason === "payload_invalid") return { status: 400, code: -32602 };
  if (reason.startsWith("token_")) return { status: 401, code: -32600 };
  return { status: 400, code: -32602 };
}

/** Headers for a refusal: a 401 says how to authenticate (RFC 6750). */
export function refusalHeaders(error: A2aRefusalError): Record<string, string> {
  return refusalAnswer(error.reason).status === 401 ? { "www-authenticate": `Bearer error="invalid_token", error_description="${error.reason}"` } : {};
}
