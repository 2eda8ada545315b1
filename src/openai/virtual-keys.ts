import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { budgetPeriods, keyRefusal, type BudgetPeriod, type CreateKeyOptions, type KeyRefusal, type KeyReservation, type VirtualKey, type VirtualKeyStore } from "./virtual-key-store.ts";

export { budgetPeriods, type BudgetPeriod, type CreateKeyOptions, type VirtualKey };

/** The columns a key row is read with (both stores). */
export const keyColumns = "id, name, models, rpm, tpm, budget_usd, period, created_at, revoked_at";

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  models: z.string().nullable(),
  rpm: z.number().int().nullable(),
  tpm: z.number().int().nullable(),
  budget_usd: z.number().nullable(),
  period: z.enum(budgetPeriods),
  created_at: z.number(),
  revoked_at: z.number().nullable(),
});

const SCHEMA = `
CREATE TABLE IF NOT EXISTS openai_keys (
  id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL, models TEXT, rpm INTEGER, tpm INTEGER,
  budget_usd REAL, period TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE IF NOT EXISTS openai_key_spend (
  key_id TEXT NOT NULL, period_start INTEGER NOT NULL, spent_usd REAL NOT NULL DEFAULT 0, reserved_usd REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, period_start));
CREATE TABLE IF NOT EXISTS openai_key_minute (
  key_id TEXT NOT NULL, minute INTEGER NOT NULL, requests INTEGER NOT NULL DEFAULT 0, tokens INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, minute));`;

export class UnknownKeyError extends SwitchyardError {
  readonly keyId: string;
  constructor(keyId: string) {
    super("input_invalid", `no virtual key with id "${keyId}". Fix: list them with \`switchyard keys list\`.`);
    this.keyId = keyId;
  }
}

/** The SHA-256 a key is stored and looked up by. */
export function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Where a period that holds `now` started (UTC); `total` never rolls over. */
export function periodStart(period: BudgetPeriod, now: number): number {
  const date = new Date(now);
  switch (period) {
    case "minute":
      return now - (now % 60_000);
    case "hour":
      return now - (now % 3_600_000);
    case "day":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    case "month":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    case "total":
      return 0;
  }
}

/** A key row read back from disk, checked. */
export function keyFromRow(row: unknown): VirtualKey {
  const parsed = rowSchema.parse(row);
  return {
    id: parsed.id,
    name: parsed.name,
    models: parsed.models === null ? undefined : z.array(z.string()).parse(JSON.parse(parsed.models)),
    rpm: parsed.rpm ?? undefined,
    tpm: parsed.tpm ?? undefined,
    budgetUsd: parsed.budget_usd ?? undefined,
    period: parsed.period,
    createdAt: parsed.created_at,
    revokedAt: parsed.revoked_at ?? undefined,
  };
}

/** A new key's secret (shown once) and id. */
export function newKeySecret(): { key: string; id: string } {
  return { key: `sk-sy-${randomBytes(24).toString("base64url")}`, id: `key_${randomBytes(6).toString("hex")}` };
}

/**
 * Virtual API keys in SQLite beside the checkpoints: created, listed, revoked, looked up by hash. Spend and
 * per-minute counters live in their own tables, written only inside reserve's and release's IMMEDIATE
 * transactions, so processes sharing the file serialise on them.
 */
export class VirtualKeys implements VirtualKeyStore {
  readonly database: Database.Database;
  readonly #now: () => number;
  readonly #byHash: Database.Statement;
  readonly #anyLive: Database.Statement;
  readonly #reserve: (key: VirtualKey, costUsd: number, tokens: number, now: number) => KeyReservation | KeyRefusal;
  readonly #release: (key: VirtualKey, reservation: KeyReservation, reservedUsd: number, spentUsd: number, tokenDelta: number) => void;
  #live: { at: number; value: boolean } | undefined;

  constructor(database: Database.Database, now: () => number = Date.now) {
    this.database = database;
    this.#now = now;
    database.exec(SCHEMA);
    this.#anyLive = database.prepare("SELECT 1 FROM openai_keys WHERE revoked_at IS NULL LIMIT 1").pluck();
    this.#byHash = database.prepare(`SELECT ${keyColumns} FROM openai_keys WHERE hash = ?`);
    const spend = database.prepare("SELECT spent_usd, reserved_usd FROM openai_key_spend WHERE key_id = ? AND period_start = ?");
    const upsertSpend = database.prepare("INSERT INTO openai_key_spend (key_id, period_start, reserved_usd) VALUES (?, ?, ?) ON CONFLICT (key_id, period_start) DO UPDATE SET reserved_usd = reserved_usd + excluded.reserved_usd");
    const window = database.prepare("SELECT requests, tokens FROM openai_key_minute WHERE key_id = ? AND minute = ?");
    const upsertWindow = database.prepare("INSERT INTO openai_key_minute (key_id, minute, requests, tokens) VALUES (?, ?, 1, ?) ON CONFLICT (key_id, minute) DO UPDATE SET requests = requests + 1, tokens = tokens + excluded.tokens");
    const reserve = database.transaction((key: VirtualKey, costUsd: number, tokens: number, now: number): KeyReservation | KeyRefusal => {
      const start = periodStart(key.period, now);
      const minute = periodStart("minute", now);
      const used = window.get(key.id, minute) as { requests: number; tokens: number } | undefined;
      const spendRow = spend.get(key.id, start) as { spent_usd: number; reserved_usd: number } | undefined;
      const refusal = keyRefusal(key, { requests: used?.requests ?? 0, tokens: used?.tokens ?? 0, spentUsd: spendRow?.spent_usd ?? 0, reservedUsd: spendRow?.reserved_usd ?? 0 }, costUsd, tokens);
      if (refusal !== undefined) return refusal;
      upsertSpend.run(key.id, start, costUsd);
      upsertWindow.run(key.id, minute, tokens);
      return { start, minute };
    });
    // Immediate: the read and the write hold the file's write lock together, so another process cannot slip between.
    this.#reserve = (...args) => reserve.immediate(...args);
    const release = database.prepare("UPDATE openai_key_spend SET reserved_usd = MAX(0, reserved_usd - ?), spent_usd = spent_usd + ? WHERE key_id = ? AND period_start = ?");
    const correct = database.prepare("UPDATE openai_key_minute SET tokens = MAX(0, tokens + ?) WHERE key_id = ? AND minute = ?");
    const settle = database.transaction((key: VirtualKey, reservation: KeyReservation, reservedUsd: number, spentUsd: number, tokenDelta: number) => {
      release.run(reservedUsd, spentUsd, key.id, reservation.start);
      correct.run(tokenDelta, key.id, reservation.minute);
    });
    this.#release = (...args) => settle.immediate(...args);
  }

  /** Creates a key; the returned `key` is shown once and never stored. */
  async create(options: CreateKeyOptions = {}): Promise<{ key: string; record: VirtualKey }> {
    const { key, id } = newKeySecret();
    const createdAt = this.#now();
    this.database
      .prepare("INSERT INTO openai_keys (id, hash, name, models, rpm, tpm, budget_usd, period, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .run(id, keyHash(key), options.name ?? id, options.models === undefined ? null : JSON.stringify(options.models), options.rpm ?? null, options.tpm ?? null, options.budgetUsd ?? null, options.period ?? "month", createdAt);
    this.#live = undefined;
    return { key, record: await this.get(id) };
  }

  async anyLive(): Promise<boolean> {
    // Asked on every /v1 request of a server without keys: re-read once a second (another process may add one).
    const now = this.#now();
    if (this.#live === undefined || now - this.#live.at >= 1_000) this.#live = { at: now, value: this.#anyLive.get() !== undefined };
    return this.#live.value;
  }

  async lookup(key: string): Promise<VirtualKey | undefined> {
    const row: unknown = this.#byHash.get(keyHash(key));
    if (row === undefined) return undefined;
    const found = keyFromRow(row);
    return found.revokedAt === undefined ? found : undefined;
  }

  async get(id: string): Promise<VirtualKey> {
    const row: unknown = this.database.prepare(`SELECT ${keyColumns} FROM openai_keys WHERE id = ?`).get(id);
    if (row === undefined) throw new UnknownKeyError(id);
    return keyFromRow(row);
  }

  async list(): Promise<Array<VirtualKey & { spentUsd: number }>> {
    const rows = this.database.prepare(`SELECT ${keyColumns} FROM openai_keys ORDER BY created_at, id`).all();
    return Promise.all(rows.map(async (row) => {
      const found = keyFromRow(row);
      return { ...found, spentUsd: await this.spent(found) };
    }));
  }

  async spent(key: VirtualKey): Promise<number> {
    const row = this.database.prepare("SELECT spent_usd FROM openai_key_spend WHERE key_id = ? AND period_start = ?").pluck().get(key.id, periodStart(key.period, this.#now()));
    return typeof row === "number" ? row : 0;
  }

  async revoke(id: string): Promise<VirtualKey> {
    const changed = this.database.prepare("UPDATE openai_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(this.#now(), id).changes;
    this.#live = undefined;
    if (changed === 0) await this.get(id);
    return this.get(id);
  }

  async reserve(key: VirtualKey, costUsd: number, tokens: number, now: number): Promise<KeyReservation | KeyRefusal> {
    return this.#reserve(key, costUsd, tokens, now);
  }

  async release(key: VirtualKey, reservation: KeyReservation, reservedUsd: number, spentUsd: number, tokenDelta: number): Promise<void> {
    this.#release(key, reservation, reservedUsd, spentUsd, tokenDelta);
  }
}
