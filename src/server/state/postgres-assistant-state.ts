import type pg from "pg";
import { assistantRow, parseRecord, versionRow, type AssistantRecord, type AssistantVersion } from "../assistant-table.ts";
import { inTransaction, type ServerTableNames } from "./postgres-schema.ts";
import type { AssistantState } from "./server-state.ts";

/** Assistants and their versions in Postgres: whole records as JSON text, as in the SQLite table. */
export class PostgresAssistantState implements AssistantState {
  readonly #pool: pg.Pool;
  readonly #t: ServerTableNames;

  constructor(pool: pg.Pool, tables: ServerTableNames) {
    this.#pool = pool;
    this.#t = tables;
  }

  async get(assistantId: string): Promise<AssistantRecord | undefined> {
    const { rows } = await this.#pool.query<{ record: string }>(`SELECT record FROM ${this.#t.assistants} WHERE assistant_id = $1`, [assistantId]);
    return rows[0] === undefined ? undefined : parseRecord(assistantRow, rows[0].record, "server_assistants");
  }

  async all(): Promise<AssistantRecord[]> {
    const { rows } = await this.#pool.query<{ record: string }>(`SELECT record FROM ${this.#t.assistants} ORDER BY seq`);
    return rows.map((row) => parseRecord(assistantRow, row.record, "server_assistants"));
  }

  async save(assistant: AssistantRecord): Promise<AssistantRecord> {
    const { updated_at: _updated, ...version } = assistant;
    await inTransaction(this.#pool, async (client) => {
      await client.query(`INSERT INTO ${this.#t.assistants} (assistant_id, record) VALUES ($1, $2) ON CONFLICT (assistant_id) DO UPDATE SET record = excluded.record`, [assistant.assistant_id, JSON.stringify(assistant)]);
      await client.query(`INSERT INTO ${this.#t.versions} (assistant_id, version, record) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [assistant.assistant_id, assistant.version, JSON.stringify(version)]);
    });
    return assistant;
  }

  async versions(assistantId: string): Promise<AssistantVersion[]> {
    const { rows } = await this.#pool.query<{ record: string }>(`SELECT record FROM ${this.#t.versions} WHERE assistant_id = $1 ORDER BY version DESC`, [assistantId]);
    return rows.map((row) => parseRecord(versionRow, row.record, "server_assistant_versions"));
  }

  async latestVersion(assistantId: string): Promise<number> {
    const { rows } = await this.#pool.query<{ latest: number | null }>(`SELECT MAX(version) AS latest FROM ${this.#t.versions} WHERE assistant_id = $1`, [assistantId]);
    return rows[0]?.latest ?? 0;
  }

  delete(assistantId: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      await client.query(`DELETE FROM ${this.#t.versions} WHERE assistant_id = $1`, [assistantId]);
      return ((await client.query(`DELETE FROM ${this.#t.assistants} WHERE assistant_id = $1`, [assistantId])).rowCount ?? 0) > 0;
    });
  }
}
