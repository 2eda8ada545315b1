import { SwitchyardError } from "../errors.ts";

/** Why an A2A peer, card, token or payload was refused; each is a security event and a metric label. */
export const refusalReasons = [
  "token_missing",
  "token_invalid",
  "token_expired",
  "token_audience",
  "token_issuer_unknown",
  "token_replayed",
  "token_lifetime",
  "body_signature",
  "card_signature",
  "card_unknown_key",
  "card_expired",
  "card_endpoint",
  "card_malformed",
  "payload_too_large",
  "payload_malformed",
  "payload_invalid",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/**
 * A refused A2A interaction: the reason names the check that failed, the message what was seen and the fix.
 * The server answers it as the A2A error for its reason (unauthenticated, or invalid params for a payload).
 *
 * @example
 * throw new A2aRefusalError("token_expired", "token expired at 2026-12-06T09:00:00Z. Fix: get a new token (TTL 300 s).");
 */
export class A2aRefusalError extends SwitchyardError {
  /** The JSON-RPC code when it is not the reason's own: a broken envelope is -32600 (Invalid Request), not -32602. */
  readonly rpcCode: number | undefined;

  constructor(
    readonly reason: RefusalReason,
    detail: string,
    options: { cause?: unknown; rpcCode?: number } = {},
  ) {
    super("a2a_refused", `A2A refused (${reason}): ${detail}`, options.cause === undefined ? {} : { cause: options.cause });
    this.rpcCode = options.rpcCode;
  }
}
