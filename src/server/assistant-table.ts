import type Database from "better-sqlite3";
import { z } from "zod";
import { SwitchyardError } from "../errors.ts";

/** The API's assistant record. */
export interface AssistantRecord {
  assistant_id: string;
  graph_id: string;
  config: Record<string, unknown>;
  context: Record<string, unknown>;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  version: number;
  name: string;
  description: string | null;
}

/** One saved version of an assistant (what `client.assistants.getVersions` lists). */
export type AssistantVersion = Omit<AssistantRecord, "updated_at">;

const record = z.record(z.string(), z.unknown());
export const assistantRow = z.object({
  assistant_id: z.string(),
  graph_id: z.string(),
  config: record,
  context: record,
  metadata: record,
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
});
export const versionRow = assistantRow.omit({ updated_at: true });

export function parseRecord<T>(schema: z.ZodType<T>, text: unknown, table: string): T {
  let value: unknown;
  try {
    value = JSON.parse(String(text));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new SwitchyardError("checkpoint_invalid", `a row of ${table} is malformed (${parsed.error.issues[0]?.path.join(".") || "row"}). Fix: delete the row or restore the file from a backup.`);
}

const schema = `
CREATE TABLE IF NOT EXISTS server_assistants (assistant_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS server_assistant_versions (assistant_id TEXT NOT NULL, version INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (assistant_id, version));
`;

/**
 * Assistants and their versions in `server_` tables beside the checkpoints: an assistant made with
 * `client.assistants.create` survives a restart, and every update is a new version one can go back to.
 * Whole records are stored as JSON: a server holds tens of assistants, so filters run in memory.
 */
export class AssistantTable {
  readonly #database: Database.Database;
  /** Prepared once: every run reads its assistant, and preparing costs more than the one-row read. */
  readonly #get: Database.Statement;
  /**
   * The last row text read per assistant and its parsed record: a run's read is then a string compare, not a
   * JSON parse and a schema check. Another process's update changes the text, so it is still seen at once.
   */
  readonly #parsed = new Map<string, { text: string; record: AssistantRecord }>();

  constructor(database: Database.Database) {
    this.#database = database;
    database.exec(schema);
    this.#get = database.prepare("SELECT record FROM server_assistants WHERE assistant_id = ?").pluck();
  }

  get(assistantId: string): AssistantRecord | undefined {
    const text: unknown = this.#get.get(assistantId);
    if (text === undefined) return undefined;
    const cached = this.#parsed.get(assistantId);
    if (cached !== undefined && cached.text === text) return cached.record;
    const record = parseRecord(assistantRow, text, "server_assistants");
    // Bounded: ids are caller-chosen (POST /assistants), so a flood of them must not grow this without end.
    if (this.#parsed.size >= 1_024) this.#parsed.clear();
    if (typeof text === "string") this.#parsed.set(assistantId, { text, record });
    return record;
  }

  all(): AssistantRecord[] {
    const texts: unknown[] = this.#database.prepare("SELECT record FROM server_assistants ORDER BY rowid").pluck().all();
    return texts.map((text) => parseRecord(assistantRow, text, "server_assistants"));
  }

  /** Writes the record and, when its version is new, the version row, in one transaction. */
  save(assistant: AssistantRecord): AssistantRecord {
    const { updated_at: _updated, ...version } = assistant;
    this.#database.transaction(() => {
      this.#database.prepare("INSERT INTO server_assistants (assistant_id, record) VALUES (?, ?) ON CONFLICT (assistant_id) DO UPDATE SET record = excluded.record").run(assistant.assistant_id, JSON.stringify(assistant));
      this.#database.prepare("INSERT OR IGNORE INTO server_assistant_versions (assistant_id, version, record) VALUES (?, ?, ?)").run(assistant.assistant_id, assistant.version, JSON.stringify(version));
    })();
    return assistant;
  }

  /** Versions of one assistant, newest first. */
  versions(assistantId: string): AssistantVersion[] {
    const texts: unknown[] = this.#database.prepare("SELECT record FROM server_assistant_versions WHERE assistant_id = ? ORDER BY version DESC").pluck().all(assistantId);
    return texts.map((text) => parseRecord(versionRow, text, "server_assistant_versions"));
  }

  latestVersion(assistantId: string): number {
    const value: unknown = this.#database.prepare("SELECT MAX(version) FROM server_assistant_versions WHERE assistant_id = ?").pluck().get(assistantId);
    return typeof value === "number" ? value : 0;
  }

  delete(assistantId: string): boolean {
    return this.#database.transaction(() => {
      this.#database.prepare("DELETE FROM server_assistant_versions WHERE assistant_id = ?").run(assistantId);
      return this.#database.prepare("DELETE FROM server_assistants WHERE assistant_id = ?").run(assistantId).changes > 0;
    })();
  }
}
