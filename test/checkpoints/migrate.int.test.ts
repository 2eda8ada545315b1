import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { PostgresStore } from "@langchain/langgraph-checkpoint-postgres/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqliteToPostgres } from "../../checkpoints/migrate.ts";
import { MigrateError } from "../../checkpoints/migrate-error.ts";
import { openSqliteSaver, SwitchyardSqliteStore } from "../../checkpoints/index.ts";
import { writeMigrationFixture, type MigrationFixture } from "../support/migration-fixture.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../support/services.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("switchyard migrate: SQLite file -> Postgres", () => {
  const schema = runScopedName("switchyard_migrate");
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-migrate-"));
  const file = path.join(directory, "state.db");
  let fixture: MigrationFixture;

  beforeAll(async () => {
    fixture = await writeMigrationFixture(file, { threads: 6, turns: 12, items: 60 });
  }, 120_000);
  afterAll(async () => {
    await dropPostgresSchema(schema);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("copies every checkpoint and store item, reads back equal through the official saver and store, and a re-run is a no-op", async () => {
    expect(fixture.checkpoints).toBeGreaterThan(300);
    const first = await migrateSqliteToPostgres({ from: file, to: postgresUrl, schema });
    expect(first.checkpoints.copied).toBe(fixture.checkpoints);
    expect(first.checkpoints.writes).toBeGreaterThan(0);
    expect(first.store).toMatchObject({ items: 60, copied: 60 });
    expect(first.verify.mismatches).toEqual([]);
    expect(first.verify.checkpointsCompared).toBe(fixture.checkpoints);

    // Independently of the migration's own check: the official saver and store, opened fresh, see the same threads.
    const source = openSqliteSaver(file);
    const sourceStore = new SwitchyardSqliteStore(source.database);
    const target = PostgresSaver.fromConnString(postgresUrl, { schema });
    const targetStore = new PostgresStore({ connectionOptions: postgresUrl, schema });
    try {
      for (let thread = 0; thread < fixture.threads; thread += 1) {
        const config = { configurable: { thread_id: `thread-${thread}` } };
        const [left, right] = await Promise.all([source.getTuple(config), target.getTuple(config)]);
        expect(right?.checkpoint.id).toBe(left?.checkpoint.id);
        expect(JSON.parse(JSON.stringify(right?.checkpoint.channel_values))).toEqual(JSON.parse(JSON.stringify(left?.checkpoint.channel_values)));
        expect(right?.metadata).toEqual(left?.metadata);
        expect(right?.pendingWrites?.length).toBe(left?.pendingWrites?.length);
        const history = async (saver: PostgresSaver | typeof source) => {
          const ids: string[] = [];
          for await (const tuple of saver.list(config)) ids.push(`${tuple.checkpoint.id}<${tuple.parentConfig?.configurable?.checkpoint_id ?? ""}`);
          return ids;
        };
        expect(await history(target)).toEqual(await history(source));
      }
      const item = await targetStore.get(["users", "user-3", "profile"], "item-3");
      expect(item?.value).toEqual((await sourceStore.get(["users", "user-3", "profile"], "item-3"))?.value);
    } finally {
      source.close();
      await Promise.all([target.end(), targetStore.stop()]);
    }

    const second = await migrateSqliteToPostgres({ from: file, to: postgresUrl, schema, verify: "latest" });
    expect(second.checkpoints).toMatchObject({ copied: 0, skipped: fixture.checkpoints, writes: 0 });
    expect(second.store).toMatchObject({ copied: 0, skipped: 60 });
    expect(second.verify.mismatches).toEqual([]);
  }, 300_000);

  it("refuses a missing file, a file that is not switchyard's and a non-Postgres URL, naming the flag and the fix", async () => {
    await expect(migrateSqliteToPostgres({ from: path.join(directory, "missing.db"), to: postgresUrl })).rejects.toThrow(/--from: .*does not exist\. Fix:/);
    const stranger = path.join(directory, "stranger.db");
    fs.writeFileSync(stranger, "not sqlite at all, just text that is long enough to look like a header...".repeat(20));
    await expect(migrateSqliteToPostgres({ from: stranger, to: postgresUrl })).rejects.toThrow(MigrateError);
    await expect(migrateSqliteToPostgres({ from: file, to: "mysql://x" })).rejects.toThrow(/--to: .*Fix:/);
    await expect(migrateSqliteToPostgres({ from: file, to: postgresUrl, schema: 'x"; DROP' })).rejects.toThrow(/--schema/);
  });
});
