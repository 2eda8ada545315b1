import { z } from "zod";
import { isRecord } from "../output-modes/json-schema.ts";
import { A2aRefusalError } from "./a2a-refusal.ts";

const metadata = z.record(z.string(), z.unknown()).optional();
const part = z
  .strictObject({
    text: z.string().optional(),
    raw: z.string().optional(),
    url: z.string().url().optional(),
    data: z.unknown().optional(),
    metadata,
    filename: z.string().max(1_000).optional(),
    mediaType: z.string().max(200).optional(),
  })
  .refine((value) => ["text", "raw", "url", "data"].filter((key) => key in value).length === 1, { message: "a part holds exactly one of text, raw, url or data" });

const message = z.looseObject({
  messageId: z.string().min(1).max(200),
  role: z.enum(["ROLE_USER", "ROLE_AGENT"]),
  parts: z.array(part).min(1, "parts must not be empty").max(64),
  contextId: z.string().max(200).optional(),
  taskId: z.string().max(200).optional(),
  metadata,
  extensions: z.array(z.string().max(500)).max(32).optional(),
  referenceTaskIds: z.array(z.string().max(200)).max(32).optional(),
});

const historyLength = z.number().int().nonnegative().optional();
const taskId = z.string().min(1).max(200);

/** The JSON-RPC methods we serve (v1.0, and v0.3 below), each with the params we accept. */
const paramsByMethod: Record<string, z.ZodType> = {
  SendMessage: z.looseObject({ message, configuration: z.looseObject({ historyLength, acceptedOutputModes: z.array(z.string()).max(32).optional() }).optional(), metadata }),
  SendStreamingMessage: z.looseObject({ message, configuration: z.looseObject({ historyLength }).optional(), metadata }),
  GetTask: z.looseObject({ id: taskId, historyLength }),
  ListTasks: z.looseObject({ pageSize: z.number().int().min(1).max(100).optional(), pageToken: z.string().max(500).optional(), historyLength, contextId: z.string().max(200).optional() }),
  CancelTask: z.looseObject({ id: taskId, metadata }),
  SubscribeToTask: z.looseObject({ id: taskId }),
  GetExtendedAgentCard: z.looseObject({ tenant: z.string().max(200).optional() }),
};

// v0.3 shapes (JSON Schema era): `kind` discriminators, lower-case roles, slash-separated method names.
const legacyPart = z.discriminatedUnion("kind", [
  z.looseObject({ kind: z.literal("text"), text: z.string(), metadata }),
  z.looseObject({ kind: z.literal("data"), data: z.record(z.string(), z.unknown()), metadata }),
  z.looseObject({ kind: z.literal("file"), file: z.looseObject({ uri: z.string().optional(), bytes: z.string().optional() }), metadata }),
]);
const legacyMessage = z.looseObject({
  kind: z.literal("message"),
  messageId: z.string().min(1).max(200),
  role: z.enum(["user", "agent"]),
  parts: z.array(legacyPart).min(1, "parts must not be empty").max(64),
  contextId: z.string().max(200).optional(),
  taskId: z.string().max(200).optional(),
  metadata,
});
const legacySend = z.looseObject({ message: legacyMessage, configuration: z.looseObject({ historyLength }).optional(), metadata });
Object.assign(paramsByMethod, {
  "message/send": legacySend,
  "message/stream": legacySend,
  "tasks/get": z.looseObject({ id: taskId, historyLength }),
  "tasks/cancel": z.looseObject({ id: taskId, metadata }),
  "tasks/resubscribe": z.looseObject({ id: taskId }),
});

const envelope = z.strictObject({
  jsonrpc: z.literal("2.0"),
  id: z.union([z.string().max(200), z.number(), z.null()]).optional(),
  method: z.string().min(1).max(100),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** A JSON-RPC request this server accepts, before the SDK sees it. */
export type A2aRequest = z.infer<typeof envelope>;

/**
 * Parses a v1.0 or v0.3 JSON-RPC request at the trust edge: the envelope, a method we serve, and its params
 * (non-empty parts, a known role, one content kind per part, non-negative historyLength, bounded sizes).
 * Methods we do not serve pass through so the SDK answers them with the specified error.
 *
 * @example
 * const request = parseA2aRequest(JSON.parse(body)); // A2aRefusalError("payload_invalid") when malformed
 */
export function parseA2aRequest(value: unknown): A2aRequest {
  const outer = envelope.safeParse(value);
  if (!outer.success) throw invalid("request", outer.error, -32600);
  const schema = paramsByMethod[outer.data.method];
  if (schema === undefined) return outer.data;
  const params = schema.safeParse(outer.data.params ?? {});
  if (!params.success) throw invalid("params", params.error);
  return outer.data;
}

/**
 * Checks the params of one v1.0 method (a REST body, or JSON-RPC params) against the same schema the
 * JSON-RPC binding uses; methods without a schema pass (the SDK answers them).
 *
 * @example
 * parseA2aParams("SendMessage", body); // A2aRefusalError("payload_invalid") when malformed
 */
export function parseA2aParams(method: string, params: unknown): Record<string, unknown> {
  if (!isRecord(params)) throw new A2aRefusalError("payload_invalid", `the ${method} body is ${Array.isArray(params) ? "an array" : typeof params}. Fix: send a JSON object.`);
  const schema = paramsByMethod[method];
  const parsed = schema?.safeParse(params);
  if (parsed?.success === false) throw invalid("body", parsed.error);
  return params;
}

function invalid(where: string, error: z.ZodError, rpcCode?: number): A2aRefusalError {
  const issue = error.issues[0];
  const field = [where, ...(issue?.path ?? [])].join(".");
  return new A2aRefusalError("payload_invalid", `field ${field}: ${issue?.message ?? "invalid"}. Fix: send an A2A v1.0 (or v0.3) JSON-RPC request.`, rpcCode === undefined ? {} : { rpcCode });
}
