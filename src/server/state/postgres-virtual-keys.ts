import type pg from "pg";
import { z } from "zod";
import { keyColumns, keyFromRow, keyHash, keyRefusal, newKeySecret, periodStart, UnknownKeyError, type CreateKeyOptions, type KeyRefusal, type KeyReservation, type VirtualKey, type VirtualKeyStore } from "../../openai/index.ts";
import { inTransaction, PostgresTables } from "./postgres-schema.ts";

const usedRow = z.object({ requests: z.number(), tokens: z.number() });
const spendRow = z.object({ spent_usd: z.number(), reserved_usd: z.number() });
/** How long a replica trusts its view of a key (revocation, anyLive): one second, as the SQLite store re-reads. */
const cacheMs = 1_000;

/**
 * Virtual keys in Postgres, shared by every replica: one budget and one rpm/tpm window per key across the
 * fleet. A reservation locks the key's row (SELECT … FOR UPDATE), so replicas admitting requests of one key
 * take turns for the few statements of the check, and the spend each one sees includes every reservation
 * committed before it.
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

  reserve(key: VirtualKey, costUsd: number, tokens: number, now: number): Promise<KeyReservation | KeyRefusal> {
    const start = periodStart(key.period, now);
    const minute = periodStart("minute", now);
    return inTransaction(this.pool, async (client) => {
      await client.query(`SELECT 1 FROM ${this.t.keys} WHERE id = $1 FOR UPDATE`, [key.id]);
      const used = await client.query(`SELECT requests, tokens FROM ${this.t.keyMinute} WHERE key_id = $1 AND minute = $2`, [key.id, minute]);
      const spend = await client.query(`SELECT spent_usd, reserved_usd FROM ${this.t.keySpend} WHERE key_id = $1 AND period_start = $2`, [key.id, start]);
      const window = used.rows[0] === undefined ? { requests: 0, tokens: 0 } : usedRow.parse(used.rows[0]);
      const money = spend.rows[0] === undefined ? { spent_usd: 0, reserved_usd: 0 } : spendRow.parse(spend.rows[0]);
      const refusal = keyRefusal(key, { requests: window.requests, tokens: window.tokens, spentUsd: money.spent_usd, reservedUsd: money.reserved_usd }, costUsd, tokens);
      if (refusal !== undefined) return refusal;
      await client.query(`INSERT INTO ${this.t.keySpend} (key_id, period_start, reserved_usd) VALUES ($1, $2, $3) ON CONFLICT (key_id, period_start) DO UPDATE SET reserved_usd = ${this.t.keySpend}.reserved_usd + excluded.reserved_usd`, [key.id, start, costUsd]);
      await client.query(`INSERT INTO ${this.t.keyMinute} (key_id, minute, requests, tokens) VALUES ($1, $2, 1, $3) ON CONFLICT (key_id, minute) DO UPDATE SET requests = ${this.t.keyMinute}.requests + 1, tokens = ${this.t.keyMinute}.tokens + excluded.tokens`, [key.id, minute, tokens]);
      return { start, minute };
    });
  }

  async release(key: VirtualKey, reservation: KeyReservation, reservedUsd: number, spentUsd: number, tokenDelta: number): Promise<void> {
    await inTransaction(this.pool, async (client: pg.PoolClient) => {
      await client.query(`UPDATE ${this.t.keySpend} SET reserved_usd = GREATEST(0, reserved_usd - $1), spent_usd = spent_usd + $2 WHERE key_id = $3 AND period_start = $4`, [reservedUsd, spentUsd, key.id, reservation.start]);
      await client.query(`UPDATE ${this.t.keyMinute} SET tokens = GREATEST(0, tokens + $1) WHERE key_id = $2 AND minute = $3`, [tokenDelta, key.id, reservation.minute]);
    });
  }
}
