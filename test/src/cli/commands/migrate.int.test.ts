import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../../../src/cli/args.ts";
import { migrateCommand } from "../../../../src/cli/commands/migrate.ts";
import { EXIT_CODES } from "../../../../src/cli/exit-codes.ts";
import { writeMigrationFixture } from "../../../support/migration-fixture.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../../support/services.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("switchyard migrate (the command)", () => {
  const schema = runScopedName("switchyard_migrate_cli");
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-migrate-cli-"));
  const file = path.join(directory, "state.db");
  const printed: string[] = [];

  beforeAll(async () => {
    await writeMigrationFixture(file, { threads: 2, turns: 5, items: 5 });
  }, 120_000);
  afterEach(() => {
    vi.restoreAllMocks();
    printed.length = 0;
  });
  afterAll(async () => {
    await dropPostgresSchema(schema);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const run = async (argv: string[]): Promise<number> => {
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    return migrateCommand(argv);
  };

  it("migrates, says verified equal, and exits 3 naming the checkpoint when the target was altered behind its back", async () => {
    expect(await run(["--from", file, "--to", postgresUrl, "--schema", schema])).toBe(EXIT_CODES.succeeded);
    expect(printed.join("\n")).toMatch(/verified equal/);
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const [restored] = (await client.query<{ metadata: unknown }>(`SELECT metadata FROM "${schema}".checkpoints WHERE thread_id = 'thread-1' AND checkpoint_ns = '' ORDER BY checkpoint_id DESC LIMIT 1`)).rows;
      const { rows } = await client.query<{ checkpoint_id: string }>(`UPDATE "${schema}".checkpoints SET metadata = '{"step": 999}' WHERE checkpoint_id = (SELECT MAX(checkpoint_id) FROM "${schema}".checkpoints WHERE thread_id = 'thread-1' AND checkpoint_ns = '') RETURNING checkpoint_id`);
      printed.length = 0;
      expect(await run(["--from", file, "--to", postgresUrl, "--schema", schema, "--verify", "latest"])).toBe(EXIT_CODES.failed);
      expect(printed.join("\n")).toMatch(new RegExp(`NOT equal: 1 difference.*\\n.*thread "thread-1".*latest state differs \\(source ${rows[0]?.checkpoint_id}`));
      // A channel value changed at one version: the full check names the channel in the first checkpoint holding it.
      await client.query(`UPDATE "${schema}".checkpoints SET metadata = $1 WHERE checkpoint_id = $2`, [JSON.stringify(restored?.metadata), rows[0]?.checkpoint_id]);
      await client.query(`UPDATE "${schema}".checkpoint_blobs SET blob = convert_to('999', 'UTF8') WHERE thread_id = 'thread-0' AND channel = 'turns' AND type = 'json' AND version = (SELECT MIN(version) FROM "${schema}".checkpoint_blobs WHERE thread_id = 'thread-0' AND channel = 'turns' AND type = 'json')`);
      printed.length = 0;
      expect(await run(["--from", file, "--to", postgresUrl, "--schema", schema])).toBe(EXIT_CODES.failed);
      expect(printed.join("\n")).toMatch(/thread "thread-0".*differs in the values of turns/);
    } finally {
      await client.end();
    }
  }, 120_000);

  it("refuses missing or bad flags with the usage", async () => {
    await expect(run(["--from", file])).rejects.toThrow(UsageError);
    await expect(run(["--from", file, "--to", postgresUrl, "--verify", "some"])).rejects.toThrow(/--verify "some" is not one of history, latest/);
    await expect(run(["--from", file, "--to", postgresUrl, "--concurrency", "0"])).rejects.toThrow(/--concurrency/);
    await expect(run(["--from", file, "--to", "postgres://me:secret@db/x", "--schema", "bad name"])).rejects.toThrow(/--schema/);
    await expect(run(["--from", file, "--to", "http://me:secret@db/x"])).rejects.toThrow(/me:\*\*\*@db/);
  });
});
