import { createHash, timingSafeEqual } from "node:crypto";
import type { PreparedChat } from "./chat-service.ts";
import { OpenAIRequestError } from "./openai-error.ts";
import type { KeyRefusal, VirtualKeyStore } from "./virtual-key-store.ts";
import type { VirtualKey } from "./virtual-keys.ts";

/** Who called: a server key (no per-key limits), a virtual key, or nobody when /v1 has no keys at all. */
export type Caller = { kind: "server" } | { kind: "open" } | { kind: "virtual"; key: VirtualKey };

/** A request's hold on its key's budget and rate windows, settled once with what its attempts really cost. */
export interface Admission {
  settle(attempts: readonly { cost_usd: number; input_tokens: number; output_tokens: number }[]): void;
}

const noAdmission: Admission = { settle: () => {} };
/** Output tokens reserved when the request sets no max_tokens. */
const DEFAULT_OUTPUT_TOKENS = 1024;

function presentedKey(header: (name: string) => string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header("authorization") ?? "");
  return match?.[1]?.trim() ?? header("x-api-key");
}

const digest = (key: string) => createHash("sha256").update(key).digest();

/**
 * /v1's authentication and admission. Budgets are reserved before the call inside one transaction of the
 * key store (the worst-case cost of the request over the deployments it may reach) and settled after it
 * with the provider's usage, so concurrent requests on one key, on one replica or several sharing the
 * store, can overrun by at most one request's error in the estimate, never by a race. rpm/tpm are
 * per-minute windows counted the same way.
 */
export class KeyGate {
  readonly #server: Buffer[];
  readonly #keys: VirtualKeyStore | undefined;
  readonly #now: () => number;
  readonly #log: ((line: string) => void) | undefined;

  constructor(options: { apiKeys: readonly string[]; keys: VirtualKeyStore | undefined; now: () => number; log?: (line: string) => void }) {
    this.#server = options.apiKeys.map(digest);
    this.#keys = options.keys;
    this.#now = options.now;
    this.#log = options.log;
  }

  async authenticate(header: (name: string) => string | undefined): Promise<Caller> {
    const presented = presentedKey(header);
    // No server keys and no live virtual key: /v1 is as open as the LangGraph API. Once a key exists, a key is required.
    if (this.#server.length === 0 && (this.#keys === undefined || !(await this.#keys.anyLive()))) return { kind: "open" };
    if (presented !== undefined && presented !== "") {
      const mine = digest(presented);
      if (this.#server.some((known) => timingSafeEqual(known, mine))) return { kind: "server" };
      const key = presented.startsWith("sk-sy-") ? await this.#keys?.lookup(presented) : undefined;
      if (key !== undefined) return { kind: "virtual", key };
    }
    throw new OpenAIRequestError({ status: 401, code: "invalid_api_key", message: "missing, unknown or revoked API key. Fix: send a switchyard virtual key (sk-sy-…) or a server key as Authorization: Bearer KEY." });
  }

  /** Checks the key's allow-list, then reserves its budget and rate windows; throws 403/429 naming the limit. */
  async admit(caller: Caller, prepared: PreparedChat): Promise<Admission> {
    const keys = this.#keys;
    if (caller.kind !== "virtual" || keys === undefined) return noAdmission;
    const key = caller.key;
    if (key.models !== undefined && !key.models.includes(prepared.target.group)) {
      throw new OpenAIRequestError({ status: 403, param: "model", code: "model_not_allowed", message: `key ${key.name} may not call model group "${prepared.target.group}". Fix: use one of ${key.models.join(", ") || "(none)"}, or widen the key's --models.` });
    }
    const outputTokens = prepared.request.max_completion_tokens ?? prepared.request.max_tokens ?? DEFAULT_OUTPUT_TOKENS;
    const inputTokens = prepared.promptTokens;
    const estimateUsd = Math.max(0, ...prepared.target.reachable.map((deployment) => (inputTokens * deployment.price.input_per_1m + outputTokens * deployment.price.output_per_1m) / 1_000_000));
    const reservedTokens = inputTokens + outputTokens;
    const reserved = await keys.reserve(key, estimateUsd, reservedTokens, this.#now());
    if ("limit" in reserved) throw refusalError(key, reserved);
    const log = this.#log;
    let settled = false;
    return {
      settle(attempts) {
        if (settled) return;
        settled = true;
        const spent = attempts.reduce((sum, attempt) => sum + attempt.cost_usd, 0);
        const used = attempts.reduce((sum, attempt) => sum + attempt.input_tokens + attempt.output_tokens, 0);
        // After the answer: a store that fails here leaves the reservation counted (the safe side), never the reply.
        void keys.release(key, reserved, estimateUsd, spent, used - reservedTokens).catch((error: unknown) => log?.(`key ${key.id}: settling spend failed: ${String(error)}`));
      },
    };
  }
}

function refusalError(key: VirtualKey, refusal: KeyRefusal): OpenAIRequestError {
  switch (refusal.limit) {
    case "rpm":
      return limitError(key, "rpm", `${refusal.rpm} requests per minute`, "wait for the next minute");
    case "tpm":
      return limitError(key, "tpm", `${refusal.tpm} tokens per minute (this request reserves ${refusal.tokens})`, "wait for the next minute, or lower max_tokens");
    case "budget":
      return limitError(key, "budget", `its budget of $${refusal.budgetUsd} per ${key.period} ($${refusal.committedUsd.toFixed(6)} spent or reserved, this request may cost up to $${refusal.costUsd.toFixed(6)})`, `wait for the next ${key.period}, lower max_tokens, or raise the budget`);
  }
}

function limitError(key: VirtualKey, limit: string, what: string, fix: string): OpenAIRequestError {
  return new OpenAIRequestError({ status: 429, type: "rate_limit_error", code: limit === "budget" ? "budget_exceeded" : "rate_limit_exceeded", message: `key ${key.name} is over ${what}. Fix: ${fix}.` });
}
