import { SwitchyardError, type SwitchyardErrorCode } from "../errors.ts";

/** The `type` field of OpenAI's error object. */
export type OpenAIErrorType = "invalid_request_error" | "authentication_error" | "permission_error" | "rate_limit_error" | "api_error" | "not_found_error";

/** OpenAI's error body: what every /v1 failure answers with, so OpenAI clients raise their typed errors. */
export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

/**
 * A /v1 request refused or failed, carrying OpenAI's error fields: `param` names the request field at fault
 * (`messages.2.content`, `response_format.json_schema.schema.properties.id.pattern`), `status` the HTTP status.
 *
 * @example
 * throw new OpenAIRequestError({ status: 400, param: "model", message: 'model "gpt-9" is not served. Fix: use one of: extract' });
 */
export class OpenAIRequestError extends SwitchyardError {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly errorCode: string | null;
  /** What the attempts made before the failure cost: budgets settle on them. */
  attempts: readonly { cost_usd: number; input_tokens: number; output_tokens: number }[] = [];

  constructor(fields: { status: number; message: string; param?: string | null; type?: OpenAIErrorType; code?: string | null; switchyardCode?: SwitchyardErrorCode; cause?: unknown }) {
    super(fields.switchyardCode ?? "input_invalid", fields.message, fields.cause === undefined ? {} : { cause: fields.cause });
    this.status = fields.status;
    this.type = fields.type ?? typeFor(fields.status);
    this.param = fields.param ?? null;
    this.errorCode = fields.code ?? null;
  }

  /** The body OpenAI clients parse. */
  body(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.errorCode } };
  }
}

function typeFor(status: number): OpenAIErrorType {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  return status < 500 ? "invalid_request_error" : "api_error";
}

/** Any thrown value as an OpenAIRequestError: ours pass through, a SwitchyardError keeps its message, the rest is a 500. */
export function asOpenAIError(error: unknown): OpenAIRequestError {
  if (error instanceof OpenAIRequestError) return error;
  if (error instanceof SwitchyardError) {
    const status = error.code === "input_invalid" || error.code === "schema_unsupported" || error.code === "model_group_unknown" || error.code === "deployment_unknown" || error.code === "input_too_large" ? 400 : 502;
    return new OpenAIRequestError({ status, message: error.message, code: error.code, cause: error });
  }
  return new OpenAIRequestError({ status: 500, message: `internal error: ${error instanceof Error ? error.message : String(error)}`, code: "internal_error", cause: error });
}
