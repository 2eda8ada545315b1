import { z } from "zod";
import { keyColumns, keyFromRow, keyHash, keyRefusal, newKeySecret, periodStart, UnknownKeyError, type CreateKeyOptions, type KeyRefusal, type KeyReservation, type VirtualKey, type VirtualKeyStore } from "../../openai/index.ts";
import { PostgresTables } from "./postgres-schema.ts";

const reserveRow = z.object({ reserved: z.boolean(), requests: z.number(), tokens: z.number(), spent_usd: z.number(), reserved_usd: z.number() });
const spendRow = z.object({ spent_usd: z.number(), reserved_usd: z.number() });
/** How long a replica trusts its view of a key (revocation, anyLive): one second, as the SQLite store re-reads. */
const cacheMs = 1_000;

/**
 * Virtual keys in Postgres, shared by every replica: one budget and one rpm/tpm window per key across the
 * fleet. A reservation is one call of `switchyard_key_reserve` (postgres-schema.ts): it locks the key's row
 * (SELECT … FOR UPDATE), so replicas admitting requests of one key take turns for the few statements of the
 * check, and the spend each one sees includes every reservation committed before it.
 */
export class PostgresVirtualKeys extends PostgresTables implements VirtualKeyStore {
  #live: { at: number; value: boolean } | undefined;
  readonly #byHash = new Map<string, { at: number; key: VirtualKey | undefined }>();

  async create(options: CreateKeyOptions = {}): Promise<{ key: string; record: VirtualKey }> {
    const { key, id } = newKeySecret();
    await this.pool.query(`INSERT INTO ${this.t.keys} (id, hash, name, models, rpm, tpm, budget_usd, period, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      id, keyHash(key), options.name ?? id, options.models === undefined ? null : JSON.stringify(options.models), options.rpm ?? null, options.tpm ?? null, options.budgetUsd ?? null, options.period ?? "month", this.now(),
    ]);
    this.#live = undefined;
    return { key, record: await this.get(id) };
  }

  async get(id: string): Promise<VirtualKey> {
    const { rows } = await this.pool.query(`SELECT ${keyColumns} FROM ${this.t.keys} WHERE id = $1`, [id]);
    if (rows[0] === undefined) throw new UnknownKeyError(id);
    return keyFromRow(rows[0]);
  }

  async list(): Promise<Array<VirtualKey & { spentUsd: number }>> {
    const { rows } = await this.pool.query(`SELECT ${keyColumns} FROM ${this.t.keys} ORDER BY created_at, id`);
    return Promise.all(rows.map(async (row: unknown) => {
      const found = keyFromRow(row);
      return { ...found, spentUsd: await this.spent(found) };
    }));
  }

  async revoke(id: string): Promise<VirtualKey> {
    await this.pool.query(`UPDATE ${this.t.keys} SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, [this.now(), id]);
    this.#live = undefined;
    this.#byHash.clear();
    return this.get(id);
  }

  async spent(key: VirtualKey): Promise<number> {
    const { rows } = await this.pool.query(`SELECT spent_usd, reserved_usd FROM ${this.t.keySpend} WHERE key_id = $1 AND period_start = $2`, [key.id, periodStart(key.period, this.now())]);
    return rows[0] === undefined ? 0 : spendRow.parse(rows[0]).spent_usd;
  }

  async anyLive(): Promise<boolean> {
    const now = this.now();
    if (this.#live === undefined || now - this.#live.at >= cacheMs) {
      const { rows } = await this.pool.query(`SELECT 1 FROM ${this.t.keys} WHERE revoked_at IS NULL LIMIT 1`);
      this.#live = { at: now, value: rows.length > 0 };
    }
    return this.#live.value;
  }

  async lookup(key: string): Promise<VirtualKey | undefined> {
    const hash = keyHash(key);
    const now = this.now();
    const cached = this.#byHash.get(hash);
    if (cached !== undefined && now - cached.at < cacheMs) return cached.key;
    const { rows } = await this.pool.query(`SELECT ${keyColumns} FROM ${this.t.keys} WHERE hash = $1`, [hash]);
    const found = rows[0] === undefined ? undefined : keyFromRow(rows[0]);
    const live = found?.revokedAt === undefined ? found : undefined;
    // Bounded: presented secrets are the caller's choice, so a flood of wrong ones must not grow this without end.
    if (this.#byHash.size >= 1_024) this.#byHash.clear();
    this.#byHash.set(hash, { at: now, key: live });
    return live;
  }

  async reserve(key: VirtualKey, costUsd: number, tokens: number, now: number): Promise<KeyReservation | KeyRefusal> {
    const start = periodStart(key.period, now);
    const minute = periodStart("minute", now);
    const { rows } = await this.pool.query(`SELECT reserved, requests, tokens, spent_usd, reserved_usd FROM ${this.t.keyReserve}($1, $2, $3, $4, $5, $6, $7, $8)`, [
      key.id, start, minute, costUsd, tokens, key.rpm ?? null, key.tpm ?? null, key.budgetUsd ?? null,
    ]);
    const read = reserveRow.parse(rows[0]);
    if (read.reserved) return { start, minute };
    const refusal = keyRefusal(key, { requests: read.requests, tokens: read.tokens, spentUsd: read.spent_usd, reservedUsd: read.reserved_usd }, costUsd, tokens);
    // The function and keyRefusal apply one rule; should they ever disagree, refuse on the budget (the safe side).
    return refusal ?? { limit: "budget", budgetUsd: key.budgetUsd ?? 0, committedUsd: read.spent_usd + read.reserved_usd, costUsd };
  }

  async release(key: VirtualKey, reservation: KeyReservation, reservedUsd: number, spentUsd: number, tokenDelta: number): Promise<void> {
    await this.pool.query(`SELECT ${this.t.keyRelease}($1, $2, $3, $4, $5, $6)`, [key.id, reservation.start, reservation.minute, reservedUsd, spentUsd, tokenDelta]);
  }
}
