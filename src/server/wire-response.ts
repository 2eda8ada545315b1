import type { Context } from "hono";
import { toWireJson } from "./wire-json.ts";

/** A JSON answer serialised with toWireJson (LangChain messages as plain dicts). */
export function wireJson(context: Context, value: unknown, status: 200 | 201 = 200): Response {
  return context.body(toWireJson(value ?? null), status, { "content-type": "application/json" });
}
