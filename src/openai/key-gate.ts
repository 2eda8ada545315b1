import { createHash, timingSafeEqual } from "node:crypto";
import type Database from "better-sqlite3";
import type { PreparedChat } from "./chat-service.ts";
import { OpenAIRequestError } from "./openai-error.ts";
import { periodStart, type VirtualKey, type VirtualKeys } from "./virtual-keys.ts";

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
 * /v1's authentication and admission. Budgets are reserved before the call inside one SQLite IMMEDIATE
 * transaction (the worst-case cost of the request over the deployments it may reach) and settled after it
 * with the provider's usage, so concurrent requests on one key can overrun by at most one request's error
 * in the estimate, never by a race. rpm/tpm are per-minute windows counted the same way.
 */
export class KeyGate {
  readonly #server: Buffer[];
  readonly #keys: VirtualKeys | undefined;
  readonly #now: () => number;
  readonly #reserve: ((key: VirtualKey, costUsd: number, tokens: number) => void) | undefined;
  readonly #settle: ((key: VirtualKey, start: number, minute: number, reservedUsd: number, spentUsd: number, tokenDelta: number) => void) | undefined;

  constructor(options: { apiKeys: readonly string[]; keys: VirtualKeys | undefined; now: () => number }) {
    this.#server = options.apiKeys.map(digest);
    this.#keys = options.keys;
    this.#now = options.now;
    if (options.keys !== undefined) {
      const database = options.keys.database;
      this.#reserve = this.#reserver(database);
      const release = database.prepare("UPDATE openai_key_spend SET reserved_usd = MAX(0, reserved_usd - ?), spent_usd = spent_usd + ? WHERE key_id = ? AND period_start = ?");
      const tokens = database.prepare("UPDATE openai_key_minute SET tokens = MAX(0, tokens + ?) WHERE key_id = ? AND minute = ?");
      this.#settle = (key, start, minute, reservedUsd, spentUsd, tokenDelta) => {
        database.transaction(() => {
          release.run(reservedUsd, spentUsd, key.id, start);
          tokens.run(tokenDelta, key.id, minute);
        }).immediate();
      };
    }
  }

  authenticate(header: (name: string) => string | undefined): Caller {
    const presented = presentedKey(header);
    // No server keys and no live virtual key: /v1 is as open as the LangGraph API. Once a key exists, a key is required.
    if (this.#server.length === 0 && (this.#keys === undefined || !this.#keys.anyLive())) return { kind: "open" };
    if (presented !== undefined && presented !== "") {
      const mine = digest(presented);
      if (this.#server.some((known) => timingSafeEqual(known, mine))) return { kind: "server" };
      const key = presented.startsWith("sk-sy-") ? this.#keys?.lookup(presented) : undefined;
      if (key !== undefined) return { kind: "virtual", key };
    }
    throw new OpenAIRequestError({ status: 401, code: "invalid_api_key", message: "missing, unknown or revoked API key. Fix: send a switchyard virtual key (sk-sy-…) or a server key as Authorization: Bearer KEY." });
  }

  /** Checks the key's allow-list, then reserves its budget and rate windows; throws 403/429 naming the limit. */
  admit(caller: Caller, prepared: PreparedChat): Admission {
    if (caller.kind !== "virtual" || this.#reserve === undefined || this.#settle === undefined) return noAdmission;
    const key = caller.key;
    if (key.models !== undefined && !key.models.includes(prepared.target.group)) {
      throw new OpenAIRequestError({ status: 403, param: "model", code: "model_not_allowed", message: `key ${key.name} may not call model group "${prepared.target.group}". Fix: use one of ${key.models.join(", ") || "(none)"}, or widen the key's --models.` });
    }
    const outputTokens = prepared.request.max_completion_tokens ?? prepared.request.max_tokens ?? DEFAULT_OUTPUT_TOKENS;
    const inputTokens = prepared.promptTokens;
    const estimateUsd = Math.max(0, ...prepared.target.reachable.map((deployment) => (inputTokens * deployment.price.input_per_1m + outputTokens * deployment.price.output_per_1m) / 1_000_000));
    const now = this.#now();
    const start = periodStart(key.period, now);
    const minute = periodStart("minute", now);
    const reservedTokens = inputTokens + outputTokens;
    this.#reserve(key, estimateUsd, reservedTokens);
    const settle = this.#settle;
    let settled = false;
    return {
      settle(attempts) {
        if (settled) return;
        settled = true;
        const spent = attempts.reduce((sum, attempt) => sum + attempt.cost_usd, 0);
        const used = attempts.reduce((sum, attempt) => sum + attempt.input_tokens + attempt.output_tokens, 0);
        settle(key, start, minute, estimateUsd, spent, used - reservedTokens);
      },
    };
  }

  #reserver(database: Database.Database): (key: VirtualKey, costUsd: number, tokens: number) => void {
    const spend = database.prepare("SELECT spent_usd, reserved_usd FROM openai_key_spend WHERE key_id = ? AND period_start = ?");
    const upsertSpend = database.prepare("INSERT INTO openai_key_spend (key_id, period_start, reserved_usd) VALUES (?, ?, ?) ON CONFLICT (key_id, period_start) DO UPDATE SET reserved_usd = reserved_usd + excluded.reserved_usd");
    const window = database.prepare("SELECT requests, tokens FROM openai_key_minute WHERE key_id = ? AND minute = ?");
    const upsertWindow = database.prepare("INSERT INTO openai_key_minute (key_id, minute, requests, tokens) VALUES (?, ?, 1, ?) ON CONFLICT (key_id, minute) DO UPDATE SET requests = requests + 1, tokens = tokens + excluded.tokens");
    return (key, costUsd, tokens) => {
      database.transaction(() => {
        const now = this.#now();
        const start = periodStart(key.period, now);
        const minute = periodStart("minute", now);
        const used = window.get(key.id, minute) as { requests: number; tokens: number } | undefined;
        if (key.rpm !== undefined && (used?.requests ?? 0) + 1 > key.rpm) throw limitError(key, "rpm", `${key.rpm} requests per minute`, `wait for the next minute`);
        if (key.tpm !== undefined && (used?.tokens ?? 0) + tokens > key.tpm) throw limitError(key, "tpm", `${key.tpm} tokens per minute (this request reserves ${tokens})`, `wait for the next minute, or lower max_tokens`);
        if (key.budgetUsd !== undefined) {
          const row = spend.get(key.id, start) as { spent_usd: number; reserved_usd: number } | undefined;
          const committed = (row?.spent_usd ?? 0) + (row?.reserved_usd ?? 0);
          if (committed + costUsd > key.budgetUsd) throw limitError(key, "budget", `its budget of $${key.budgetUsd} per ${key.period} ($${committed.toFixed(6)} spent or reserved, this request may cost up to $${costUsd.toFixed(6)})`, `wait for the next ${key.period}, lower max_tokens, or raise the budget`);
        }
        upsertSpend.run(key.id, start, costUsd);
        upsertWindow.run(key.id, minute, tokens);
      }).immediate();
    };
  }
}

function limitError(key: VirtualKey, limit: string, what: string, fix: string): OpenAIRequestError {
  return new OpenAIRequestError({ status: 429, type: "rate_limit_error", code: limit === "budget" ? "budget_exceeded" : "rate_limit_exceeded", message: `key ${key.name} is over ${what}. Fix: ${fix}.` });
}
