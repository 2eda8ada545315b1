import { SwitchyardError } from "../errors.ts";
import { isRecord } from "../output-modes/json-schema.ts";
import type { RefusalReason } from "./a2a-refusal.ts";

/** The refusals that say the remote agent does not (yet) accept our credentials: a person can fix them. */
const authReasons: ReadonlySet<string> = new Set<RefusalReason>(["token_missing", "token_invalid", "token_expired", "token_audience", "token_issuer_unknown", "token_lifetime", "body_signature"]);

/**
 * The remote agent refused our credentials (our issuer not among its peers, a key it does not know, a clock
 * outside its skew, a body it wants signed). Nothing ran there. A delegating graph pauses on it as its own
 * AUTH_REQUIRED, so an operator can fix the trust and the caller continue the task.
 */
export class RemoteAuthRefusedError extends SwitchyardError {
  constructor(
    readonly agent: string,
    readonly reason: string,
    detail: string,
  ) {
    super("a2a_refused", `remote agent ${agent} refused our credentials (${reason}): ${detail}. Fix: make this agent a trusted peer there (its issuer and JWKS URL or pinned key in the remote's a2a.peers), then continue the task.`);
  }
}

/** The refusal reason a remote A2A error carries (`data[0].reason`, as our server and the SDK's errors put it). */
function refusalReason(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  const data = error.data;
  const first: unknown = Array.isArray(data) ? data[0] : data;
  if (isRecord(first) && typeof first.reason === "string") return first.reason;
  const message = error instanceof Error ? error.message : "";
  return /A2A refused \(([a-z_]+)\)/.exec(message)?.[1];
}

/** `error` as a RemoteAuthRefusedError when the remote refused our credentials; undefined otherwise. */
export function remoteAuthRefusal(agent: string, error: unknown): RemoteAuthRefusedError | undefined {
  const reason = refusalReason(error);
  if (reason === undefined || !authReasons.has(reason)) return undefined;
  return new RemoteAuthRefusedError(agent, reason, error instanceof Error ? error.message : String(error));
}
