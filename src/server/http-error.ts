import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { bufferedBody } from "./body-limit.ts";
import { MAX_JSON_DEPTH, textTooDeep, tooDeep } from "./json-depth.ts";

/**
 * A request the server refuses: the HTTP status, the field that was wrong (a dotted path, or "body") and
 * a message with the fix. Routes throw it; the app's error handler answers `{ error, message, field }`.
 */
export class ServerRequestError extends SwitchyardError {
  readonly status: ContentfulStatusCode;
  readonly field: string | undefined;

  constructor(status: ContentfulStatusCode, message: string, field?: string) {
    super("server_request_invalid", message);
    this.status = status;
    this.field = field;
  }
}

/** 404 for a thread, run, assistant or item that does not exist. */
export function notFound(what: string, id: string): ServerRequestError {
  return new ServerRequestError(404, `${what} "${id}" not found`);
}

/** Validates a value with a zod schema, naming the first failing field. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? where : issue.path.join(".");
  throw new ServerRequestError(422, `${where} field "${field}": ${issue?.message ?? "invalid"}`, field);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads a JSON body; an empty body counts as `{}`, as the SDK omits bodies of all-optional calls. */
export async function readJson(context: Context): Promise<unknown> {
  let text: string;
  try {
    // Fatal: replacing bad bytes with U+FFFD would hand the graph a different input than the client sent.
    text = utf8.decode(bufferedBody(context) ?? (await context.req.arrayBuffer()));
  } catch {
    throw new ServerRequestError(400, "body is not valid UTF-8. Fix: encode the JSON body as UTF-8 (escape other bytes, e.g. base64 in a string).", "body");
  }
  if (text.trim() === "") return {};
  // A body sent as text, a form or anything but JSON is refused, even when it happens to parse as JSON.
  const type = context.req.header("content-type");
  if (type !== undefined && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type.trim())) {
    throw new ServerRequestError(415, `content-type "${type.slice(0, 80)}" is not JSON. Fix: send the body with "content-type: application/json".`, "content-type");
  }
  const tooDeepMessage = `body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects. Fix: flatten the value (send deep structures as a string).`;
  if (textTooDeep(text) !== undefined) throw new ServerRequestError(400, tooDeepMessage, "body");
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new ServerRequestError(400, 'body is not valid JSON. Fix: send a JSON object with "content-type: application/json".', "body");
  }
  // The text scan already held; kept as the guarantee that every later recursive walk relies on.
  if (tooDeep(value) !== undefined) throw new ServerRequestError(400, tooDeepMessage, "body");
  return value;
}
